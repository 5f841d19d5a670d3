"""Listening to `weiquan.cases.signals.case_registered`: every new case is triaged once."""

from __future__ import annotations


def on_case_registered(sender, case, actor=None, data=None, **kwargs):
    from .compute import triage_quietly

    if (data is not None and getattr(data, "extra", None) or {}).get("skip_triage"):
        return
    triage_quietly(case)
    # the other half of a mixed submission split at intake (Art. 9) is a new case too
    for sibling in case.split_cases.filter(triage__isnull=True):
        triage_quietly(sibling)
