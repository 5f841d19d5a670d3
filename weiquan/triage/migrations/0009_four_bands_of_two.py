"""The similarity index's band keys under the scheme of four bands of two values (was six of three).

A near copy (similarity 0.8, the threshold that makes one) shares a band with its original with almost the
same probability (0.983 instead of 0.986), and each case leaves a third fewer band rows to write, keep and
look up (`weiquan.lib.similarity`). Every stored key changes, so the band rows are written again from the
signatures (`index.rebuild_bands`): about 35 s per million cases. Going back leaves them as they are (the
code of the time decides the scheme)."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from weiquan.triage.index import rebuild_bands

    rebuild_bands(apps.get_model("triage", "Signature"), apps.get_model("triage", "TextBand"))


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0008_queue_without_constraint"),
    ]

    operations = [
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
    ]
