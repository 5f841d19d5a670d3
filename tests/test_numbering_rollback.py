"""A registration that fails after its number was taken gives the number back: no gap in the day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from weiquan.cases.models import Case, CaseNumberCounter
from weiquan.cases.services import IntakeData, register_case
from weiquan.lib.workflow import WorkflowError

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)
PREFIX = "14260303"


def intake(n: int) -> IntakeData:
    return IntakeData(kind="complaint", channel="phone", description=f"第{n}件：购买的电动车电池鼓包。",
                      complainant_name="王五", complainant_phone="13712345678",
                      complainant_address="大同市平城区魏都大道1号", business_name="大同市平城区某车行",
                      business_address="大同市平城区南关南街2号", request="更换", route_to="140213")


def sequences_of_the_day() -> list[int]:
    return sorted(int(n[-6:]) for n in Case.objects.filter(number__startswith=PREFIX).values_list("number", flat=True))


def test_a_registration_rolled_back_inside_its_transaction_gives_its_number_back(clerk, analyst, monkeypatch):
    from weiquan.cases.services import registration

    first = register_case(clerk, intake(1), registered_at=DAY)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(registration, "sealed_event", broken)
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
