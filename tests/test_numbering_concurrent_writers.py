"""Case numbers are unique and gap-free per province and day with 8 writers at once, on SQLite and
PostgreSQL, also when some registrations fail after taking their number. (Alone in its module: a
transactional test flushes the database, which the module fixture then restores.)"""

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


def build_reference_data() -> None:
    from weiquan.deadlines.calendar import forget_cache, seed_from_chinesecalendar
    from weiquan.demo.province import build_province, create_demo_accounts

    build_province("140000", field_offices_per_county=1)
    create_demo_accounts()
    seed_from_chinesecalendar()
    forget_cache()


@pytest.fixture(scope="module", autouse=True)
def reference_data_kept(django_db_setup, django_db_blocker):
    """The transactional test flushes every table when it ends; put the province and personas back
    for the tests that follow (module scope: this runs after the flush)."""
    yield
    with django_db_blocker.unblock():
        build_reference_data()


@pytest.fixture
def reference_data(transactional_db):
    """Another transactional test may have run before and flushed (without restoring): rebuild then."""
    from weiquan.orgs.models import User

    if not User.objects.filter(username="clerk").exists():
        build_reference_data()


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
    (an analyst may not route): the refused ones give their numbers back, under contention too."""
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
