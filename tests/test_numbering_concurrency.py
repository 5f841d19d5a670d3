"""Case numbers are unique and gap-free per province and day, with 8 writers at once, on SQLite and
PostgreSQL; a registration that fails after taking its number gives the number back."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from weiquan.cases.models import Case, CaseNumberCounter
from weiquan.cases.services import IntakeData, register_case
from weiquan.lib.workflow import WorkflowError

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)  # a day no other test registers on
PREFIX = "14260303"
THREADS, PER_THREAD = 8, 6


@pytest.fixture
def reference_data(transactional_db):
    """A transactional test runs on a flushed database when another one ran before: rebuild."""
    from weiquan.deadlines.calendar import seed_from_chinesecalendar
    from weiquan.demo.province import build_province, create_demo_accounts
    from weiquan.orgs.models import User

    if not User.objects.filter(username="clerk").exists():
        build_province("140000", field_offices_per_county=1)
        create_demo_accounts()
        seed_from_chinesecalendar()


def intake(n: int) -> IntakeData:
    return IntakeData(kind="complaint", channel="phone", description=f"第{n}件：购买的电动车电池鼓包。",
                      complainant_name="王五", complainant_phone="13712345678",
                      complainant_address="大同市平城区魏都大道1号", business_name="大同市平城区某车行",
                      business_address="大同市平城区南关南街2号", request="更换", route_to="140213")


def run_writers(work) -> list[BaseException]:
    """Run `work(thread_index)` in THREADS threads started together; each closes its connection."""
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def target(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except BaseException as exc:  # noqa: BLE001 — reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def sequences_of_the_day() -> list[int]:
    return sorted(int(n[-6:]) for n in Case.objects.filter(number__startswith=PREFIX).values_list("number", flat=True))


@pytest.mark.django_db(transaction=True)
def test_eight_parallel_writers_get_unique_gap_free_numbers(reference_data):
    """Between its registrations each writer also tries one that takes a number and is then refused
    (an analyst may not route): the refused ones give their numbers back, under contention too.
    One test on purpose: every transactional test ends with a flush of the whole database."""
    from weiquan.orgs.models import User

    clerk = User.objects.select_related("organisation").get(username="clerk")
    analyst = User.objects.select_related("organisation").get(username="analyst")
    taken: list[str] = []
    refused: list[int] = []

    def work(index: int) -> None:
        for n in range(PER_THREAD):
            taken.append(register_case(clerk, intake(index * 100 + n), registered_at=DAY).number)
            try:
                register_case(analyst, intake(n), registered_at=DAY)
            except WorkflowError as exc:
                refused.append(exc.status)

    assert run_writers(work) == []
    total = THREADS * PER_THREAD
    assert refused == [403] * total
    assert len(taken) == len(set(taken)) == total
    assert sequences_of_the_day() == list(range(1, total + 1))
    assert CaseNumberCounter.objects.get(day=DAY.date()).last == total
    assert all(n.startswith(PREFIX) and len(n) == 14 for n in taken)
    assert Case.objects.filter(number__startswith=PREFIX, handling_org__code="140213").count() == total


def test_a_registration_rolled_back_inside_its_transaction_gives_its_number_back(clerk, analyst, monkeypatch):
    from weiquan.cases.services import registration

    first = register_case(clerk, intake(1), registered_at=DAY)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(registration, "append_event", broken)
        with pytest.raises(RuntimeError):
            register_case(clerk, intake(2), registered_at=DAY)
    with pytest.raises(WorkflowError):
        register_case(analyst, intake(3), registered_at=DAY)  # number taken, then refused
    second = register_case(clerk, intake(4), registered_at=DAY)
    assert [first.number[-6:], second.number[-6:]] == ["000001", "000002"]
    assert sequences_of_the_day() == [1, 2]
    assert CaseNumberCounter.objects.get(day=DAY.date()).last == 2


def test_numbers_are_per_day(clerk):
    other_day = datetime(2026, 3, 4, 0, 10, tzinfo=SHANGHAI)
    first = register_case(clerk, intake(1), registered_at=DAY)
    second = register_case(clerk, intake(2), registered_at=other_day)
    assert (first.number, second.number) == ("14260303000001", "14260304000001")
