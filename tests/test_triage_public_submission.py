"""The acceptance path: a consumer complains on the public site about a cracked wardrobe bought at
大同市平城区御河西路168号; the case lands in 平城区's queue with furniture and quality filled in."""

import pytest
from django.core.cache import cache
from public_helpers import post_complaint, receipt

from weiquan.cases.models import Case
from weiquan.cases.selectors import open_work
from weiquan.triage.models import Triage


@pytest.fixture(autouse=True)
def _no_sms(settings):
    cache.clear()
    settings.WEIQUAN_SMS_VERIFICATION = False


def test_web_complaint_is_routed_and_classified(client, pingcheng):
    assert post_complaint(client, business_address="大同市平城区御河西路168号 某家具城").status_code == 302
    case = Case.objects.get(number=receipt(client)["number"])
    assert case.state == "routed" and case.handling_org.code == "140213"
    assert (case.category, case.problem) == ("家具", "质量")
    assert open_work(pingcheng).filter(pk=case.pk).exists()
    triage = Triage.objects.get(case=case)
    assert triage.auto_routed and triage.category == "goods.daily.furniture" and triage.problem == "quality"


def test_both_halves_of_a_mixed_submission_are_triaged(client, db):
    response = post_complaint(client, mixed="on", description="在家具城购买的实木衣柜柜门开裂，商家拒绝退换，"
                                                              "要求退货，并请依法查处该商家销售不合格产品。")
    assert response.status_code == 302
    case = Case.objects.get(number=receipt(client)["number"])
    halves = [case, *case.split_cases.all()]
    assert len(halves) == 2
    for half in halves:
        half.refresh_from_db()
        assert Triage.objects.filter(case=half).exists()
        assert half.handling_org.code == "140213"
