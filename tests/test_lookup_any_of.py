"""`field__any_of=[...]` (weiquan.lookups): one bound parameter for a list of any length, on both
databases — integers, text, dates and relations — with the same answer as `__in`."""

from datetime import date

from weiquan.triage.models import Signature, TextBand


def _signatures(n):
    Signature.objects.bulk_create([
        Signature(case_id=10_000 + i, received_on=date(2026, 1, 1 + i % 28), phone_key=i * 7 - 1_000_000,
                  uscc=f"9114{i:014d}", problem="quality", category="goods", minhash=b"\0" * 128)
        for i in range(n)])


def test_any_of_matches_what_in_matches_for_every_column_type(db):
    _signatures(60)
    cases = [10_003, 10_017, 99_999]
    phones = [3 * 7 - 1_000_000, 59 * 7 - 1_000_000, 123456789]
    usccs = ["9114" + "0" * 12 + "05", "nobody"]
    days = [date(2026, 1, 2), date(2026, 1, 28)]
    for field, values in (("case_id", cases), ("phone_key", phones), ("uscc", usccs), ("received_on", days)):
        expected = set(Signature.objects.filter(**{f"{field}__in": values}).values_list("pk", flat=True))
        found = set(Signature.objects.filter(**{f"{field}__any_of": values}).values_list("pk", flat=True))
        assert found == expected and found, field


def test_any_of_takes_sets_empty_lists_and_more_values_than_sqlite_binds(db):
    _signatures(30)
    assert not Signature.objects.filter(case_id__any_of=[]).exists()
    many = set(range(10_000, 10_000 + 40_000))  # far past SQLite's 32,766 bound parameters
    assert Signature.objects.filter(case_id__any_of=many).count() == 30
    TextBand.objects.bulk_create([TextBand(key=-(2**63) + i, case_id=10_000 + i, received_on=date(2026, 1, 1))
                                  for i in range(5)])
    assert TextBand.objects.filter(key__any_of={-(2**63), 2**63 - 1}).count() == 1
