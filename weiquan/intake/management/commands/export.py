"""`weiquan export OUT`: the cases a user may see, streamed to CSV or XLSX."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.intake.export import ExportError, Filters, rows, write_file
from weiquan.orgs.models import User


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": text}) from None


class Command(BaseCommand):
    help = _("Export the cases USERNAME may see to CSV or XLSX; personal data masked unless asked and permitted.")

    def add_arguments(self, parser):
        parser.add_argument("out")
        parser.add_argument("--as", dest="username", required=True, help=_("export what this user may see"))
        parser.add_argument("--kind", choices=Case.Kind.values)
        parser.add_argument("--state", choices=Case.State.values)
        parser.add_argument("--org", help=_("organisation code: cases handled in its subtree"))
        parser.add_argument("--from", dest="date_from", help=_("received on or after (YYYY-MM-DD)"))
        parser.add_argument("--to", dest="date_to", help=_("received on or before (YYYY-MM-DD)"))
        parser.add_argument("--format", choices=["csv", "xlsx"], default=None)
        parser.add_argument("--with-personal-data", action="store_true")

    def handle(self, *args, out, username, kind, state, org, date_from, date_to, format, with_personal_data,
               **options):
        user = User.objects.filter(username=username, is_active=True).select_related("organisation").first()
        if user is None:
            raise CommandError(_("No active user %(name)s.") % {"name": username})
        fmt = format or ("xlsx" if out.lower().endswith(".xlsx") else "csv")
        filters = Filters(kind=kind or "", state=state or "", org=org or "",
                          date_from=_date(date_from) if date_from else None,
                          date_to=_date(date_to) if date_to else None)
        try:
            count = write_file(out, rows(user, filters, personal=with_personal_data), fmt)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("%(n)d cases written to %(out)s") % {"n": count, "out": out})
