"""`seed_cases(n, seed)`: N deterministic demo cases over the 24 months before the anchor day.

The anchor defaults to today's local date (so the demo looks current); with the same seed, anchor and
starting database the data is identical. Cases are generated day by day in registration order, numbered
as the services number them (per province and day, continuing any existing counter), and written in
batches. Events dated on or after the anchor day (local midnight) never happen: recent cases are
still open, which fills the work lists; a few older ones stall and are overdue.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time as clock_time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from queue import Empty

from django.conf import settings
from django.utils import timezone

from weiquan.cases.models.numbering import format_number
from weiquan.lib import uscc, workflow
from weiquan.regions.names import business_short_name

from . import texts
from .flows import Flow
from .lifecycle import LOCAL, SYSTEM, UTC, Life, local_date, local_moment
from .reference import County, Reference, load_reference
from .writer import Writer, analyze, converters, existing_counters, json_text

WINDOW_DAYS = 730
CHANNELS = (("web", 45), ("12345", 40), ("phone", 9), ("visit", 3.5), ("letter", 2.5))
KINDS = ((workflow.COMPLAINT, 64), (workflow.REPORT, 27), (workflow.CONSULTATION, 9))
QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass
class SeedResult:
    cases: int
    events: int
    clocks: int
    businesses: int
    seconds: float
    anchor: date
    cpu_seconds: float = 0.0  # this process only (with SQLite that includes the database work)

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.cases / self.cpu_seconds if self.cpu_seconds else 0.0


def _weighted(rng: random.Random, cumulative: list[float], values: list):
    x = rng.random() * cumulative[-1]
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return values[lo]


def _cumulative(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


class Generator:
    def __init__(self, ref: Reference, rng: random.Random, anchor: date, writer: Writer, province: str):
        self.ref, self.rng, self.anchor, self.writer, self.province = ref, rng, anchor, writer, province
        self.cutoff = datetime.combine(anchor, time(0), LOCAL).astimezone(UTC)
        self.limits = settings.WEIQUAN_LIMITS
        self.due_cache: dict = {}
        self.county_cum = _cumulative(c.weight for c in ref.counties)
        self.channel_cum, self.channels = _cumulative(w for _, w in CHANNELS), [c for c, _ in CHANNELS]
        self.kind_cum, self.kinds = _cumulative(w for _, w in KINDS), [k for k, _ in KINDS]
        self.pools: dict[tuple[str, str], list[dict]] = {}
        from weiquan.cases.models import Business

        self.known_uscc = dict(Business.objects.exclude(uscc="").values_list("uscc", "pk"))
        self.counts = {"events": 0, "clocks": 0, "businesses": 0}
        self.event_index, self.clock_index = writer.events.index, writer.clocks.index
        self.datetime_value, self.date_value = converters()
        self.platforms: list[dict] = []
        self.platforms = [self._business(ref.counties[0], "seller", name=n, platform=True)
                          for n in texts.PLATFORMS]

    def pick_county(self) -> County:
        return _weighted(self.rng, self.county_cum, self.ref.counties)

    # --- calendar of volumes --------------------------------------------------------------------
    def season_tags(self, day: date) -> set[str]:
        tags = set()
        if day.month == 3 and 8 <= day.day <= 20:
            tags.add("315")
        if day.month == 6 and 10 <= day.day <= 25:
            tags.add("618")
        if day.month == 11 and 6 <= day.day <= 20:
            tags.add("d11")
        if day.month in (7, 8):
            tags.add("summer")
        if day.month in (11, 12, 1, 2):
            tags.add("winter")
        if any(abs((day - s).days) <= 10 for s in self._spring_near(day)):
            tags.add("spring")
        return tags

    def _spring_near(self, day: date):
        return [s for s in self.ref.spring_days if abs((s - day).days) <= 10]

    def day_weight(self, day: date, first: date) -> float:
        weight = 0.85 + 0.3 * (day - first).days / WINDOW_DAYS
        if day.weekday() >= 5:
            weight *= 0.75
        if day.month == 3 and 13 <= day.day <= 17:
            weight *= 2.2 if day.day == 15 else 1.6
        if day.month == 6 and 16 <= day.day <= 22:
            weight *= 1.3
        if day.month == 11 and 11 <= day.day <= 18:
            weight *= 1.5
        if day in self.ref.spring_days:
            weight *= 0.6
        elif any(0 < (day - s).days <= 7 for s in self._spring_near(day)):
            weight *= 1.3
        return weight

    # --- businesses -----------------------------------------------------------------------------
    def _business(self, county: County, industry: str, *, name: str = "", platform: bool = False) -> dict:
        rng = self.rng
        # an existing code (same seed run again) is the same business: reused, not duplicated
        code = uscc.complete(f"91{county.code}" + "".join(rng.choice(USCC_BODY) for _ in range(9)))
        if not name:
            name = texts.business_name(rng, industry, county.city_short, county.name)
        business = {"name": name, "short_name": business_short_name(name), "uscc": code, "region_id": county.code,
                    "is_platform": platform,
                    "address": texts.street_address(rng, county.city_name, county.name), "industry": industry,
                    "county": county, "platform_id": None}
        if industry == "seller" and not platform and self.platforms:
            business["platform_id"] = rng.choice(self.platforms)["id"]
        pk = self.known_uscc.get(code)
        if pk is None:
            pk = self.writer.businesses.take_id()
            self.known_uscc[code] = pk
            self.writer.businesses.add({"id": pk, "name": name, "uscc": code, "address": business["address"],
                                        "region_id": county.code, "is_platform": platform,
                                        "platform_id": business["platform_id"], "odr_org_id": None})
            self.counts["businesses"] += 1
        business["id"] = pk
        return business

    def business_for(self, county: County, industry: str, pool_size: int) -> dict:
        pool = self.pools.setdefault((county.code, industry), [])
        index = int(pool_size * self.rng.random() ** 2.2)  # a few businesses draw most complaints
        while len(pool) <= index:
            pool.append(self._business(county, industry))
        return pool[index]

    # --- one case -------------------------------------------------------------------------------
    def case(self, registered: datetime, county: County, kind: str, channel: str, scenario, business: dict | None,
             pool_size: int, burst: bool = False) -> tuple:
        rng = self.rng
        if channel == "12345":
            received = registered - timedelta(minutes=rng.randint(20, 60 * 20))
        elif channel == "letter":
            received = registered - timedelta(minutes=rng.randint(0, 240))
        else:
            received = registered - timedelta(seconds=rng.randint(0, 900))
        received_on = local_date(received)
        row = {"kind": kind, "channel": channel, "received_at": received, "received_on": received_on,
               "rule_version": workflow.rule_version(received_on), "intake_org_id": self.ref.centre_id,
               "query_code": "".join(rng.choice(QUERY_ALPHABET) for _ in range(8)),
               "complainant_address": "", "complainant_name": "", "complainant_phone": ""}
        if kind == workflow.CONSULTATION:
            row["description"] = texts.consultation_text(rng, channel)
            row["complainant_phone"] = texts.mobile(rng) if rng.random() < 0.7 else ""
            row["category"] = rng.choice(("预包装食品", "网络购物", "健身", "大家电", "培训辅导", "其他"))
            return row, None
        if business is None:
            industry = scenario.industry
            business = self.business_for(county, industry, pool_size)
        amount = None
        lo, hi = scenario.amount
        if hi and kind == workflow.COMPLAINT or (hi and rng.random() < 0.3):
            amount = Decimal(int(lo + (hi - lo) * rng.random() ** 2)).quantize(Decimal("0.01"))
        known = rng.random() < 0.75
        shop = business["name"]
        masked = f"XX市XX区{texts.INDUSTRIES[scenario.industry][1]}" if rng.random() < 0.4 else shop
        request = rng.choice(scenario.requests) if kind == workflow.COMPLAINT else ""
        description = texts.compose(rng, scenario, channel, received_on, shop, masked, amount, request, burst=burst)
        if kind == workflow.REPORT:
            description += texts.report_extra(rng)
        confidential = kind == workflow.REPORT and rng.random() < 0.3
        row.update({
            "complainant_name": "" if confidential and rng.random() < 0.5 else texts.person_name(rng),
            "complainant_phone": texts.mobile(rng),
            "complainant_address": texts.street_address(rng, county.city_name, county.name),
            "confidential": confidential, "business_id": business["id"] if known else None,
            "business_name": shop, "business_short_name": business["short_name"],
            "business_uscc": business["uscc"] if known else "",
            "business_address": business["address"], "business_region_id": business["region_id"],
            "category": scenario.category, "problem": scenario.problem,
            "request": texts.REQUEST_LABEL.get(request.split(",")[0], request.split(",")[0]),
            "amount": amount, "description": description,
        })
        return row, scenario

    def finish_case(self, row: dict, scenario, number: str, registered: datetime, county: County,
                    stall: bool) -> None:
        rng, ref, writer = self.rng, self.ref, self.writer
        kind = row["kind"]
        life = Life(number, kind, row["rule_version"], ref.calendar, self.limits, self.cutoff, self.due_cache)
        life.reporter_to_be_told = kind == workflow.REPORT and workflow.reporter_must_be_told(
            row["rule_version"], row["complainant_name"], row["complainant_phone"], row["complainant_address"],
            where_local_rules_keep_it=settings.WEIQUAN_REPORTER_NOTICE)
        registrar = SYSTEM if row["channel"] == "web" else ref.clerk
        life.event(registered, registrar, "register", workflow.RECEIVED,
                   {"channel": row["channel"], "received_at": row["received_at"].isoformat()})
        org = (county.org_id, county.org_code)
        if county.offices and rng.random() < 0.2:
            org = rng.choice(county.offices)
        flow = Flow(rng, life, ref.calendar, ref.clerk, county.handler, org, stall)
        if kind == workflow.COMPLAINT:
            flow.complaint(registered, scenario.out_of_scope, row["amount"], scenario.problem == "假冒")
        elif kind == workflow.REPORT:
            flow.report(registered)
        else:
            flow.consultation(registered, rng.choice(texts.CONSULTATION_ANSWERS), routed=rng.random() < 0.25)
        case_id = writer.cases.take_id()
        row.update({
            "id": case_id, "number": number, "state": life.state, "handling_org_id": life.handling_org_id or
            ref.centre_id, "outcome": life.outcome, "outcome_note": life.outcome_note,
            "amount_recovered": life.amount_recovered, "enforcement_ref": life.enforcement_ref,
            "police_referral": life.police_referral,
            "next_due": life.next_due(), "accepted_on": life.accepted_on, "closed_at": life.closed_at,
            "created_by_id": registrar.id, "last_event_hash": life.prev_hash, "event_count": len(life.events),
            "rating": None, "split_from_id": None, "duplicate_of_id": None,
        })
        writer.cases.add(row)
        datetime_value, date_value = self.datetime_value, self.date_value
        events, ev = writer.events, self.event_index
        for seq, at, actor, action, before, after, payload, prev, digest in life.events:
            values = events.template()
            values[ev["id"]] = events.take_id()
            values[ev["case_id"]], values[ev["seq"]], values[ev["at"]] = case_id, seq, datetime_value(at)
            values[ev["actor_id"]], values[ev["actor_label"]], values[ev["org_id"]] = actor.id, actor.label, actor.org_id
            values[ev["action"]], values[ev["from_state"]], values[ev["to_state"]] = action, before, after
            values[ev["payload"]], values[ev["prev_hash"]], values[ev["hash"]] = payload, prev, digest
            events.rows.append(values)
        clocks, cx = writer.clocks, self.clock_index
        for c in life.clocks:
            values = clocks.template()
            values[cx["id"]], values[cx["case_id"]], values[cx["kind"]] = clocks.take_id(), case_id, c.kind
            values[cx["unit"]], values[cx["length"]] = c.unit, c.length
            values[cx["extra_working_days"]], values[cx["start"]] = c.extra_working_days, date_value(c.start)
            values[cx["due"]], values[cx["provisional"]] = date_value(c.due), c.provisional
            values[cx["state"]], values[cx["paused_on"]] = c.state, date_value(c.paused_on)
            values[cx["pauses"]], values[cx["stopped_on"]] = json_text(c.pauses), date_value(c.stopped_on)
            values[cx["org_id"]] = c.org_id
            clocks.rows.append(values)
        self.counts["events"] += len(life.events)
        self.counts["clocks"] += len(life.clocks)


def registration_time(rng: random.Random, day: date, channel: str) -> datetime:
    if channel == "web":
        hour = rng.choice((0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 21, 21, 22, 22, 23))
        return local_moment(day, hour * 3600 + rng.randrange(3600))
    return local_moment(day, rng.randint(8 * 3600 + 1800, 17 * 3600 + 1800))


def seed_cases(n: int, seed: int = 1, anchor: date | None = None, batch: int = 5000,
               progress: Callable[[int, int], None] | None = None, parallel: bool | None = None) -> SeedResult:
    """Generate and write `n` cases. `parallel` (default: for 20,000 cases or more on a machine with
    several cores): generate in a forked child process while this one writes. The child never touches
    the database (everything it needs is read before the fork), and produces exactly the same rows."""
    province = settings.WEIQUAN_PROVINCE_CODE
    anchor = anchor or timezone.localdate()
    rng = random.Random(seed)
    ref = load_reference()
    started = clock_time.perf_counter()  # the rate counts the cases, not the one-off reference data
    cpu_started = clock_time.process_time()
    writer = Writer(province)
    gen = Generator(ref, rng, anchor, writer, province)
    counters = existing_counters(province)
    if parallel is None:
        parallel = n >= 20000 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()

    def report(done: int) -> None:
        if progress:
            progress(done, n)

    child_cpu = 0.0
    if parallel:
        child_cpu = _generate_in_child(gen, n, batch, counters, writer, report)
    else:
        _generate(gen, n, batch, counters, lambda rows, done: (writer.write(rows), report(done)))
    analyze()
    return SeedResult(n, gen.counts["events"], gen.counts["clocks"], gen.counts["businesses"],
                      clock_time.perf_counter() - started, anchor,
                      clock_time.process_time() - cpu_started + child_cpu)


def _generate(gen: Generator, n: int, batch: int, counters: dict, emit: Callable[[dict, int], None]) -> None:
    """Produce the cases day by day in registration order; hand over a batch every `batch` cases."""
    from .plan import plan_days

    rng, writer, province = gen.rng, gen.writer, gen.province
    done = 0
    for day, slots in plan_days(gen, n):
        registered_cases = [(registration_time(rng, day, slot.channel), slot) for slot in slots]
        registered_cases.sort(key=lambda pair: pair[0])
        sequence = counters.get(day, 0)
        for registered, slot in registered_cases:
            sequence += 1
            row, scenario = gen.case(registered, slot.county, slot.kind, slot.channel, slot.scenario,
                                     slot.business, slot.pool_size, slot.burst)
            gen.finish_case(row, scenario, format_number(province, day, sequence), registered, slot.county,
                            slot.stall)
            done += 1
            writer.counters[day] = sequence
            if len(writer.cases.rows) >= batch:
                emit(writer.take(), done)
        counters[day] = sequence
    emit(writer.take(), done)


def _generate_in_child(gen: Generator, n: int, batch: int, counters: dict, writer: Writer,
                       report: Callable[[int], None]) -> float:
    """Generation in a forked process, writing here; returns the child's CPU seconds."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=3)  # bounded: memory stays at a few batches

    def child() -> None:
        try:
            _generate(gen, n, batch, counters, lambda rows, done: queue.put(("batch", rows, done)))
            queue.put(("done", gen.counts, clock_time.process_time()))
        except BaseException:  # report it to the writer, which raises it
            queue.put(("error", traceback.format_exc(), 0))

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        while True:
            try:
                kind, payload, extra = queue.get(timeout=5)
            except Empty:
                if not process.is_alive():
                    raise RuntimeError("the generating process died") from None
                continue
            if kind == "batch":
                writer.write(payload)
                report(extra)
            elif kind == "done":
                gen.counts.update(payload)
                return float(extra)
            else:
                raise RuntimeError(f"generating cases failed:\n{payload}")
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()
