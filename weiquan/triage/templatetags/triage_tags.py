"""`{% triage_panel case %}`: the triage panel inside any staff page that has `request` in its context."""

from django import template

from ..presenters import panel_context

register = template.Library()


@register.inclusion_tag("triage/panel.html", takes_context=True)
def triage_panel(context, case):
    request = context.get("request")
    return {"tp": panel_context(getattr(request, "user", None), case), "request": request,
            "csrf_token": context.get("csrf_token")}


@register.filter
def percent_class(confidence: float) -> str:
    return "high" if confidence >= 0.75 else "mid" if confidence >= 0.5 else "low"
