"""What a user of the demo sees is consistent: valid numbers and USCCs, states, clocks and counters
agree, the demo counties have open work, and a real registration continues the day's numbering."""

from collections import Counter
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.models import Business, Case, CaseNumberCounter
from weiquan.cases.services import IntakeData, register_case
from weiquan.deadlines.models import Clock
from weiquan.demo.seed import seed_cases
from weiquan.lib import uscc

ANCHOR = date(2026, 11, 20)
CUTOFF = datetime.combine(ANCHOR, time(0), ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def seeded(db):
    seed_cases(600, seed=11, anchor=ANCHOR)


def test_numbers_counters_and_uscc(seeded):
    numbers = list(Case.objects.values_list("number", "received_at"))
    assert len({n for n, _ in numbers}) == len(numbers)
    assert all(len(n) == 14 and n.startswith("14") for n, _ in numbers)
    last = Counter()
    for number, _ in numbers:
        day = number[2:8]
        last[day] = max(last[day], int(number[8:]))
    for counter in CaseNumberCounter.objects.all():
        assert counter.last == last[f"{counter.day:%y%m%d}"]
    businesses = list(Business.objects.exclude(uscc=""))
    assert businesses
    for business in businesses:
        assert uscc.is_valid(business.uscc), business.uscc
        assert business.uscc[2:8] == business.region_id


def test_states_clocks_and_next_due_agree(seeded):
    for case in Case.objects.prefetch_related("clocks", "events"):
        events = sorted(case.events.all(), key=lambda e: e.seq)
        assert events[-1].to_state == case.state
        clocks = list(case.clocks.all())
        running = [c.due for c in clocks if c.state == Clock.State.RUNNING]
        assert case.next_due == (min(running) if running else None)
        for clock in clocks:
            if clock.state in (Clock.State.MET, Clock.State.BREACHED):
                assert (clock.stopped_on <= clock.due) == (clock.state == Clock.State.MET)
        if case.state == "closed":
            assert not running and case.closed_at is not None
        assert all(e.at < CUTOFF for e in events)  # nothing happens on or after the anchor day


def test_realistic_mix_and_open_work_in_the_demo_counties(seeded):
    kinds = Counter(Case.objects.values_list("kind", flat=True))
    assert kinds["complaint"] > kinds["report"] > kinds["consultation"] > 0
    channels = Counter(Case.objects.values_list("channel", flat=True))
    assert channels["web"] > channels["phone"] and channels["12345"] > channels["phone"]
    states = Counter(Case.objects.values_list("state", flat=True))
    assert states["closed"] > len(Case.objects.all()) / 2
    outcomes = set(Case.objects.values_list("outcome", flat=True))
    assert {"no_agreement_possible", "absent_or_refused"} & outcomes
    assert Clock.objects.filter(state=Clock.State.BREACHED).exists()
    assert Case.objects.filter(amount_recovered__gt=0).exists()
    for code in ("140213", "140214"):
        open_cases = Case.objects.filter(handling_org__code__startswith=code).exclude(state="closed")
        assert open_cases.exists(), code
    assert Case.objects.exclude(state="closed").filter(next_due__lt=ANCHOR).exists()  # overdue work


def test_a_real_registration_continues_the_numbering(seeded, clerk):
    day = Case.objects.order_by("-received_at").values_list("number", flat=True).first()
    counter = CaseNumberCounter.objects.get(day=date(2000 + int(day[2:4]), int(day[4:6]), int(day[6:8])))
    at = datetime.combine(counter.day, time(23, 59), ZoneInfo("Asia/Shanghai"))
    case = register_case(clerk, IntakeData(
        kind="consultation", channel="phone", description="过期食品能退吗？", received_at=at), registered_at=at)
    assert case.number == f"14{counter.day:%y%m%d}{counter.last + 1:06d}"
