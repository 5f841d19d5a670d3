"""One case's life, simulated: its events (hash-chained) and clocks, exactly as the services record them.

Mirrors `weiquan.cases.services.actions.apply_action` and `weiquan.deadlines.clocks` without touching
the database: every event carries the payload apply_action would build, clocks are started, paused,
resumed and stopped on the same days with the same due-date arithmetic (`clocks.compute_due`), and
`verify-events` accepts the chains (tests/test_seed_events.py checks it).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from weiquan.deadlines.clocks import compute_due
from weiquan.lib import hashchain, workflow
from weiquan.lib.workdays import WorkCalendar

LOCAL = ZoneInfo("Asia/Shanghai")
UTC = UTC
SHANGHAI_OFFSET = timedelta(hours=8)  # Asia/Shanghai has kept UTC+8 without summer time since 1991


def local_date(at: datetime) -> date:
    """The Asia/Shanghai date of an aware UTC moment (fast path of at.astimezone(LOCAL).date())."""
    return (at + SHANGHAI_OFFSET).date()


def local_moment(day: date, seconds: int) -> datetime:
    """The UTC moment `seconds` after local midnight of `day`."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds) - SHANGHAI_OFFSET
ALL_CLOCK_KINDS = ("acceptance", "mediation", "notification", "verification", "jurisdiction", "answer", "odr",
                   "supervision", "hotline", "reporter_notice")


class SimClock:
    """The fields of a Clock row that `compute_due` reads, plus what we store."""

    __slots__ = ("kind", "unit", "length", "extra_working_days", "start", "due", "provisional", "state",
                 "paused_on", "pauses", "stopped_on", "org_id")

    def __init__(self, kind, unit, length, start, org_id):
        self.kind, self.unit, self.length, self.start, self.org_id = kind, unit, length, start, org_id
        self.extra_working_days, self.pauses, self.paused_on, self.stopped_on = 0, [], None, None
        self.state, self.due, self.provisional = "running", start, False


class Actor:
    __slots__ = ("id", "label", "org_id")

    def __init__(self, id_, label, org_id):
        self.id, self.label, self.org_id = id_, label, org_id


SYSTEM = Actor(None, "system", None)


