"""The Shanxi organisation tree: centre, departments, cities, counties, field offices, jurisdictions."""

from weiquan.orgs.models import Organisation


def test_tree_and_jurisdiction(db):
    province = Organisation.objects.get(code="140000")
    centre = Organisation.objects.get(code="140000-12315")
    pingcheng = Organisation.objects.get(code="140213")
    datong = Organisation.objects.get(code="140200")
    assert centre.parent == province and centre.kind == "centre"
    assert pingcheng.parent == datong and datong.parent == province
    assert pingcheng.is_within(datong) and pingcheng.is_within(province)
    assert not pingcheng.is_within(Organisation.objects.get(code="140100"))
    # 平城区 bureau is competent for today's code and for the abolished 城区 it absorbed
    assert set(pingcheng.jurisdiction.values_list("code", flat=True)) >= {"140213", "140202"}
    assert Organisation.objects.filter(kind="department", parent=province).count() >= 5
    assert Organisation.objects.filter(kind="field_office", parent=pingcheng).exists()


def test_development_zone_has_its_own_bureau(db):
    zone_bureau = Organisation.objects.get(code="140271Z")
    assert zone_bureau.zones.get().region_id == "140213"
    assert zone_bureau.parent.code == "140200"


def test_reparenting_moves_the_subtree(db):
    office = Organisation.objects.get(code="140213-S01")
    yungang = Organisation.objects.get(code="140214")
    pingcheng = Organisation.objects.get(code="140213")
    pingcheng.parent = yungang
    pingcheng.save()
    office.refresh_from_db()
    assert office.is_within(yungang)
