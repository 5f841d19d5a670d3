"""Repeated reports (Art. 35): the same facts again are not handled a second time (`close_as_repeat`); new facts
are merged into the earlier report, whose verification period restarts from the later report (`merge_into`)."""

from datetime import date

import pytest
from django.test import Client
from workflow_helpers import act, at

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import InvalidInput
from weiquan.cases.services.events import broken_chains
from weiquan.lib.workflow import WorkflowError
from weiquan.public.progress import progress
from weiquan.public.services import can_rate

NEW_FACTS = "举报人补充：该药店同时销售无证医疗器械。"


def report(make_case, day: date, **fields):
    fields = {"business_name": "大同市平城区康宁大药房", "description": "该药店销售过期药品。", **fields}
    return make_case(kind="report", at=at(day), **fields)


def verification(case):
    return case.clocks.filter(kind="verification").order_by("-id").first()


@pytest.fixture
def earlier(make_case, pingcheng):
    """Routed to 平城区 on Monday 2026-06-01 (15 working days: due 06-23, the Dragon Boat holiday 06-19 off),
    verifying from 06-02."""
    return act(pingcheng, report(make_case, date(2026, 6, 1)), "verify", date(2026, 6, 2))


def test_new_facts_merge_and_the_period_restarts_from_the_later_report(earlier, make_case, pingcheng):
    assert verification(earlier).due == date(2026, 6, 23)
    later = report(make_case, date(2026, 6, 8), description=NEW_FACTS)  # routed on Monday 06-08
    later = act(pingcheng, later, "merge_into", date(2026, 6, 9), into=earlier.number, note=NEW_FACTS)

    assert (later.state, later.outcome, later.duplicate_of_id) == ("closed", "merged", earlier.pk)
    assert list(later.clocks.values_list("state", flat=True)) == ["cancelled"]  # void, neither met nor breached
    assert later.events.order_by("-seq").first().payload["into"] == earlier.number

    earlier = Case.objects.get(pk=earlier.pk)
    assert earlier.state == "verifying"
    clocks = list(earlier.clocks.filter(kind="verification").order_by("id").values_list("state", "start", "due"))
    # 15 working days from 06-08: 06-19 (Dragon Boat) is off, so 06-30
    assert clocks == [("cancelled", date(2026, 6, 1), date(2026, 6, 23)), ("running", date(2026, 6, 8), date(2026, 6, 30))]
    assert earlier.next_due == date(2026, 6, 30)
    event = earlier.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.to_state) == ("merged_in", "verifying", "verifying")
    assert event.payload["from"] == later.number and event.payload["due"] == "2026-06-30"
    assert list(broken_chains()) == []


def test_a_restart_never_moves_the_start_back(make_case, pingcheng):
    """Merging the older report into the newer one: the newer one's period already runs from its own routing."""
    older = report(make_case, date(2026, 6, 1))
    newer = act(pingcheng, report(make_case, date(2026, 6, 8)), "verify", date(2026, 6, 9))
    act(pingcheng, older, "merge_into", date(2026, 6, 10), into=newer.number, note=NEW_FACTS)
    assert (verification(newer).start, verification(newer).due) == (date(2026, 6, 8), date(2026, 6, 30))


def test_the_same_facts_again_are_not_handled_twice(earlier, make_case, pingcheng):
    later = report(make_case, date(2026, 6, 8))
    later = act(pingcheng, later, "close_as_repeat", date(2026, 6, 9), into=earlier.number)
    assert (later.state, later.outcome, later.duplicate_of_id) == ("closed", "repeat", earlier.pk)
    assert earlier.number in later.outcome_note
    earlier = Case.objects.get(pk=earlier.pk)
    assert (verification(earlier).state, verification(earlier).due) == ("running", date(2026, 6, 23))
    assert earlier.clocks.count() == 1
    assert earlier.events.order_by("-seq").first().action == "repeat_in"


