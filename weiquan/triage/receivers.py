"""Listening to `weiquan.cases.signals.case_registered`: every new case is triaged once — now, or by the
worker a moment after the commit (`queue`, when `WEIQUAN_TRIAGE_DEFER` is on)."""

from __future__ import annotations


def on_case_registered(sender, case, actor=None, data=None, **kwargs) -> bool:
    """Returns True when the case may have changed here (inline triage can route a web submission)."""
    from . import queue
    from .compute import triage_quietly

    extra = (getattr(data, "extra", None) or {}) if data is not None else {}
    if extra.get("skip_triage"):
        return False
    # the other half of a mixed submission split at intake (Art. 9) is a new case too
    siblings = list(case.split_cases.filter(triage__isnull=True)) if extra.get("mixed") else []
    if queue.deferred():
        queue.request_triage([case.pk, *(s.pk for s in siblings)])
        return False
    triage_quietly(case)
    for sibling in siblings:
        triage_quietly(sibling)
    return True
