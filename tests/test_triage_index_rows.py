"""The similarity index holds one signature per case and its band keys within the business: triaging a case
again replaces them, and a near copy is found through the new keys only."""

from weiquan.lib import similarity
from weiquan.triage import index
from weiquan.triage.compute import triage_case
from weiquan.triage.models import Signature, TextBand, Triage

WARDROBE = "在红旗家具城购买的实木衣柜两个月后柜门开裂，商家拒绝退换，要求退货退款。"
GYM = "力美健身房突然关门，老板失联，办的年卡还有十个月没用，要求退还剩余费用。"


def _bands(case):
    return set(TextBand.objects.filter(case_id=case.pk).values_list("key", flat=True))


def test_each_case_has_one_signature_and_its_bands_within_the_business(make_case):
    case = make_case(route_to="", description=WARDROBE)
    assert Signature.objects.filter(case_id=case.pk).count() == 1
    assert len(_bands(case)) == similarity.BANDS  # a name, no credit code: one set of bands


def test_triaging_a_case_again_replaces_its_index_rows(make_case):
    case = make_case(route_to="", description=WARDROBE)
    before = _bands(case)
    case.description = GYM
    case.save(update_fields=["description"])
    triage_case(case, act=False)
    after = _bands(case)
    assert Signature.objects.filter(case_id=case.pk).count() == 1
    assert len(after) == similarity.BANDS and not before & after
    copy = make_case(route_to="", description=GYM + "。", complainant_phone="13700002222")
    assert [d["case_id"] for d in Triage.objects.get(case=copy).duplicates] == [case.pk]


def test_forgetting_cases_leaves_the_others_rows(make_case):
    gone, kept = make_case(route_to="", description=WARDROBE), make_case(route_to="", description=GYM)
    kept_bands = _bands(kept)
    assert index.forget([gone.pk, 10**9]) == 1
    assert not Signature.objects.filter(case_id=gone.pk).exists() and not _bands(gone)
    assert _bands(kept) == kept_bands and Signature.objects.filter(case_id=kept.pk).exists()