@pytest.mark.parametrize(("into", "note", "field"), [
    (None, NEW_FACTS, "into"),
    ("14260601999999", NEW_FACTS, "into"),
    ("self", NEW_FACTS, "into"),
    ("complaint", NEW_FACTS, "into"),
    ("filed", NEW_FACTS, "into"),
    ("other bureau", NEW_FACTS, "into"),
    ("earlier", "", "note"),
])
def test_refused_with_a_message_and_nothing_changes(earlier, make_case, pingcheng, into, note, field):
    later = report(make_case, date(2026, 6, 8))
    targets = {
        "self": later.number, "earlier": earlier.number,
        "complaint": make_case(kind="complaint").number,
        "filed": act(pingcheng, act(pingcheng, report(make_case, date(2026, 6, 3)), "verify", date(2026, 6, 3)),
                     "file_case", date(2026, 6, 4)).number,
        "other bureau": report(make_case, date(2026, 6, 3), route_to="140214").number,
    }
    before = {c.pk: (c.state, c.event_count, list(c.clocks.values_list("state", "due")))
              for c in Case.objects.all()}
    with pytest.raises(InvalidInput) as excinfo:
        act(pingcheng, later, "merge_into", date(2026, 6, 9), into=targets.get(into, into), note=note)
    assert field in excinfo.value.errors
    after = {c.pk: (c.state, c.event_count, list(c.clocks.values_list("state", "due"))) for c in Case.objects.all()}
    assert after == before


def test_another_bureaus_report_reads_like_a_missing_one(earlier, make_case, pingcheng):
    later = report(make_case, date(2026, 6, 8))
    elsewhere = report(make_case, date(2026, 6, 3), route_to="140214")
    messages = []
    for number in (elsewhere.number, "14260601999999"):
        with pytest.raises(InvalidInput) as excinfo:
            act(pingcheng, later, "close_as_repeat", date(2026, 6, 9), into=number)
        messages.append(excinfo.value.errors["into"])
    assert messages[0] == messages[1]


def test_a_closed_into_report_is_not_reopened(earlier, make_case, pingcheng, datong):
    later = act(pingcheng, report(make_case, date(2026, 6, 8)), "close_as_repeat", date(2026, 6, 9),
                into=earlier.number)
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(datong, later, ActionInput(action="reopen", note="回访"))
    assert excinfo.value.status == 409
    assert "earlier report" in str(excinfo.value) or "在先举报" in str(excinfo.value)
    assert Case.objects.get(pk=later.pk).state == "closed"


def test_complaints_and_clerks_cannot(make_case, clerk, earlier, pingcheng):
    complaint = make_case()
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(pingcheng, complaint, ActionInput(action="merge_into", into=earlier.number, note=NEW_FACTS))
    assert excinfo.value.status == 409
    at_intake = report(make_case, date(2026, 6, 8), route_to=None)
    with pytest.raises(WorkflowError) as excinfo:
        apply_action(clerk, at_intake, ActionInput(action="close_as_repeat", into=earlier.number))
    assert excinfo.value.status == 403


def test_the_reporter_reads_that_the_reports_are_handled_together(earlier, make_case, pingcheng):
    later = act(pingcheng, report(make_case, date(2026, 6, 8)), "merge_into", date(2026, 6, 9),
                into=earlier.number, note=NEW_FACTS)
    seen = str(progress(Case.objects.get(pk=later.pk)))
    assert "together" in seen or "一并" in seen or "合并" in seen
    assert earlier.number not in seen and NEW_FACTS not in seen  # nothing of the other report
    assert not can_rate(later)
    seen = str(progress(Case.objects.get(pk=earlier.pk)))
    assert later.number not in seen


def test_the_api_merges_and_tells_where_to(earlier, make_case, pingcheng, api_as):
    later = report(make_case, date(2026, 6, 8))
    client = api_as(pingcheng)
    url = f"/api/v1/cases/{later.number}/transitions"
    response = client.post(url, {"action": "merge_into", "note": NEW_FACTS}, content_type="application/json")
    assert response.status_code == 422 and "into" in str(response.json()["detail"])
    response = client.post(url, {"action": "merge_into", "into": earlier.number, "note": NEW_FACTS},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["merged_into"]) == ("closed", earlier.number)


def test_the_case_page_offers_the_possible_duplicates_found_by_triage(make_case, pingcheng):
    first = act(pingcheng, report(make_case, date.today()), "verify", date.today())
    later = report(make_case, date.today())  # same reporter, business and text: triage finds the first
    client = Client()
    client.force_login(pingcheng)
    html = client.get(f"/staff/cases/{later.number}/").content.decode()
    assert 'data-action="merge_into"' in html and 'data-action="close_as_repeat"' in html
    datalist = html[html.index('<datalist id="earlier-merge_into">'):]
    assert first.number in datalist[:datalist.index("</datalist>")]
    response = client.post(f"/staff/cases/{later.number}/act/", {"action": "close_as_repeat", "into": first.number})
    assert response.status_code in (200, 302)
    html = client.get(f"/staff/cases/{later.number}/").content.decode()
    assert first.number in html and ("重复" in html or "repeat" in html)
