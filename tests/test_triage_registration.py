"""Every new case is triaged once; a web submission with an unambiguous business address is routed to the
competent county bureau at once, other channels wait for the clerk."""

from weiquan.triage.models import Triage

WARDROBE = "我在某家具城买的实木衣柜，两个月后柜门开裂，商家拒绝退换，要求退货退款。"


def test_web_submission_is_routed_to_the_county_and_classified(make_case, pingcheng):
    case = make_case(channel="web", route_to="", category="", problem="", description=WARDROBE,
                     business_address="大同市平城区御河西路168号 某家具城")
    assert case.state == "routed" and case.handling_org.code == "140213"
    assert (case.category, case.problem) == ("家具", "质量")
    triage = Triage.objects.get(case=case)
    assert (triage.region_code, triage.org_code, triage.auto_routed) == ("140213", "140213", True)
    assert (triage.category, triage.problem) == ("goods.daily.furniture", "quality")
    assert "衣柜" in triage.reasons["category"]
    events = [e.action for e in case.events.order_by("seq")]
    assert events == ["register", "classify", "route"]
    from weiquan.cases.selectors import open_work

    assert open_work(pingcheng).filter(pk=case.pk).exists()


def test_ambiguous_address_gives_candidates_and_is_not_routed(make_case):
    from weiquan.regions.loader import load_regions

    load_regions("11")
    load_regions("22")
    case = make_case(channel="web", route_to="", description=WARDROBE, business_address="朝阳区建国路88号")
    assert case.state == "received"
    triage = Triage.objects.get(case=case)
    assert triage.region_code == "" and {"110105", "220104"} <= set(triage.routing_candidates)
    assert not triage.auto_routed


def test_phone_intake_keeps_suggestions_for_the_clerk(make_case):
    case = make_case(route_to="", category="", problem="", description=WARDROBE)
    assert case.state == "received" and case.category == ""
    triage = Triage.objects.get(case=case)
    assert triage.org_code == "140213" and not triage.auto_routed
    assert triage.category == "goods.daily.furniture"


def test_a_city_only_address_is_not_confident_enough_to_route(make_case):
    case = make_case(channel="web", route_to="", description=WARDROBE, business_address="大同市某家具城")
    assert case.state == "received"


def test_a_failing_triage_never_loses_the_case(make_case, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("classifier exploded")

    monkeypatch.setattr("weiquan.triage.batch.classify_many", broken)
    case = make_case(channel="web", route_to="", description=WARDROBE)
    assert case.pk and case.state == "received"
    assert not Triage.objects.filter(case=case).exists()
