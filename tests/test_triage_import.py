"""Imported cases are triaged a batch at a time: suggestions, routing and duplicates, no automatic action."""

from django.core.management import call_command
from django.utils import translation

from weiquan.cases.models import Case
from weiquan.intake.importer.sample import write_csv
from weiquan.triage.models import Signature, TextBand, Triage


def test_every_imported_case_gets_its_triage_in_bulk(db, tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, 60, bad_every=0)
    with translation.override("en"):
        call_command("import", str(path), "--no-progress")
    cases = Case.objects.filter(channel="import")
    assert cases.count() == 60
    assert Triage.objects.filter(case__in=cases).count() == 60
    assert Signature.objects.filter(case_id__in=cases.values("id")).count() == 60
    assert TextBand.objects.filter(case_id__in=cases.values("id")).exists()
    furniture = Triage.objects.filter(case__in=cases, case__business_name__endswith="家具城")
    assert furniture.exists()
    for triage in furniture.select_related("case"):
        assert (triage.category, triage.problem) == ("goods.daily.furniture", "quality")
    for triage in Triage.objects.filter(case__in=cases, case__business_address__startswith="大同市平城区"):
        assert (triage.region_code, triage.org_code, triage.auto_routed) == ("140213", "140213", False)


def test_the_same_person_importing_the_same_dispute_twice_is_flagged(db, tmp_path, make_case):
    first = make_case(route_to="", description="在该家具城购买实木衣柜，两个月后柜门开裂，商家拒绝退换。",
                      complainant_phone="13900000000", business_name="大同市平城区红旗家具城")
    from weiquan.triage.batch import triage_bulk

    second = make_case(route_to="", description="在该家具城购买实木衣柜，两个月后柜门开裂，商家拒绝退换！",
                       complainant_phone="13900000000", business_name="大同市平城区红旗家具城")
    Triage.objects.filter(case=second).delete()
    assert triage_bulk([second.pk]) == 1
    assert [d["number"] for d in Triage.objects.get(case=second).duplicates] == [first.number]
