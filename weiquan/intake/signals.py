"""Signals of the intake app."""

from django.dispatch import Signal

# Sent once per committed-to-be batch of imported cases, inside the batch's transaction
# (kwargs: case_ids: list[int], actor). Triage listens here to work in bulk; when nobody does,
# `case_registered` is sent for each case instead, exactly as register_case would.
cases_imported = Signal()
