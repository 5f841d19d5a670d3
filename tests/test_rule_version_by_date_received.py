"""The rule version follows the local (Asia/Shanghai) date a case was received: Order 20 up to
2026-04-14, Order 121 from 2026-04-15; it decides the mediation period (45 working days vs 60 days)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from weiquan.cases.services import ActionInput, apply_action
from weiquan.lib import workflow

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("received_at", "version", "received_on"), [
    (datetime(2026, 4, 14, 12, 0, tzinfo=SHANGHAI), "order20", date(2026, 4, 14)),
    (datetime(2026, 4, 15, 12, 0, tzinfo=SHANGHAI), "order121", date(2026, 4, 15)),
    (datetime(2026, 4, 14, 23, 59, 59, tzinfo=SHANGHAI), "order20", date(2026, 4, 14)),
    (datetime(2026, 4, 15, 0, 0, tzinfo=SHANGHAI), "order121", date(2026, 4, 15)),
    # 16:30 UTC on the 14th is 00:30 on the 15th in Shanghai
    (datetime(2026, 4, 14, 16, 30, tzinfo=UTC), "order121", date(2026, 4, 15)),
    (datetime(2026, 4, 14, 15, 59, 59, tzinfo=UTC), "order20", date(2026, 4, 14)),
    (datetime(2019, 12, 31, 12, 0, tzinfo=SHANGHAI), "order20", date(2019, 12, 31)),
])
def test_rule_version_by_local_date_received(make_case, received_at, version, received_on):
    case = make_case(received_at=received_at, channel="letter")
    assert (case.rule_version, case.received_on) == (version, received_on)


def test_the_active_time_zone_does_not_move_the_boundary(make_case):
    with timezone.override("UTC"):
        case = make_case(received_at=datetime(2026, 4, 14, 16, 30, tzinfo=UTC))
    assert (case.rule_version, case.received_on) == ("order121", date(2026, 4, 15))


def test_rule_version_function():
    assert workflow.rule_version(date(2026, 4, 14)) == "order20"
    assert workflow.rule_version(date(2026, 4, 15)) == "order121"


def test_a_case_received_through_the_api_gets_its_version(api_as, clerk):
    body = {"kind": "complaint", "channel": "letter", "received_at": "2026-04-14T16:30:00Z",
            "description": "来信投诉：购买的冰箱不制冷。", "request": "退货",
            "complainant": {"name": "李四", "phone": "13912345678", "address": "大同市平城区新建南路2号"},
            "business": {"name": "大同市平城区某电器店", "address": "大同市平城区御河西路1号"}}
    response = api_as(clerk).post("/api/v1/cases", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["rule_version"] == "order121"


ACCEPTED_AT = datetime(2026, 6, 1, 10, 0, tzinfo=SHANGHAI)  # a Monday


@pytest.mark.parametrize(("received_at", "unit", "length", "due"), [
    # Order 121: 60 natural days from acceptance; 2026-07-31 is a Friday
    (datetime(2026, 4, 15, 9, 0, tzinfo=SHANGHAI), "d", 60, date(2026, 7, 31)),
    # Order 20: 45 working days; the Dragon Boat Festival (2026-06-19) is not one of them
    (datetime(2026, 4, 14, 9, 0, tzinfo=SHANGHAI), "wd", 45, date(2026, 8, 4)),
])
def test_mediation_period_follows_the_rule_version(make_case, pingcheng, received_at, unit, length, due):
    case = make_case(received_at=received_at, at=ACCEPTED_AT)
    case = apply_action(pingcheng, case, ActionInput("accept"), at=ACCEPTED_AT)
    assert case.accepted_on == date(2026, 6, 1)
    clock = case.clocks.get(kind="mediation")
    assert (clock.unit, clock.length, clock.start, clock.due, clock.state) == (unit, length, date(2026, 6, 1),
                                                                              due, "running")
    assert case.next_due == due


def test_an_order_20_case_accepted_after_the_change_keeps_order_20(make_case, pingcheng):
    """Rule version is by date received, not by the date of the decision."""
    case = make_case(received_at=datetime(2026, 4, 10, 9, 0, tzinfo=SHANGHAI), at=ACCEPTED_AT)
    case = apply_action(pingcheng, case, ActionInput("accept"), at=ACCEPTED_AT)
    assert case.rule_version == "order20"
    assert case.clocks.get(kind="mediation").unit == "wd"
