"""My work and search: the lists a clerk or handler starts the day with."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from weiquan.cases import selectors
from weiquan.deadlines.calendar import get_calendar
from weiquan.lib import workflow

from . import worklists
from .forms import SearchForm

SEARCH_PAGE = 30


def base_context(**extra) -> dict:
    return {"wq_calendar": get_calendar(), "wq_today": timezone.localdate(), **extra}


@login_required
def my_work(request):
    today = timezone.localdate()
    lists = worklists.lists_for(request.user)
    querysets = {wl.key: worklists.queryset(request.user, wl.key, today) for wl in lists}
    counts = worklists.capped_counts(querysets)
    sections = []
    for wl in lists:
        rows, cursor = worklists.page(querysets[wl.key], None, size=10, with_orgs=False)
        count, capped = counts[wl.key]
        sections.append({"list": wl, "count": count, "capped": capped, "rows": rows, "cursor": cursor})
    worklists.attach_orgs([row for s in sections for row in s["rows"]])
    return render(request, "staff/my_work.html", base_context(sections=sections, nav="work",
                                                              triage_stalled=_triage_stalled()))


def _triage_stalled() -> int:
    from django.apps import apps

    if not apps.is_installed("weiquan.triage"):
        return 0
    from weiquan.triage.queue import stalled

    return stalled()


@login_required
def worklist(request, key: str):
    """One list of my work in full, page by page (keyset on next_due, id)."""
    lists = {wl.key: wl for wl in worklists.lists_for(request.user)}
    if key not in lists:
        raise Http404()
    today = timezone.localdate()
    qs = worklists.queryset(request.user, key, today)
    rows, cursor = worklists.page(qs, request.GET.get("after"))
    count, capped = worklists.capped_count(qs)
    return render(request, "staff/worklist.html", base_context(
        list=lists[key], rows=rows, cursor=cursor, more_query=f"after={cursor}" if cursor else "",
        count=count, capped=capped, nav="work"))


def _search(user, form: SearchForm):
    qs = selectors.cases_visible_to(user)
    data = form.cleaned_data
    term = (data.get("q") or "").strip()
    if term:
        qs = qs.filter(selectors.search_match(term))
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("org"):
        qs = qs.filter(handling_org__code=data["org"])
    if data.get("overdue"):
        qs = qs.filter(state__in=sorted(workflow.OPEN_STATES), next_due__lt=timezone.localdate())
    return qs


@login_required
def search(request):
    """All cases in scope, newest first, filtered; keyset pagination on id (`before`)."""
    form = SearchForm(request.GET, user=request.user)
    form.is_valid()  # invalid filters are dropped and shown as errors; valid ones still apply
    qs = _search(request.user, form)
    try:
        before = int(request.GET.get("before", ""))
    except ValueError:
        before = None
    if before:
        qs = qs.filter(id__lt=before)
    rows = list(qs.prefetch_related("handling_org").order_by("-id")[: SEARCH_PAGE + 1])
    next_cursor = None
    if len(rows) > SEARCH_PAGE:
        rows = rows[:SEARCH_PAGE]
        next_cursor = rows[-1].id
    params = request.GET.copy()
    params.pop("before", None)
    if next_cursor:
        params["before"] = str(next_cursor)
    return render(request, "staff/search.html", base_context(
        form=form, rows=rows, cursor=next_cursor, more_query=params.urlencode(), nav="search"))
