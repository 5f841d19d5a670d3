"""The reference data the generator needs, made sure of first: regions, bureaus, accounts, calendar,
and one handler account per county bureau (the fixed demo accounts cover 平城区 and 云冈区)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password

from weiquan.deadlines.calendar import get_calendar, seed_from_chinesecalendar
from weiquan.deadlines.models import HolidayDay
from weiquan.demo.province import build_province, create_demo_accounts
from weiquan.orgs.models import Organisation, User
from weiquan.regions.models import Region

from .lifecycle import Actor

# relative case volume per city (population and economy, roughly)
CITY_WEIGHT = {"140100": 2.2, "140200": 1.4, "140300": 0.6, "140400": 1.0, "140500": 0.8, "140600": 0.6,
               "140700": 1.0, "140800": 1.2, "140900": 0.8, "141000": 1.1, "141100": 0.8}
# the demo accounts' counties get more, so that their work lists are full
COUNTY_BOOST = {"140213": 4.0, "140214": 3.0}
DEMO_HANDLERS = {"140213": "pingcheng", "140214": "yungang"}


@dataclass
class County:
    code: str
    name: str
    city_name: str
    city_short: str
    org_id: int
    org_code: str
    handler: Actor
    offices: list[tuple[int, str]] = field(default_factory=list)
    weight: float = 1.0


@dataclass
class Reference:
    counties: list[County]
    clerk: Actor
    centre_id: int
    calendar: object
    spring_days: set
    region_ids: dict


def ensure_reference_data() -> None:
    """Idempotent: build what is missing (the demo command may already have done it)."""
    province = settings.WEIQUAN_PROVINCE_CODE
    if not Organisation.objects.filter(code=f"{province}-12315").exists():
        build_province(province)
    if not User.objects.filter(username="clerk").exists():
        create_demo_accounts()
    seed_from_chinesecalendar()


def _handler_accounts(county_orgs) -> dict[int, User]:
    wanted = {org.pk: DEMO_HANDLERS.get(org.region_id, f"handler-{org.code}") for org in county_orgs}
    existing = {u.username: u for u in User.objects.filter(username__in=wanted.values())}
    missing = [User(username=name, role=User.Role.HANDLER, organisation_id=org_id, password=make_password(None))
               for org_id, name in wanted.items() if name not in existing]
    if missing:
        User.objects.bulk_create(missing)
        existing = {u.username: u for u in User.objects.filter(username__in=wanted.values())}
    return {org_id: existing[name] for org_id, name in wanted.items()}


def load_reference() -> Reference:
    ensure_reference_data()
    province = settings.WEIQUAN_PROVINCE_CODE
    county_orgs = list(Organisation.objects.filter(kind=Organisation.Kind.COUNTY, active=True,
                                                   region__isnull=False, code__regex=r"^[0-9]{6}$")
                       .select_related("region__parent").order_by("code"))
    county_orgs = [o for o in county_orgs if o.code.startswith(province[:2])]
    handlers = _handler_accounts(county_orgs)
    offices: dict[int, list] = {}
    for org in Organisation.objects.filter(kind=Organisation.Kind.FIELD_OFFICE, active=True).order_by("code"):
        offices.setdefault(org.parent_id, []).append((org.pk, org.code))
    counties = []
    for org in county_orgs:
        region, city = org.region, org.region.parent
        city_code = city.code if city else org.region_id
        kind_factor = 2.0 if region.name.endswith("区") else 0.6 if region.name.endswith("县") else 1.0
        weight = CITY_WEIGHT.get(city_code, 0.8) * kind_factor * COUNTY_BOOST.get(region.code, 1.0)
        user = handlers[org.pk]
        counties.append(County(region.code, region.name, city.name if city else "", (city.short_name or city.name)
                               if city else "", org.pk, org.code, Actor(user.pk, user.username, org.pk),
                               offices.get(org.pk, []), weight))
    clerk = User.objects.get(username="clerk")
    centre = Organisation.objects.get(code=f"{province}-12315")
    spring = set(HolidayDay.objects.filter(is_working_day=False, name__icontains="spring").values_list("date", flat=True))
    spring |= set(HolidayDay.objects.filter(is_working_day=False, name__contains="春节").values_list("date", flat=True))
    region_ids = dict(Region.objects.filter(code__in=[c.code for c in counties]).values_list("code", "code"))
    return Reference(counties, Actor(clerk.pk, clerk.username, clerk.organisation_id), centre.pk, get_calendar(),
                     spring, region_ids)
