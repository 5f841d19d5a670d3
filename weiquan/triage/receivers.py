"""Listening to `weiquan.cases.signals.case_registered`: every new case is triaged once."""

from __future__ import annotations


def on_case_registered(sender, case, actor=None, data=None, **kwargs):
    from .compute import triage_quietly

    if (data is not None and getattr(data, "extra", None) or {}).get("skip_triage"):
        return
    triage_quietly(case)
