"""The organisation tree of a province, built from its current divisions, and the fixed demo accounts."""

from __future__ import annotations

import secrets

from django.db import transaction

from weiquan.orgs.models import Organisation, User
from weiquan.regions.loader import load_regions
from weiquan.regions.models import DevelopmentZone, Region

Kind = Organisation.Kind

DEPARTMENTS = [
    ("D01", "消费者权益保护处"), ("D02", "价格监督检查和反不正当竞争处"), ("D03", "食品安全协调处"),
    ("D04", "广告监督管理处"), ("D05", "执法稽查局"),
]
# Development zones with bureaus of their own (no division code): code, name, county they lie in.
ZONES = [
    ("140171Z", "山西转型综合改革示范区", "140105"),
    ("140271Z", "大同经济技术开发区", "140213"),
]
# (username, role, organisation code)
DEMO_ACCOUNTS = [
    ("admin", "admin", "140000"),
    ("clerk", "clerk", "140000-12315"),
    ("taiyuan", "supervisor", "140100"),
    ("datong", "supervisor", "140200"),
    ("pingcheng", "handler", "140213"),
    ("yungang", "handler", "140214"),
    ("analyst", "analyst", "140000"),
    ("odr", "odr", "ODR-140213-001"),
    ("hotline12345", "integration", "12345-140000"),
]


def _org(code: str, name: str, kind: str, parent: Organisation | None, region: Region | None,
         jurisdiction: list[Region] | None = None) -> Organisation:
    org, _ = Organisation.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent, "region": region})
    if jurisdiction is not None:
        org.jurisdiction.set(jurisdiction)
    return org


@transaction.atomic
def build_province(province_code: str = "140000", *, field_offices_per_county: int = 2) -> Organisation:
    """Create (or bring up to date) the bureaus of one province from its current division codes."""
    if not Region.objects.filter(code=province_code).exists():
        load_regions(province_code[:2])
    province = Region.objects.get(code=province_code)
    bureau = _org(province_code, f"{province.name}市场监督管理局", Kind.PROVINCE, None, province, [province])
    _org(f"{province_code}-12315", f"{province.name}12315投诉举报中心", Kind.CENTRE, bureau, province)
    for suffix, name in DEPARTMENTS:
        _org(f"{province_code}-{suffix}", f"{province.name}市场监督管理局{name}", Kind.DEPARTMENT, bureau, province)
    cities = Region.objects.filter(parent=province, valid_to__isnull=True, level=Region.Level.CITY)
    for city in cities:
        city_org = _org(city.code, f"{city.name}市场监督管理局", Kind.CITY, bureau, city, [city])
        for county in Region.objects.filter(parent=city, valid_to__isnull=True).order_by("code"):
            county_org = _org(county.code, f"{city.name}{county.name}市场监督管理局", Kind.COUNTY, city_org,
                              county, [county, *county.predecessors.all()])
            for n in range(1, field_offices_per_county + 1):
                _org(f"{county.code}-S{n:02d}", f"{county_org.name}第{n}市场监督管理所", Kind.FIELD_OFFICE,
                     county_org, county)
    for code, name, county_code in ZONES:
        county = Region.objects.filter(code=county_code).first()
        if county is None or not code.startswith(province_code[:2]):
            continue
        zone, _ = DevelopmentZone.objects.update_or_create(code=code, defaults={"name": name, "region": county})
        city_org = Organisation.objects.get(code=county.parent_id)
        zone_org = _org(code, f"{name}市场监督管理局", Kind.COUNTY, city_org, county, [])
        zone_org.zones.set([zone])
    if province_code == "140000":
        pingcheng = Region.objects.get(code="140213")
        _org("ODR-140213-001", "大同市平城区红旗家具城有限公司", Kind.ODR,
             Organisation.objects.get(code="140213"), pingcheng)
    _org(f"12345-{province_code}", f"{province.name}12345政务服务便民热线", Kind.INTEGRATION, None, province)
    return bureau


def create_demo_accounts(reset_passwords: bool = False) -> dict[str, str | None]:
    """The fixed demo users; returns username → password (None when an existing one was kept)."""
    passwords: dict[str, str | None] = {}
    for username, role, org_code in DEMO_ACCOUNTS:
        org = Organisation.objects.filter(code=org_code).first()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username)
        user.role, user.organisation = role, org
        user.is_staff = role == "admin"
        user.is_superuser = role == "admin"
        password = None
        if created or reset_passwords:
            password = secrets.token_urlsafe(9)
            user.set_password(password)
        user.save()
        passwords[username] = password
    return passwords
