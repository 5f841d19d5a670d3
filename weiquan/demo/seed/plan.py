"""How many cases arrive on which day, of which kind, through which channel, about what and where:
seasonal peaks (3·15, 618, Double 11, Spring Festival), summer and winter themes, and prepaid-card
collapses (one business, dozens to hundreds of complainants within two weeks)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from weiquan.lib import workflow

from . import texts

BURST_SHARE = 0.02  # of all cases


@dataclass
class Slot:
    county: object
    kind: str
    channel: str
    scenario: object
    business: dict | None
    pool_size: int
    burst: bool
    stall: bool


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` over the weights by cumulative rounding: deterministic, sums exactly."""
    grand = sum(weights) or 1.0
    counts, running, given = [], 0.0, 0
    for w in weights:
        running += w
        target = round(running * total / grand)
        counts.append(target - given)
        given = target
    return counts


def _bursts(gen, n: int, days: list[date]) -> dict[date, list[tuple]]:
    """Day → [(county, scenario, business)] for the group complaints of collapsing prepaid businesses."""
    rng = gen.rng
    if n < 200:
        return {}
    avg = min(300, max(20, n // 1000))
    demo = [c for c in gen.ref.counties if c.code in ("140213", "140214")]
    count = max(len(demo), round(n * BURST_SHARE / avg))  # every demo account has a recent one
    prepaid = [s for s in texts.COMPLAINTS if s.prepaid]
    out: dict[date, list[tuple]] = {}
    for index in range(count):
        county = demo[index] if index < len(demo) else gen.pick_county()
        scenario = rng.choice(prepaid)
        business = gen._business(county, scenario.industry)
        # the demo accounts' bursts are recent, so they are open work today
        first = days[-rng.randint(3, 20)] if index < len(demo) else rng.choice(days[:-14])
        size = max(8, int(avg * (0.5 + rng.random())))
        spread = _allocate(size, [0.55 ** k + 0.02 for k in range(14)])
        for offset, k in enumerate(spread):
            day = first + timedelta(days=offset)
            if day <= days[-1]:
                out.setdefault(day, []).extend([(county, scenario, business)] * k)
    return out


def _scenario_tables(tags: frozenset) -> dict:
    tables = {}
    for kind in (workflow.COMPLAINT, workflow.REPORT):
        items = [s for s in texts.COMPLAINTS if s.kind == kind]
        cum, total = [], 0.0
        for s in items:
            factor = 1.0
            for tag in tags:
                factor *= s.season.get(tag, 1.0)
            total += s.weight * factor
            cum.append(total)
        tables[kind] = (cum, items)
    return tables


def plan_days(gen, n: int) -> Iterator[tuple[date, list[Slot]]]:
    from .generator import WINDOW_DAYS, _weighted

    rng = gen.rng
    first = gen.anchor - timedelta(days=WINDOW_DAYS)
    days = [first + timedelta(days=i) for i in range(WINDOW_DAYS)]
    bursts = _bursts(gen, n, days)
    burst_total = sum(len(v) for v in bursts.values())
    per_day = _allocate(max(0, n - burst_total), [gen.day_weight(d, first) for d in days])
    total_weight = sum(c.weight for c in gen.ref.counties)
    pool_sizes = {c.code: max(2, int(n * c.weight / total_weight / 170)) for c in gen.ref.counties}
    table_cache: dict[frozenset, dict] = {}
    # a demo of a few thousand cases needs some overdue work; a million cases would pile up an
    # unrealistic backlog at the same share
    stall_scale = max(0.1, min(1.0, 20000 / max(n, 1)))
    for day, count in zip(days, per_day, strict=True):
        tags = frozenset(gen.season_tags(day))
        tables = table_cache.get(tags)
        if tables is None:
            tables = table_cache[tags] = _scenario_tables(tags)
        age = (gen.anchor - day).days
        slots = []
        for _ in range(count):
            county = gen.pick_county()
            kind = _weighted(rng, gen.kind_cum, gen.kinds)
            channel = _weighted(rng, gen.channel_cum, gen.channels)
            scenario = None
            if kind != workflow.CONSULTATION:
                scenario = _weighted(rng, *tables[kind])
            slots.append(Slot(county, kind, channel, scenario, None, pool_sizes[county.code], False,
                              _stalls(rng, age, county.code, stall_scale)))
        for county, scenario, business in bursts.get(day, ()):
            channel = rng.choice(("web", "web", "12345", "12345", "12345", "phone", "visit"))
            slots.append(Slot(county, workflow.COMPLAINT, channel, scenario, business, 1, True,
                              _stalls(rng, age, county.code, stall_scale)))
        yield day, slots


def _stalls(rng, age: int, county_code: str, scale: float = 1.0) -> bool:
    """Stalled cases stop at some step and become overdue; mostly recent ones, more in the demo counties."""
    share = (0.05 if age <= 120 else 0.002) * scale
    if county_code in ("140213", "140214"):
        share *= 2.5
    return rng.random() < share