class Life:
    """Accumulates the events and clocks of one case up to the cutoff (events at or after it never happen)."""

    def __init__(self, number: str, kind: str, rule_version: str, calendar: WorkCalendar, limits: dict,
                 cutoff: datetime, due_cache: dict):
        self.number, self.kind, self.rule_version = number, kind, rule_version
        self.calendar, self.limits, self.cutoff, self.due_cache = calendar, limits, cutoff, due_cache
        self.events: list[tuple] = []
        self.clocks: list[SimClock] = []
        self.state = ""  # the register event leads from "" to received
        self.prev_hash = hashchain.GENESIS
        self.outcome = self.outcome_note = self.enforcement_ref = self.police_referral = ""
        self.amount_recovered = Decimal("0")
        self.accepted_on: date | None = None
        self.closed_at: datetime | None = None
        self.handling_org_id: int | None = None
        self.alive = True  # False once an event would fall after the cutoff
        self.reporter_to_be_told = False  # a filing decision starts the clock for telling the reporter

    # --- clocks (weiquan.deadlines.clocks) ------------------------------------------------------
    def _due(self, clock: SimClock) -> None:
        if not clock.pauses:
            key = (clock.unit, clock.length + clock.extra_working_days, clock.start)
            due = self.due_cache.get(key)
            if due is None:
                due = self.due_cache[key] = compute_due(self.calendar, clock)
        else:
            due = compute_due(self.calendar, clock)
        clock.due, clock.provisional = due.day, due.provisional

    def start_clock(self, kind: str, limit_name: str, on: date, org_id: int) -> SimClock:
        unit, length = self.limits[limit_name]
        clock = SimClock(kind, unit, length, on, org_id)
        self._due(clock)
        self.clocks.append(clock)
        return clock

    def stop_clocks(self, kinds, on: date) -> None:
        for clock in self.clocks:
            if clock.kind in kinds and clock.state in ("running", "paused"):
                if clock.state == "paused" and clock.paused_on:
                    clock.pauses = [*clock.pauses, [clock.paused_on.isoformat(), on.isoformat()]]
                    clock.paused_on = None
                    self._due(clock)
                clock.stopped_on = on
                clock.state = "met" if on <= clock.due else "breached"

    def cancel_clocks(self) -> None:
        for clock in self.clocks:
            if clock.state in ("running", "paused"):
                clock.state = "cancelled"

    def pause_clocks(self, on: date) -> None:
        for clock in self.clocks:
            if clock.state == "running" and clock.kind != "hotline":
                clock.state, clock.paused_on = "paused", on

    def resume_clocks(self, on: date) -> None:
        for clock in self.clocks:
            if clock.state == "paused":
                clock.pauses = [*clock.pauses, [clock.paused_on.isoformat(), on.isoformat()]]
                clock.paused_on, clock.state = None, "running"
                self._due(clock)

    def next_due(self) -> date | None:
        dues = [c.due for c in self.clocks if c.state == "running"]
        return min(dues) if dues else None

    # --- events (weiquan.cases.services.events.append_event) ------------------------------------
    def allowed(self, at: datetime) -> bool:
        if self.alive and at >= self.cutoff:
            self.alive = False
        return self.alive

    def event(self, at: datetime, actor: Actor, action: str, to_state: str | None, payload: dict) -> None:
        before = self.state
        after = before if to_state is None else to_state
        payload = {k: v for k, v in payload.items() if v not in (None, "")}
        seq = len(self.events) + 1
        payload_json, digest = hashchain.link_event(
            self.prev_hash, case=self.number, seq=seq, at=at.isoformat(), actor=actor.label, org=actor.org_id,
            action=action, from_state=before, to_state=after, payload=payload)
        self.events.append((seq, at, actor, action, before, after, payload_json, self.prev_hash, digest))
        self.prev_hash = digest
        self.state = after

    def act(self, at: datetime, actor: Actor, action: str, *, note: str = "", ground: str | None = None,
            **extra) -> bool:
        """apply_action's bookkeeping for one action; False (nothing recorded) after the cutoff."""
        if not self.allowed(at):
            return False
        transition = workflow.transition_for(self.kind, self.state, action)
        implied = transition.implied_ground(self.state)
        target = transition.target_from(self.state)
        ground = implied or (ground if transition.ground_set else None)
        day = local_date(at)
        payload = {"note": note, "ground": ground}
        effect = getattr(self, f"_on_{action}", None)
        if effect:
            effect(day, payload, implied=implied, **extra)
        if ground:
            self.outcome, self.outcome_note = ground, note
        if target == workflow.CLOSED:
            self.closed_at = at
            self.stop_clocks(ALL_CLOCK_KINDS, day)
        self.event(at, actor, action, target, payload)
        return True

    def _on_route(self, day, payload, org_id, org_code, **_kw):
        self.handling_org_id = org_id
        payload["org"] = org_code
        if self.kind == workflow.COMPLAINT:
            self.start_clock("acceptance", "acceptance", day, org_id)
        elif self.kind == workflow.REPORT:
            self.start_clock("verification", "verification", day, org_id)
        else:
            self.start_clock("answer", "answer", day, org_id)

    def _on_accept(self, day, payload, **_kw):
        self.stop_clocks(("acceptance",), day)
        self.accepted_on = day
        name = "mediation_order121" if self.rule_version == workflow.ORDER_121 else "mediation_order20"
        self.start_clock("mediation", name, day, self.handling_org_id)

    def _on_refuse(self, day, payload, **_kw):
        self.stop_clocks(("acceptance",), day)

    def _on_settle(self, day, payload, amount: Decimal, **_kw):
        self.amount_recovered = amount
        payload["amount_recovered"] = str(amount)
        self.stop_clocks(("mediation",), day)

    def _on_terminate(self, day, payload, amount: Decimal = Decimal("0"), **_kw):
        if amount:
            self.amount_recovered = amount
            payload["amount_recovered"] = str(amount)
        self.stop_clocks(("mediation",), day)
        self.start_clock("notification", "notification", day, self.handling_org_id)

    def _on_pause(self, day, payload, **_kw):
        self.pause_clocks(day)

    def _on_resume(self, day, payload, **_kw):
        self.resume_clocks(day)

    def _on_refer_to_police(self, day, payload, **_kw):
        self.police_referral = payload["note"][:200]

    def _on_request_recusal(self, day, payload, **_kw):
        if settings.WEIQUAN_RECUSAL_STOPS_CLOCK:
            self.pause_clocks(day)
            payload["clock"] = "paused"

    def _on_grant_recusal(self, day, payload, **_kw):
        self.resume_clocks(day)

    _on_refuse_recusal = _on_grant_recusal

    def _on_withdraw(self, day, payload, implied=None, **_kw):
        if implied:  # after acceptance a withdrawal terminates mediation (Art. 23(1))
            self._on_terminate(day, payload)
        else:
            self.cancel_clocks()

    def _on_extend(self, day, payload, **_kw):
        clock = [c for c in self.clocks if c.kind == "verification"][-1]
        clock.extra_working_days += self.limits["verification_extension"][1]
        self._due(clock)
        payload["due"] = clock.due.isoformat()

    def _on_file_case(self, day, payload, ref: str = "", **_kw):
        if ref:
            self.enforcement_ref = ref
            payload["enforcement_ref"] = ref
        if self.kind == workflow.REPORT:
            self.stop_clocks(("verification",), day)
            self._reporter_notice(day)

    def _on_not_file(self, day, payload, **_kw):
        self.stop_clocks(("verification",), day)
        self._reporter_notice(day)

    def _reporter_notice(self, day) -> None:
        if self.reporter_to_be_told:
            self.start_clock("reporter_notice", "reporter_notice", day, self.handling_org_id)

    def _on_notify_reporter(self, day, payload, **_kw):
        self.stop_clocks(("reporter_notice",), day)

    def _on_answer(self, day, payload, **_kw):
        self.outcome_note = payload["note"]
        self.stop_clocks(("answer",), day)


# --- when things happen ---------------------------------------------------------------------------
def office_time(rng: random.Random, day: date, not_before: datetime | None = None) -> datetime:
    """A moment during office hours (local) on `day`, never before `not_before`."""
    at = local_moment(day, rng.randint(8 * 3600 + 1800, 17 * 3600 + 1800))
    if not_before is not None and at <= not_before:
        at = not_before + timedelta(minutes=rng.randint(3, 90))
    return at


def working_day_after(calendar: WorkCalendar, day: date, n: int) -> date:
    return calendar.add_working_days(day, n).day if n > 0 else day
