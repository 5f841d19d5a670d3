"""The case page: facts, masked parties, clocks, timeline and exactly the actions the state allows."""

import re

import pytest
from django.test import Client

from weiquan.cases import presenters
from weiquan.cases.models import Case


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def offered_actions(html: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', html))


def test_handler_sees_the_parties_in_full_and_the_actions_of_a_routed_complaint(make_case, pingcheng):
    case = make_case()
    html = client_for(pingcheng).get(f"/staff/cases/{case.number}/").content.decode()
    assert case.number in html
    assert "张三" in html and "13812345678" in html
    assert "大同市平城区红旗家具城" in html
    assert "待受理" in html or "awaiting" in html
    assert offered_actions(html) == set(presenters.allowed_actions_for(pingcheng, case))
    assert {"accept", "refuse", "return_to_intake"} <= offered_actions(html)
    assert "受理期限" in html or "acceptance" in html.lower()


def test_analyst_sees_the_complainant_masked_and_no_actions(make_case, analyst):
    case = make_case(complainant_name="张小明")
    html = client_for(analyst).get(f"/staff/cases/{case.number}/").content.decode()
    assert "张某某" in html and "138****5678" in html
    assert "张小明" not in html and "13812345678" not in html
    assert offered_actions(html) == set()


def test_refusal_grounds_are_offered_with_their_legal_article(make_case, pingcheng):
    case = make_case()
    html = client_for(pingcheng).get(f"/staff/cases/{case.number}/").content.decode()
    assert "不属于市场监督管理部门职责或本部门无管辖权（第十六条第一项）" in html
    assert "冒用他人身份" in html or "第十六条第六项" in html


def test_order20_complaint_offers_six_refusal_grounds_citing_article_15(make_case, pingcheng):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    case = make_case(received_at=datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert case.rule_version == "order20"
    html = client_for(pingcheng).get(f"/staff/cases/{case.number}/").content.decode()
    refuse_form = html[html.index('data-action="refuse"'):]
    refuse_form = refuse_form[: refuse_form.index("</form>")]
    assert len(re.findall(r'<option value="[a-z_]+"', refuse_form)) == 6
    assert "第十五条第一项" in refuse_form


def test_accept_by_plain_post_changes_state_and_shows_in_the_timeline(make_case, pingcheng):
    case = make_case()
    client = client_for(pingcheng)
    response = client.post(f"/staff/cases/{case.number}/act/", {"action": "accept"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    html = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "受理" in html
    assert offered_actions(html) == set(presenters.allowed_actions_for(pingcheng, case))
    assert "mediate" in offered_actions(html)
    timeline = html[html.index('class="events"'):]
    assert "待受理 → 已受理" in timeline or "→" in timeline
    assert timeline.count('class="event ') == 3  # register, route, accept


def test_htmx_post_answers_with_the_case_panel(make_case, pingcheng):
    case = make_case()
    response = client_for(pingcheng).post(f"/staff/cases/{case.number}/act/", {"action": "accept"},
                                          HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="case-panel"')
    assert "<html" not in html
    assert 'data-state="accepted"' in html


def test_settle_records_money_recovered(make_case, pingcheng):
    case = make_case()
    client = client_for(pingcheng)
    for action in ("accept", "mediate"):
        client.post(f"/staff/cases/{case.number}/act/", {"action": action})
    client.post(f"/staff/cases/{case.number}/act/", {"action": "settle", "amount_recovered": "6800",
                                                     "note": "商家同意退货退款"})
    case.refresh_from_db()
    assert case.state == "settled" and str(case.amount_recovered) == "6800.00"
    html = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "¥6800.00" in html and "商家同意退货退款" in html
    assert 'data-clock-state="met"' in html and "已按时" in html


def test_refuse_without_a_ground_is_an_error_message_not_a_crash(make_case, pingcheng):
    case = make_case()
    response = client_for(pingcheng).post(f"/staff/cases/{case.number}/act/", {"action": "refuse"})
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "routed"


def test_refuse_with_a_ground_records_it(make_case, pingcheng):
    case = make_case()
    client = client_for(pingcheng)
    client.post(f"/staff/cases/{case.number}/act/", {"action": "refuse", "ground": "time_barred", "note": "超过三年"})
    case.refresh_from_db()
    assert case.state == "not_accepted" and case.outcome == "time_barred"
    html = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "第十六条第四项" in html


def test_an_action_the_state_does_not_allow_is_refused_with_409(make_case, pingcheng):
    case = make_case()
    response = client_for(pingcheng).post(f"/staff/cases/{case.number}/act/", {"action": "settle"})
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == "routed"


def test_htmx_error_is_swapped_into_the_panel(make_case, pingcheng):
    case = make_case()
    response = client_for(pingcheng).post(f"/staff/cases/{case.number}/act/", {"action": "settle"},
                                          HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_analyst_cannot_act(make_case, analyst):
    case = make_case()
    response = client_for(analyst).post(f"/staff/cases/{case.number}/act/", {"action": "accept"})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == "routed"


def test_clerk_routes_a_case_from_intake_with_the_org_select(make_case, clerk):
    case = make_case(route_to="")
    client = client_for(clerk)
    html = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "route" in offered_actions(html)
    assert '<optgroup label="大同市"' in html and 'value="140213"' in html
    client.post(f"/staff/cases/{case.number}/act/", {"action": "route", "org": "140213"})
    case.refresh_from_db()
    assert case.state == "routed" and case.handling_org.code == "140213"


@pytest.mark.parametrize("language,expected", [("en", "Timeline"), ("zh-hans", "办理过程")])
def test_case_page_speaks_the_chosen_language(make_case, pingcheng, language, expected):
    case = make_case()
    client = client_for(pingcheng)
    client.post("/i18n/setlang/", {"language": language, "next": "/staff/"})
    assert expected in client.get(f"/staff/cases/{case.number}/").content.decode()


def test_the_heading_says_when_the_case_was_received_not_that_it_was_registered(make_case, pingcheng):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    received = datetime(2026, 8, 20, 1, 16, tzinfo=ZoneInfo("Asia/Shanghai"))  # by the 12345 hotline, at night
    case = make_case(channel="12345", received_at=received)
    html = client_for(pingcheng).get(f"/staff/cases/{case.number}/").content.decode()
    heading = re.search(r'<p class="sub">(.*?)</p>', html, re.S).group(1)
    assert "收到 2026-08-20 01:16" in heading and "已登记" not in heading


def test_a_split_submission_links_its_two_halves(make_case, clerk):
    from weiquan.cases.services import ActionInput, apply_action

    case = make_case(route_to="")
    apply_action(clerk, case, ActionInput(action="split", note="投诉并举报"))
    report = Case.objects.get(split_from=case)
    client = client_for(clerk)
    assert f'href="/staff/cases/{report.number}/"' in client.get(f"/staff/cases/{case.number}/").content.decode()
    assert f'href="/staff/cases/{case.number}/"' in client.get(f"/staff/cases/{report.number}/").content.decode()


@pytest.mark.parametrize("data", [{"action": "fly"}, {}, {"action": "settle", "amount_recovered": "abc"},
                                  {"action": "accept", "note": "a\x00b"}])
def test_bad_action_input_is_a_4xx_message_or_a_clean_success(make_case, pingcheng, data):
    case = make_case()
    if data.get("action") == "settle":
        apply = client_for(pingcheng)
        apply.post(f"/staff/cases/{case.number}/act/", {"action": "accept"})
    response = client_for(pingcheng).post(f"/staff/cases/{case.number}/act/", data)
    assert response.status_code in (302, 409, 422)
    if response.status_code != 302:
        assert 'role="alert"' in response.content.decode()


def test_category_and_request_read_in_the_chosen_language(make_case, pingcheng):
    case = make_case(category="家具", request="退货")
    client = client_for(pingcheng)
    chinese = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "<dd>家具</dd>" in chinese and "<dd>退货</dd>" in chinese
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    english = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert "<dd>furniture</dd>" in english and "<dd>return the goods</dd>" in english
    other = make_case(category="食品类", request="退还剩余课时费")  # a major class; a free-text request
    english = client.get(f"/staff/cases/{other.number}/").content.decode()
    assert "<dd>food</dd>" in english and "<dd>退还剩余课时费</dd>" in english
