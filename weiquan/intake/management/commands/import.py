"""`weiquan import FILE`: historical or national-platform exports (CSV or XLSX) into cases."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from weiquan.intake.importer.readers import ImportFileError
from weiquan.intake.importer.run import run_import
from weiquan.orgs.models import User


class Command(BaseCommand):
    help = _("Import cases from a CSV or XLSX export; idempotent and resumable (see docs/import-export.md).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--mapping", help=_("JSON file {field: header} overriding the default columns"))
        parser.add_argument("--dry-run", action="store_true", help=_("check every row, import nothing"))
        parser.add_argument("--rejects", help=_("write every rejected row with its row number and reason here"))
        parser.add_argument("--batch", type=int, default=1000, help=_("rows per transaction"))
        parser.add_argument("--encoding", help=_("CSV encoding (detected when not given: UTF-8 or GB18030)"))
        parser.add_argument("--sheet", help=_("XLSX sheet name (default: the first)"))
        parser.add_argument("--as", dest="username", help=_("record the import as done by this user"))
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--no-triage", action="store_true",
                            help=_("do not send the imported cases to triage (suggestions, duplicate index)"))

    def handle(self, *args, file, mapping, dry_run, rejects, batch, encoding, sheet, username, no_progress,
               no_triage,                **options):
        if batch < 1 or batch > 50_000:
            raise CommandError(_("--batch must lie between 1 and 50000."))
        actor = None
        if username:
            actor = User.objects.filter(username=username).select_related("organisation").first()
            if actor is None:
                raise CommandError(_("No user %(name)s.") % {"name": username})
        try:
            report = run_import(file, mapping=mapping, dry_run=dry_run, rejects=rejects, batch=batch,
                                encoding=encoding, sheet=sheet, actor=actor, progress=not no_progress,
                                stderr=self.stderr._out, triage=not no_triage)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        verb = _("would import") if dry_run else _("imported")
        self.stdout.write(
            _("%(verb)s %(imported)d, already imported %(skipped)d, rejected %(rejected)d, blank %(blank)d "
              "(%(format)s %(encoding)s, %(rows)d rows in %(seconds).1f s, %(rate).0f rows/s)") % {
                "verb": verb, "imported": report.imported, "skipped": report.skipped, "rejected": report.rejected,
                "blank": report.blank, "format": report.format, "encoding": report.encoding, "rows": report.rows,
                "seconds": report.seconds, "rate": report.rate})
        for number, reason in report.rejects[:5]:
            self.stderr.write(_("row %(row)d: %(reason)s") % {"row": number, "reason": reason})
        if report.rejected and not rejects:
            self.stderr.write(_("%(n)d rows rejected; give --rejects FILE to list every one.") % {"n": report.rejected})
