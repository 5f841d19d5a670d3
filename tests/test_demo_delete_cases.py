"""`delete_cases` (the benchmark's clean-up) and `seed --reset` leave nothing behind that points at the
removed cases — the triage index, whose rows have no reverse accessor, included."""

from django.core.management import call_command

from weiquan.cases.models import Case, CaseEvent, CaseNumberCounter
from weiquan.demo.seed.reset import delete_cases, reset_cases
from weiquan.intake.importer.sample import write_csv
from weiquan.intake.models import ImportedRow
from weiquan.triage.models import Signature, TextBand, Triage


def _import(tmp_path, n=40):
    path = tmp_path / "export.csv"
    write_csv(path, n, bad_every=0)
    call_command("import", str(path), "--no-progress")
    return list(Case.objects.filter(channel="import").values_list("id", flat=True))


def _leftovers(ids):
    return {model.__name__: model.objects.filter(case_id__in=ids).count()
            for model in (CaseEvent, Triage, Signature, TextBand, ImportedRow)}


def test_deleted_cases_take_their_events_index_and_numbers_with_them(db, tmp_path):
    before = dict(CaseNumberCounter.objects.values_list("day", "last"))
    ids = _import(tmp_path)
    assert _leftovers(ids)["Signature"] == 40
    assert delete_cases(ids) == 40
    assert not Case.objects.filter(pk__in=ids).exists()
    assert set(_leftovers(ids).values()) == {0}
    after = {day: last for day, last in CaseNumberCounter.objects.values_list("day", "last") if last}
    assert after == {day: last for day, last in before.items() if last}


def test_reset_removes_the_triage_index_too(db, tmp_path):
    ids = _import(tmp_path, 10)
    reset_cases()
    assert set(_leftovers(ids).values()) == {0}


def test_only_numbers_at_the_top_of_their_day_are_given_back(db, make_case):
    first, middle, last = (make_case(route_to="") for _ in range(3))
    day_counter = CaseNumberCounter.objects.get(last=int(last.number[8:]), day=last.received_on)
    top = day_counter.last
    delete_cases([middle.pk])
    day_counter.refresh_from_db()
    assert day_counter.last == top  # a number below a kept one is never handed out again
    delete_cases([last.pk])
    day_counter.refresh_from_db()
    assert day_counter.last == top - 2  # the last one, and the middle one now at the top
    assert make_case(route_to="").number == middle.number
    assert Case.objects.filter(pk=first.pk).exists()
