"""The similarity index's band rows, made anew:

- the LSH band keys are scoped by business, 6 bands of 3 values (see `weiquan.lib.similarity` and
  `weiquan.triage.index`), so every stored key changes;
- the table keeps a single index, its composite primary key (key, received_on, case), in place of an id,
  an index on the key and one on the case.

The table is dropped and created again (a primary key cannot be changed into a composite one in place),
then filled from the signatures, which hold all that is needed (`index.rebuild_bands`)."""

import django.db.models.deletion
from django.db import migrations, models


def rebuild(apps, schema_editor):
    from weiquan.triage.index import rebuild_bands

    rebuild_bands(apps.get_model("triage", "Signature"), apps.get_model("triage", "TextBand"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_platform"),
        ("triage", "0003_platform"),
    ]

    operations = [
        migrations.DeleteModel(name="TextBand"),
        migrations.CreateModel(
            name="TextBand",
            fields=[
                ("pk", models.CompositePrimaryKey("key", "received_on", "case", blank=True, editable=False,
                                                  primary_key=True, serialize=False)),
                ("key", models.BigIntegerField()),
                ("received_on", models.DateField()),
                ("case", models.ForeignKey(db_constraint=False, db_index=False,
                                           on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                           to="cases.case")),
            ],
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
