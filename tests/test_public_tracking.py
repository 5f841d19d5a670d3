"""Tracking a case with number and query code: plain words, no personal data; withdraw; rate when closed."""

import pytest
from django.core.cache import cache
from django.test import Client
from public_helpers import ADDRESS, NAME, PHONE, ensure_routed, post_complaint, receipt

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, apply_action


@pytest.fixture(autouse=True)
def _no_sms(settings):
    cache.clear()  # the throttle counts per address in the cache
    settings.WEIQUAN_SMS_VERIFICATION = False


@pytest.fixture
def submitted(client, db):
    post_complaint(client)
    return receipt(client)


def track(number, code, lang="en"):
    c = Client()
    c.cookies["django_language"] = lang
    response = c.post("/track/", {"number": number, "query_code": code})
    return c, response


def test_track_with_number_and_code(submitted):
    c, response = track(submitted["number"], submitted["query_code"].lower())
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert submitted["number"] in page
    assert "Received and registered." in page
    assert "What comes next" in page
    for personal in (NAME, PHONE, ADDRESS, PHONE[-4:] + "<"):
        assert personal not in page


def test_wrong_code_is_404_like_an_unknown_number(submitted):
    _c, wrong = track(submitted["number"], "WRONG123")
    _c, unknown = track("SX20990101000001", submitted["query_code"])
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content.count(b"No case matches") == 1


def test_case_page_needs_the_code_first(submitted):
    response = Client().get(f"/track/{submitted['number']}/")
    assert response.status_code == 302 and response["Location"].startswith("/track/?number=")


def test_plain_words_and_due_date_once_routed(submitted, clerk):
    case = Case.objects.get(number=submitted["number"])
    case = ensure_routed(case, clerk)
    c, response = track(submitted["number"], submitted["query_code"])
    page = c.get(response["Location"]).content.decode()
    assert "decides within 7 working days" in page
    due = case.clocks.get(kind="acceptance").due
    assert due.isoformat() in page
    assert "平城区市场监督管理局" in page
    assert "clerk" not in page  # no staff names


def test_withdraw(submitted):
    c, response = track(submitted["number"], submitted["query_code"])
    response = c.post(f"/track/{submitted['number']}/withdraw/", {"note": "已和商家协商解决"})
    assert response.status_code == 200
    assert Case.objects.get(number=submitted["number"]).state == "withdrawn"
    assert "Withdrawn at your request." in response.content.decode()


def test_withdraw_needs_the_code(submitted):
    assert Client().post(f"/track/{submitted['number']}/withdraw/").status_code == 404
    assert Case.objects.get(number=submitted["number"]).state in ("received", "routed")


def close_after_settlement(case, clerk, pingcheng):
    case = ensure_routed(case, clerk)
    for action in ("accept", "mediate"):
        apply_action(pingcheng, case, ActionInput(action=action))
    apply_action(pingcheng, case, ActionInput(action="settle", amount_recovered="3280"))
    return apply_action(pingcheng, case, ActionInput(action="close"))


def test_rating_only_when_closed(submitted, clerk, pingcheng):
    c, _r = track(submitted["number"], submitted["query_code"])
    early = c.post(f"/track/{submitted['number']}/rate/", {"rating": "5"})
    assert early.status_code == 409
    case = Case.objects.get(number=submitted["number"])
    close_after_settlement(case, clerk, pingcheng)
    page = c.get(f"/track/{submitted['number']}/").content.decode()
    assert "How was your case handled?" in page
    response = c.post(f"/track/{submitted['number']}/rate/", {"rating": "4", "comment": "处理及时"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.rating == 4
    event = case.events.order_by("-seq").first()
    assert event.action == "rate" and event.payload["rating"] == 4 and event.actor_id is None
    again = c.post(f"/track/{submitted['number']}/rate/", {"rating": "1"})
    assert again.status_code == 409
    case.refresh_from_db()
    assert case.rating == 4


def test_rating_out_of_range(submitted, clerk, pingcheng):
    close_after_settlement(Case.objects.get(number=submitted["number"]), clerk, pingcheng)
    c, _r = track(submitted["number"], submitted["query_code"])
    assert c.post(f"/track/{submitted['number']}/rate/", {"rating": "9"}).status_code == 422
    assert Case.objects.get(number=submitted["number"]).rating is None


def test_event_chain_still_verifies_after_public_actions(submitted, clerk, pingcheng):
    from weiquan.cases.services.events import broken_chains

    case = close_after_settlement(Case.objects.get(number=submitted["number"]), clerk, pingcheng)
    from weiquan.public.services import rate

    rate(case, 5)
    assert list(broken_chains()) == []
