"""Address → division code → competent organisation, from the regions and organisations in the database."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace

from django.db.models.signals import m2m_changed, post_delete, post_save

from weiquan.lib.addresses import COUNTY, AddressResolver, Division, ZoneNames, normalise, zone_aliases
from weiquan.lib.jurisdiction import competent_place

from .models import DevelopmentZone, Region

_lock = threading.Lock()
_resolver: tuple[int, AddressResolver] | None = None


def get_resolver() -> AddressResolver:
    global _resolver
    count = Region.objects.count()
    if _resolver is not None and _resolver[0] == count:
        return _resolver[1]
    with _lock:
        rows = list(Region.objects.values_list("code", "name", "short_name", "level", "parent_id", "valid_to",
                                               "successor_id"))
        successors = {code: succ for code, *_rest, succ in rows if succ}

        def current(code: str) -> str:
            hops = 0
            while code in successors and hops < 10:
                code, hops = successors[code], hops + 1
            return code

        divisions = [Division(code=code, name=name, short_name=short, level=level, parent=parent,
                              current=current(code) if valid_to else code, is_current=valid_to is None,
                              valid_to=valid_to)
                     for code, name, short, level, parent, valid_to, _succ in rows]
        _resolver = (count, AddressResolver(divisions))
    return _resolver[1]


@dataclass
class Routing:
    address: str
    region_code: str = ""
    org_code: str = ""
    zone_code: str = ""
    candidates: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    basis: str = ""  # for route_business: which place's bureau is competent (weiquan.lib.jurisdiction)
    alternative_orgs: list[str] = field(default_factory=list)  # also competent (the first to receive it handles)


def _competent_orgs() -> tuple[dict[str, str], ZoneNames]:
    """region code → county-level organisation code; the zones' names: (alias, zone code, organisation code,
    zone's county), longest alias first."""
    from weiquan.orgs.models import Organisation

    by_region: dict[str, str] = {}
    county_kinds = (Organisation.Kind.COUNTY, Organisation.Kind.CITY, Organisation.Kind.PROVINCE)
    rank = {Organisation.Kind.COUNTY: 0, Organisation.Kind.CITY: 1, Organisation.Kind.PROVINCE: 2}
    through = Organisation.jurisdiction.through.objects.filter(
        organisation__active=True, organisation__kind__in=county_kinds).values_list(
        "region_id", "organisation__code", "organisation__kind")
    best: dict[str, tuple[int, str]] = {}
    for region, code, kind in through:
        if region not in best or rank[kind] < best[region][0]:
            best[region] = (rank[kind], code)
    by_region = {region: code for region, (_r, code) in best.items()}
    zones = []
    for zone in DevelopmentZone.objects.prefetch_related("competent_orgs"):
        org = next((o for o in zone.competent_orgs.all() if o.active), None)
        if org:
            zones += [(alias, zone.code, org.code, zone.region_id) for alias in zone_aliases(normalise(zone.name))]
    return by_region, ZoneNames(zones)


_orgs_cache: tuple[tuple, tuple] | None = None


def _orgs_fingerprint() -> tuple:
    """Cheap counts, in one query, that change whenever the competent-organisation table could have
    changed (including a test transaction rolled back, which no signal reports)."""
    from django.db import connection

    from weiquan.orgs.models import Organisation

    q = connection.ops.quote_name
    orgs = q(Organisation._meta.db_table)
    tables = [q(m._meta.db_table) for m in (Organisation.jurisdiction.through, Organisation.zones.through,
                                             DevelopmentZone)]
    sql = (f"SELECT (SELECT COUNT(*) FROM {orgs}), (SELECT MAX(id) FROM {orgs}), "
           f"(SELECT COUNT(*) FROM {orgs} WHERE {q('active')} = %s), "
           + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables))
    with connection.cursor() as cursor:
        cursor.execute(sql, [True])
        return tuple(cursor.fetchone())


def _competent_orgs_cached() -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    global _orgs_cache
    key = _orgs_fingerprint()
    cached = _orgs_cache
    if cached is None or cached[0] != key:
        cached = _orgs_cache = (key, _competent_orgs())
    return cached[1]


