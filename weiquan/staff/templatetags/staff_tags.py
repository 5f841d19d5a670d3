"""Small pieces of the workbench's look: state badges, due dates and clocks, labels."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.deadlines.calendar import get_calendar
from weiquan.deadlines.models import Clock
from weiquan.lib import taxonomy

from .. import labels

register = template.Library()


def _choice_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


@register.filter
def state_label(state: str) -> str:
    return _choice_label(Case.State, state)


@register.filter
def kind_label(kind: str) -> str:
    return _choice_label(Case.Kind, kind)


@register.filter
def channel_label(channel: str) -> str:
    return _choice_label(Case.Channel, channel)


@register.filter
def clock_kind_label(kind: str) -> str:
    return _choice_label(Clock.Kind, kind)


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action)


@register.filter
def problem_label(value: str) -> str:
    return labels.problem_label(value)


@register.filter
def taxonomy_label(value: str, facet: str) -> str:
    """A stored category or request — a Chinese label, as 12315 data carries them, a code or an alias — in the
    user's language; any other text as it is."""
    if not value:
        return value
    if facet == "category" and taxonomy.lookup(facet, value) is None:
        facet = "major"  # a major class (食品类) stands for a category too
    return taxonomy.label(facet, value, get_language() or "zh")


@register.simple_tag
def ground_label(code: str, version: str = "order121") -> str:
    return labels.ground_label(code, None, version) if code else ""


@register.simple_tag
def state_badge(state: str):
    family = labels.STATE_FAMILY.get(state, "open")
    return format_html('<span class="badge st-{}" data-state="{}">{}</span>', family, state, state_label(state))


def _calendar_and_today(context):
    """One calendar per render: views put `wq_calendar` and `wq_today` in the context."""
    calendar = context.get("wq_calendar")
    today = context.get("wq_today")
    if calendar is None:
        calendar = get_calendar()
        context["wq_calendar"] = calendar
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
        context["wq_today"] = today
    return calendar, today


def days_text(left: int) -> tuple[str, str]:
    """(text, css class) for working days left (negative: overdue)."""
    if left < 0:
        n = -left
        return ngettext("%(n)d working day overdue", "%(n)d working days overdue", n) % {"n": n}, "overdue"
    if left == 0:
        return _("due today"), "at-risk"
    text = ngettext("%(n)d working day left", "%(n)d working days left", left) % {"n": left}
    return text, ("at-risk" if left <= 2 else "ok")


@register.simple_tag(takes_context=True)
def due_cell(context, due: date | None):
    """A list's due column: the date and the working days left, coloured by risk."""
    if due is None:
        return mark_safe('<span class="due none">—</span>')
    calendar, today = _calendar_and_today(context)
    left = calendar.working_days_between(today, due)
    text, css = days_text(left)
    return format_html('<span class="due {}"><span class="due-date">{}</span> <span class="due-left">{}</span></span>',
                       css, due.isoformat(), text)


@register.simple_tag
def clock_status(clock: dict):
    """A clock on the case page: 剩 N 个工作日 / 超期 N 个工作日 / 已按时 / 已超期 / 已暂停."""
    state = clock["state"]
    if state == "running" and clock.get("working_days_left") is not None:
        text, css = days_text(clock["working_days_left"])
    elif state == "met":
        text, css = _("met"), "met"
    elif state == "breached":
        text, css = _("breached"), "overdue"
    elif state == "paused":
        text, css = _("paused"), "paused"
    else:
        text, css = _choice_label(Clock.State, state), "none"
    return format_html('<span class="clock-status {}" data-clock-state="{}">{}</span>', css, state, text)


@register.filter
def may_register(user) -> bool:
    from ..intake_views import may_register as allowed

    return allowed(user)


@register.filter
def is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or getattr(user, "role", "") == "admin"))


@register.filter
def row_risk(case, today: date | None = None) -> str:
    if case.next_due is None or today is None:
        return ""
    if case.next_due < today:
        return "row-overdue"
    return ""


@register.filter
def may_hand_over(user) -> bool:
    from weiquan.intake.doors import may_hand_over as allowed

    return bool(user.is_authenticated and allowed(user))


@register.filter
def may_record_station(user) -> bool:
    from weiquan.intake.doors import may_record_station as allowed

    return bool(user.is_authenticated and allowed(user))
