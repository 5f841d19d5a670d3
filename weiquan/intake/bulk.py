"""Registering many imported cases at once, producing exactly what `register_case` (and the route/close
steps) would: gap-free numbers from the same per-day counter (`weiquan.cases.models.numbering`), the same
hash-chained events (`CaseEvent.seal` semantics via `hashchain.link`), decision clocks as `route` starts
them, businesses found or created by USCC — one multi-row INSERT per table, in the caller's transaction.

Imported cases are registered as of their historical time (events at `received_at`), numbered by the day
received. Closed ones get a `close` event (payload `imported: true`) at their closing time and no clocks.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from weiquan.bulkrows import RowWriter
from weiquan.cases.models import Business, Case, CaseEvent, CaseNumberCounter
from weiquan.cases.models.numbering import number_prefix, numbered
from weiquan.cases.services.registration import new_query_codes
from weiquan.deadlines.calendar import get_calendar
from weiquan.deadlines.clocks import compute_due, limit
from weiquan.deadlines.models import Clock
from weiquan.lib import hashchain, workflow
from weiquan.regions.models import Region
from weiquan.regions.names import business_short_name

from .importer.rows import LOCAL, Parsed
from .models import ImportedRow

DECISION_CLOCK = {workflow.COMPLAINT: ("acceptance", "acceptance"), workflow.REPORT: ("verification", "verification"),
                  workflow.CONSULTATION: ("answer", "answer")}


def reserve_numbers(province: str, counts: dict) -> dict:
    """{day: n} → {day: first sequence}; the counter rows stay locked until the transaction ends."""
    table = connection.ops.quote_name(CaseNumberCounter._meta.db_table)
    first = {}
    with connection.cursor() as cursor:
        for day, n in sorted(counts.items()):
            cursor.execute(
                f"INSERT INTO {table} (province, day, last) VALUES (%s, %s, %s) "
                f"ON CONFLICT (province, day) DO UPDATE SET last = {table}.last + %s RETURNING last",
                [province, connection.ops.adapt_datefield_value(day), n, n])
            (last,) = cursor.fetchone()
            first[day] = last - n + 1
    return first


def allocate_case_ids(n: int) -> list[int]:
    table = Case._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, n])
            return [r[0] for r in cursor.fetchall()]
        # SQLite: the batch's transaction holds the write lock, so nobody else takes ids meanwhile
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        (top,) = cursor.fetchone()
        return list(range(top + 1, top + n + 1))


class Context:
    """What every batch of one import run shares: organisations, regions, calendar, due-date cache."""

    def __init__(self, intake_org, orgs_by_code: dict, source: str, actor=None):
        self.intake_org = intake_org
        self.orgs = orgs_by_code  # code → Organisation
        self.source = source[:200]
        self.actor = actor
        self.calendar = get_calendar()
        self.regions: dict[str, str | None] = {}
        self.due_cache: dict = {}
        self.province = settings.WEIQUAN_PROVINCE_CODE

    def region(self, code: str) -> str | None:
        if code not in self.regions:
            region = Region.objects.filter(code=code).first()
            self.regions[code] = region.current().code if region else None
        return self.regions[code]

    def due(self, unit: str, length: int, start):
        key = (unit, length, start)
        if key not in self.due_cache:
            probe = Clock(unit=unit, length=length, start=start, extra_working_days=0, pauses=[])
            self.due_cache[key] = compute_due(self.calendar, probe)
        return self.due_cache[key]


def _businesses(rows: list[Parsed], ctx: Context) -> dict[str, int]:
    wanted = {}
    for p in rows:
        if p.data.business_uscc and p.data.business_uscc not in wanted:
            wanted[p.data.business_uscc] = p
    if not wanted:
        return {}
    found = dict(Business.objects.filter(uscc__in=list(wanted)).values_list("uscc", "id"))
    missing = [Business(uscc=u, name=p.data.business_name, address=p.data.business_address,
                        region_id=ctx.region(p.data.business_region_code) if p.data.business_region_code else None)
               for u, p in wanted.items() if u not in found]
    if missing:
        Business.objects.bulk_create(missing, ignore_conflicts=True)
        found.update(Business.objects.filter(uscc__in=[b.uscc for b in missing]).values_list("uscc", "id"))
    return found


def _event(table: RowWriter, case_id: int, number: str, seq: int, at: tuple[datetime, str], actor_label: str,
           actor_id, org_id, action: str, before: str, after: str, payload: dict, prev: str) -> str:
    """Add the event and return its hash; `at`: its time in UTC and that time's ISO text (`_utc`)."""
    payload = {k: v for k, v in payload.items() if v not in (None, "")}
    payload_json, digest = hashchain.link_event(prev, case=number, seq=seq, at=at[1], actor=actor_label, org=org_id,
                                                action=action, from_state=before, to_state=after, payload=payload)
    table.add_values(case_id, seq, at[1] if table.text_datetimes else at[0], actor_id, actor_label, org_id, action,
                     before, after, payload_json, prev, digest)
    return digest


