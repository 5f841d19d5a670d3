"""What the triage panel shows: suggestions with their labels in the user's language, confidences, reasons,
the choices for correcting them, the suggested bureau and the duplicate / group / signal findings."""

from __future__ import annotations

from django.utils.translation import get_language

from weiquan.cases.models import Case
from weiquan.cases.selectors import cases_visible_to
from weiquan.lib import taxonomy
from weiquan.lib.classify import REVIEW_BELOW
from weiquan.orgs.models import Organisation
from weiquan.regions.models import Region

from .models import Triage
from .services import EDITABLE, may_triage


def _label(entry) -> str:
    return entry.zh if (get_language() or "zh").startswith("zh") else entry.en


def choices(field: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Options for a correction: categories grouped by major class, the others flat."""
    if field == "category":
        groups = []
        for major in taxonomy.MAJORS:
            options = [(e.code, _label(e)) for e in taxonomy.CATEGORIES if e.parent == major.code]
            if options:
                groups.append((_label(major), options))
        return groups
    return [(None, [(e.code, _label(e)) for e in taxonomy.FACETS[field]])]


def _reason(field: str, reason: str) -> str:
    """A reason as the user reads it. The lexicon marks the two halves of a mixed text with the kind's code
    ("report: 依法查处"), and a request inferred from the kind and problem type names both ("投诉/质量"):
    shown with their labels in the user's language."""
    zh = (get_language() or "zh").startswith("zh")
    code, sep, words = reason.partition(": ")
    if field == "kind" and sep and (entry := taxonomy.lookup("kind", code)):
        return f"{_label(entry)}{'：' if zh else ': '}{words}"
    if field == "request":
        parts = reason.split("/")
        entries = [taxonomy.lookup(facet, part) for facet, part in zip(("kind", "problem"), parts, strict=False)]
        if len(parts) <= 2 and all(entries):
            return "/".join(_label(e) for e in entries)
    return reason


def _suggestion(triage: Triage, field: str, case: Case) -> dict:
    code = getattr(triage, field)
    confidence = getattr(triage, f"{field}_confidence")
    entry = taxonomy.lookup(field, code) if code else None
    current = taxonomy.lookup(field, getattr(case, field, "") or "") if field in EDITABLE else None
    major = taxonomy.major_of(code) if field == "category" and code else None
    return {
        "field": field, "code": code, "label": _label(entry) if entry else "",
        "major": _label(major) if major else "",
        "confidence": confidence, "percent": round(confidence * 100), "ask": not code or confidence < REVIEW_BELOW,
        "reasons": [_reason(field, r) for r in (triage.reasons or {}).get(field, [])],
        "current": getattr(case, field, "") if field in EDITABLE else "",
        "current_code": current.code if current else "",
        "agreed": bool(current and entry and current.code == entry.code),
        "editable": field in EDITABLE, "choices": choices(field) if field in EDITABLE else [],
    }


def _names(codes: list[str]) -> dict[str, str]:
    regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return regions


def duplicate_numbers(case: Case) -> list[str]:
    """The numbers of the possible duplicates triage found for `case`."""
    found = Triage.objects.filter(case_id=case.pk).values_list("duplicates", flat=True).first() or []
    return [d["number"] for d in found if d.get("number")]


def panel_context(user, case: Case) -> dict:
    triage = Triage.objects.select_related("group").filter(case=case).first()
    ctx = {"case": case, "triage": triage, "can_edit": False}
    if triage is None:
        from .queue import waiting

        ctx["waiting"] = waiting(case)
        return ctx
    org = Organisation.objects.filter(code=triage.org_code).first() if triage.org_code else None
    region_names = _names([triage.region_code, *triage.routing_candidates])
    group_cases = []
    if triage.group_id:  # the group's other cases the user may open (others are counted in the group's size)
        group_cases = list(cases_visible_to(user).filter(triage__group_id=triage.group_id).exclude(pk=case.pk)
                           .order_by("received_at").values_list("number", flat=True)[:50])
    # a duplicate handled by another bureau is still worth knowing of, but only by its number: no link
    numbers = [d.get("number") for d in triage.duplicates if d.get("number")]
    openable = set(cases_visible_to(user).filter(number__in=numbers).values_list("number", flat=True)) \
        if numbers else set()
    duplicates = [{**d, "openable": d.get("number") in openable} for d in triage.duplicates]
    oos = taxonomy.lookup("out_of_scope", triage.out_of_scope) if triage.out_of_scope else None
    ctx.update(
        can_edit=may_triage(user, case) and case.state != "closed",
        kind=_suggestion(triage, "kind", case),
        fields=[_suggestion(triage, f, case) for f in EDITABLE],
        out_of_scope=_label(oos) if oos else "",
        routing={
            "region_code": triage.region_code, "region_name": region_names.get(triage.region_code, ""),
            "org_code": triage.org_code, "org_name": org.name if org else "", "zone_code": triage.zone_code,
            "candidates": [(c, region_names.get(c, "")) for c in triage.routing_candidates],
            "matched": triage.routing_matched, "auto_routed": triage.auto_routed, "basis": triage.routing_basis,
            "alternatives": list(Organisation.objects.filter(code__in=triage.routing_alternatives or [])
                                 .values_list("code", "name")),
            "can_route": bool(org) and case.state == "received" and case.handling_org_id != getattr(org, "pk", None),
        },
        duplicates=duplicates, group=triage.group, group_cases=group_cases,
        signals=triage.signals, tags=[_label(t) for t in (taxonomy.lookup("tag", c) for c in triage.tags) if t],
    )
    return ctx