def forget_competent_orgs(**_kwargs) -> None:
    """Drop the cached table (organisations, jurisdictions or zones were saved)."""
    global _orgs_cache
    _orgs_cache = None


for _signal in (post_save, post_delete):
    _signal.connect(forget_competent_orgs, sender="orgs.Organisation", dispatch_uid=f"resolver.orgs.{_signal}")
    _signal.connect(forget_competent_orgs, sender="regions.DevelopmentZone", dispatch_uid=f"resolver.zones.{_signal}")
m2m_changed.connect(forget_competent_orgs, dispatch_uid="resolver.m2m")


def _route_one(resolver: AddressResolver, by_region: dict[str, str], zones: ZoneNames, address: str) -> Routing:
    text = normalise(address)
    result = resolver.resolve(text, normalised=True)
    routing = Routing(address, result.code, by_region.get(result.code, "") if result.code else "",
                      candidates=result.candidates, matched=result.matched)
    for _alias, zone_code, org_code, zone_region in zones.named_in(text):
        # a zone named in the address has its own bureau, unless the county named lies in another province
        if result.level != COUNTY or result.code[:2] == zone_region[:2]:
            routing.zone_code, routing.org_code = zone_code, org_code
            if result.level != COUNTY:  # only the city, or nothing, was named: the zone places it
                routing.region_code, routing.candidates = zone_region, []
            break
    return routing


def route_addresses(addresses: list[str], *, remember: bool = True) -> list[Routing]:
    """The routing of each address; `remember=False` resolves every one afresh (the benchmark's cold figure)."""
    resolver = get_resolver()
    table = _competent_orgs_cached()
    by_region, zones = table
    if not remember:
        return [_route_one(resolver, by_region, zones, address) for address in addresses]
    return [_routed.get(resolver, table, address, lambda a: _route_one(resolver, by_region, zones, a))
            for address in addresses]


class _RoutedAddresses:
    """Routings already computed, by the address with its digits masked: a routing depends on the names in
    an address (divisions, zones), never on a building or door number, so the many addresses of one street
    — and the one address of a business complained about again and again — are resolved once. Valid for
    one resolver and one table of competent bureaus; cleared when either is rebuilt, or when full."""

    _DIGITS = re.compile(r"\d")
    SIZE = 50_000

    def __init__(self):
        self.made_with: tuple = ()
        self.routings: dict[str, Routing] = {}

    def get(self, resolver, table, address: str, route) -> Routing:
        made_with = self.made_with
        if not made_with or made_with[0] is not resolver or made_with[1] is not table \
                or len(self.routings) >= self.SIZE:
            self.routings, self.made_with = {}, (resolver, table)
        key = self._DIGITS.sub("0", normalise(address))
        found = self.routings.get(key)
        if found is None:
            found = self.routings[key] = route(address)
        # a copy of its own, with its own address: callers complete it (route_business)
        return replace(found, address=address, candidates=list(found.candidates), matched=list(found.matched),
                       alternative_orgs=list(found.alternative_orgs))


_routed = _RoutedAddresses()


def _precise(routing: Routing) -> bool:
    """The address names a county (or a zone) and a bureau: good enough to route on (Art. 13)."""
    return bool(routing.org_code) and (bool(routing.zone_code) or not routing.region_code.endswith("00"))


def route_business(address: str | None, platform_address: str | None = None, *, is_platform: bool = False,
                   seller_unreachable: bool = False) -> Routing:
    """Route a complaint or report about one business (Art. 13, 31): an ordinary business or a platform (or
    own-website seller) by its own address; a seller on a platform by the address it shows there, else by
    the platform's domicile. `alternative_orgs` are the other bureaus competent if they receive it first."""
    routed: dict[str, Routing] = {}

    def route(text: str) -> Routing:
        if text not in routed:
            routed[text] = route_addresses([text])[0]
        return routed[text]

    place = competent_place(address, resolves=lambda text: _precise(route(text)), platform_address=platform_address,
                            is_platform=is_platform, seller_unreachable=seller_unreachable)
    routing = route(place.address) if place.address else Routing("")
    routing.basis = place.basis
    routing.alternative_orgs = [org for alt in place.alternatives if (org := route(alt).org_code)
                                and org != routing.org_code]
    return routing
