"""Cases are also found by the business name without its leading divisions (龙城 finds 大同市平城区龙城汽车…):
the column, filled for the cases on record before its index is built."""

from django.db import migrations, models

from weiquan.lib.business_names import Divisions, trade_part

CHUNK = 5000


def fill_short_names(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    Case = apps.get_model("cases", "Case")
    divisions = Divisions.from_regions(Region.objects.values_list("name", "short_name", "level"))
    if not divisions:
        return  # no divisions loaded: nothing to drop
    quote = schema_editor.connection.ops.quote_name
    table, column = quote(Case._meta.db_table), quote("business_short_name")
    last = 0
    while True:
        rows = list(Case.objects.filter(id__gt=last).order_by("id").values_list("id", "business_name")[:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        changed = [(short, pk) for pk, name in rows if name and (short := trade_part(name, divisions))]
        if changed:  # one UPDATE by key run for the lot: psycopg pipelines it, SQLite runs it in-process
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s", changed)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0007_recusal_police_referral"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="business_short_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=200,
                                   verbose_name="business name without its divisions"),
        ),
        migrations.RunPython(fill_short_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["business_short_name"], name="case_business_short_prefix",
                               opclasses=["varchar_pattern_ops"]),
        ),
    ]
