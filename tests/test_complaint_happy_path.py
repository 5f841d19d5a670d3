"""A complaint goes from intake to settlement; every step leaves an event and the clocks are met."""

from decimal import Decimal

from weiquan.cases.services import ActionInput, apply_action


def test_complaint_is_accepted_mediated_and_settled(make_case, pingcheng):
    case = make_case()
    assert case.state == "routed"
    assert case.handling_org.code == "140213"
    case = apply_action(pingcheng, case, ActionInput(action="accept"))
    case = apply_action(pingcheng, case, ActionInput(action="mediate"))
    case = apply_action(pingcheng, case, ActionInput(action="settle", amount_recovered="6800"))
    case = apply_action(pingcheng, case, ActionInput(action="close"))
    assert case.state == "closed"
    assert case.amount_recovered == Decimal("6800.00")
    assert [e.action for e in case.events.order_by("seq")] == [
        "register", "route", "accept", "mediate", "settle", "close"]
    assert {c.kind: c.state for c in case.clocks.all()} == {"acceptance": "met", "mediation": "met"}
