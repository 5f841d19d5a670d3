"""`weiquan.bulkrows.RowWriter` writes many rows at once (COPY on PostgreSQL): what is read back is what was
added, whether the rows go through the adapter (text, JSON, bytes) or the plain path (integers, dates)."""

from datetime import date

from django.db import connection

from weiquan.bulkrows import RowWriter
from weiquan.triage.models import Signature, TextBand


def test_plain_rows_read_back_as_written(db):
    writer = RowWriter(TextBand, columns=("key", "case_id", "received_on"))
    assert writer.plain
    rows = [(-(2**63), 1, date(2026, 1, 1)), (2**63 - 1, 2, date(2026, 12, 31)), (0, 3, date(2000, 2, 29))]
    for row in rows:
        writer.add_values(*row)
    with connection.cursor() as cursor:
        writer.flush(cursor)
    assert sorted(TextBand.objects.values_list("key", "case_id", "received_on")) == sorted(rows)


def test_rows_with_text_bytes_and_nulls_read_back_as_written(db):
    writer = RowWriter(Signature)
    assert not writer.plain
    awkward = "a\tb\nc\\d 中文"  # a tab, a newline, a backslash
    writer.add({"case_id": 7, "received_on": date(2026, 3, 4), "phone_key": None, "person_key": -1,
                "address_key": None, "business_key": 2**62, "uscc": "", "problem": awkward, "category": "",
                "minhash": bytes(range(256))})
    with connection.cursor() as cursor:
        writer.flush(cursor)
    stored = Signature.objects.get(case_id=7)
    assert (stored.phone_key, stored.person_key, stored.business_key) == (None, -1, 2**62)
    assert stored.problem == awkward and bytes(stored.minhash) == bytes(range(256))
