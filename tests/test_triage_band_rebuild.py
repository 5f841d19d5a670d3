"""After a change of the band scheme, `rebuild_bands` writes every case's band rows again from its stored
signature — the rows a fresh triage would have written — and, on PostgreSQL, leaves the table with
statistics (its TRUNCATE drops them, and without them the planner reads every band row per look-up)."""

from django.db import connection

from weiquan.triage import index
from weiquan.triage.models import TextBand

WARDROBE = "在红旗家具城购买的实木衣柜两个月后柜门开裂，商家拒绝退换，要求退货退款。"
GYM = "力美健身房突然关门，老板失联，办的年卡还有十个月没用，要求退还剩余费用。"


def _rows():
    return set(TextBand.objects.values_list("key", "received_on", "case_id"))


def test_the_rebuilt_band_rows_are_those_triage_wrote(make_case):
    make_case(route_to="", description=WARDROBE)
    make_case(route_to="", description=GYM, business_uscc="91140200MA0K7X3L2W")  # a name and a credit code
    written = _rows()
    TextBand.objects.all().delete()
    assert index.rebuild_bands() == 2
    assert _rows() == written and written


def test_the_band_table_has_statistics_after_a_rebuild(make_case):
    make_case(route_to="", description=WARDROBE)
    index.rebuild_bands()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TextBand._meta.db_table])
            (tuples,) = cursor.fetchone()
        assert tuples >= 0  # -1: never analysed
