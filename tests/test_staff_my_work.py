"""My work: counts and lists of what the user's organisation must act on, sorted by due, page by page."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from weiquan.cases.services import ActionInput, apply_action
from weiquan.deadlines.calendar import get_calendar
from weiquan.staff import worklists


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def section(html: str, key: str) -> str:
    start = html.index(f'id="list-{key}"')
    end = html.find("</section>", start)
    return html[start:end]


def numbers(html: str) -> list[str]:
    return re.findall(r'class="num" href="/staff/cases/(\d+)/"', html)


def routed_days_ago(make_case, days: int, **kw):
    at = timezone.now() - timedelta(days=days)
    return make_case(at=at, received_at=at, **kw)


def test_a_routed_complaint_waits_in_to_accept_with_seven_working_days_left(make_case, pingcheng):
    case = make_case()
    html = client_for(pingcheng).get("/staff/").content.decode()
    incoming = section(html, "incoming")
    assert "待受理" in incoming and numbers(incoming) == [case.number]
    assert "剩 7 个工作日" in incoming
    assert numbers(section(html, "active")) == []


def test_the_clerk_sees_what_sits_at_intake(make_case, clerk):
    waiting = make_case(route_to="")
    routed = make_case()
    html = client_for(clerk).get("/staff/").content.decode()
    incoming = section(html, "incoming")
    assert "待分派" in incoming
    assert numbers(incoming) == [waiting.number]
    assert routed.number not in numbers(html)


def test_accepted_and_mediating_cases_are_listed_as_active(make_case, pingcheng):
    accepted = make_case()
    apply_action(pingcheng, accepted, ActionInput(action="accept"))
    mediating = make_case()
    apply_action(pingcheng, mediating, ActionInput(action="accept"))
    apply_action(pingcheng, mediating, ActionInput(action="mediate"))
    html = client_for(pingcheng).get("/staff/").content.decode()
    assert set(numbers(section(html, "active"))) == {accepted.number, mediating.number}
    assert numbers(section(html, "incoming")) == []


def test_overdue_cases_are_counted_and_shown_with_working_days_overdue(make_case, pingcheng):
    late = routed_days_ago(make_case, 30)
    make_case()
    html = client_for(pingcheng).get("/staff/").content.decode()
    overdue = section(html, "overdue")
    assert numbers(overdue) == [late.number]
    assert re.search(r"超期 \d+ 个工作日", overdue)
    assert 'class="row-overdue"' in overdue


def test_due_within_two_working_days(make_case, pingcheng):
    calendar, today = get_calendar(), timezone.localdate()
    limit = worklists.due_soon_limit(today)
    days = next(d for d in range(1, 30) if today <= calendar.add_working_days(today - timedelta(days=d), 7).day <= limit)
    soon = routed_days_ago(make_case, days)
    make_case()
    html = client_for(pingcheng).get("/staff/").content.decode()
    assert numbers(section(html, "due_soon")) == [soon.number]


def test_lists_are_sorted_by_due_date(make_case, pingcheng):
    newer = make_case()
    older = routed_days_ago(make_case, 3)
    html = client_for(pingcheng).get("/staff/").content.decode()
    assert numbers(section(html, "incoming")) == [older.number, newer.number]


def test_counts_stop_at_the_cap(make_case, pingcheng, monkeypatch):
    monkeypatch.setattr(worklists, "COUNT_CAP", 2)
    for _ in range(3):
        make_case()
    html = client_for(pingcheng).get("/staff/").content.decode()
    assert '<span class="counter-n">2+</span>' in html


def test_a_full_list_is_paged_with_a_keyset_cursor(make_case, pingcheng, monkeypatch):
    monkeypatch.setattr(worklists, "PAGE_SIZE", 2)
    cases = [routed_days_ago(make_case, d) for d in (9, 6, 3)]
    for case in cases:
        case.refresh_from_db()
    cases.sort(key=lambda c: (c.next_due, c.id))
    client = client_for(pingcheng)
    first = client.get("/staff/work/incoming/").content.decode()
    assert numbers(first) == [cases[0].number, cases[1].number]
    cursor = re.search(r'href="\?after=([^"]+)"', first).group(1)
    assert "offset" not in cursor
    second = client.get("/staff/work/incoming/", {"after": cursor}).content.decode()
    assert numbers(second) == [cases[2].number]
    assert 'class="btn more"' not in second


def test_the_queries_use_no_offset(make_case, pingcheng):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_case()
    with CaptureQueriesContext(connection) as ctx:
        client_for(pingcheng).get("/staff/work/incoming/?after=2026-01-01.1")
    assert not any("OFFSET" in q["sql"].upper() for q in ctx.captured_queries)


def test_unknown_list_is_404(pingcheng):
    assert client_for(pingcheng).get("/staff/work/nonsense/").status_code == 404


@pytest.mark.parametrize("persona", ["clerk", "pingcheng", "yungang", "datong", "taiyuan", "admin_user", "analyst"])
def test_every_persona_gets_a_page(request, persona):
    response = client_for(request.getfixturevalue(persona)).get("/staff/")
    assert response.status_code == 200
    assert "我的工作" in response.content.decode()
