"""Triage of every new case: suggested kind, category, problem type, request and competent bureau, with
duplicate, group-complaint and professional-claimant checks — suggestions a clerk confirms or corrects."""