def _utc(at: datetime) -> tuple[datetime, str]:
    at = at.astimezone(UTC)
    return at, at.isoformat()


EVENT_COLUMNS = ("case_id", "seq", "at", "actor_id", "actor_label", "org_id", "action", "from_state", "to_state",
                 "payload", "prev_hash", "hash")


def write_batch(rows: list[Parsed], ctx: Context) -> list[int]:
    """Insert the cases of these rows (none of whose keys is imported yet). Caller holds the transaction."""
    if not rows:
        return []
    days = {}
    for p in rows:
        p.day = p.data.received_at.astimezone(LOCAL).date()
        days[p.day] = days.get(p.day, 0) + 1
    next_seq = reserve_numbers(ctx.province, days)
    prefixes = {day: number_prefix(ctx.province, day) for day in days}
    ids = allocate_case_ids(len(rows))
    businesses = _businesses(rows, ctx)
    cases, clocks = RowWriter(Case, with_id=True), RowWriter(Clock)
    events = RowWriter(CaseEvent, columns=EVENT_COLUMNS, encoded=("payload",))
    imported = RowWriter(ImportedRow)
    actor = ctx.actor if ctx.actor is not None and ctx.actor.pk else None
    actor_id = actor.pk if actor else None
    actor_label = actor.get_username() if actor else "system"
    actor_org = actor.organisation_id if actor else None
    now = datetime.now(UTC)
    intake = ctx.intake_org
    codes = new_query_codes(len(rows))
    as_text = cases.text_datetimes  # PostgreSQL: times as the ISO text the events' hashes need anyway
    for case_id, p in zip(ids, rows, strict=True):
        d = p.data
        seq = next_seq[p.day]
        next_seq[p.day] = seq + 1
        number = numbered(prefixes[p.day], seq)
        received_at = d.received_at
        org = ctx.orgs[p.handling_org] if p.handling_org else intake
        received_text = received_at.isoformat()
        register_payload = {"channel": "import", "received_at": received_text, "source": ctx.source,
                            "source_key": p.key, **p.source}
        received = _utc(received_at)
        head = _event(events, case_id, number, 1, received, actor_label, actor_id, actor_org, "register", "",
                      workflow.RECEIVED, register_payload, hashchain.GENESIS)
        count, state, next_due, closed_at = 1, workflow.RECEIVED, None, None
        if p.handling_org:
            count += 1
            head = _event(events, case_id, number, count, received, actor_label, actor_id, actor_org, "route",
                          state, workflow.ROUTED, {"org": org.code}, head)
            state = workflow.ROUTED
            if p.state != workflow.CLOSED:
                kind, name = DECISION_CLOCK[d.kind]
                unit, length = limit(name)
                due = ctx.due(unit, length, p.day)
                clocks.add({"case_id": case_id, "kind": kind, "unit": unit, "length": length, "start": p.day,
                            "due": due.day, "provisional": due.provisional, "org_id": org.pk, "pauses": []})
                next_due = due.day
        if p.state == workflow.CLOSED:
            closed = _utc(p.closed_at or received_at)
            closed_at = closed[1] if as_text else closed[0]
            count += 1
            head = _event(events, case_id, number, count, closed, actor_label, actor_id, actor_org, "close",
                          state, workflow.CLOSED, {"imported": True, "note": p.source.get("source_state", "")}, head)
            state = workflow.CLOSED
        cases.add({
            "id": case_id, "number": number,
            "query_code": codes.pop(),
            "kind": d.kind, "channel": "import", "received_at": received_text if as_text else received_at,
            "received_on": p.day,
            "rule_version": workflow.rule_version(p.day), "state": state,
            "complainant_name": d.complainant_name, "complainant_phone": d.complainant_phone,
            "complainant_address": d.complainant_address, "complainant_id_number": d.complainant_id_number,
            "agent_name": d.agent_name, "confidential": d.confidential,
            "business_id": businesses.get(d.business_uscc), "business_name": d.business_name,
            "business_short_name": business_short_name(d.business_name),
            "business_uscc": d.business_uscc, "business_address": d.business_address,
            "platform_name": d.platform_name, "platform_address": d.platform_address,
            "business_region_id": ctx.region(d.business_region_code) if d.business_region_code else None,
            "category": d.category, "problem": d.problem, "request": d.request, "amount": d.amount,
            "description": d.description, "intake_org_id": intake.pk, "handling_org_id": org.pk,
            "amount_recovered": p.amount_recovered, "next_due": next_due, "closed_at": closed_at,
            "created_by_id": actor_id, "last_event_hash": head, "event_count": count,
        })
        imported.add({"key": p.key, "case_id": case_id, "source": ctx.source, "imported_at": now})
    with connection.cursor() as cursor:
        for table in (cases, events, clocks, imported):
            table.flush(cursor)
    return ids
