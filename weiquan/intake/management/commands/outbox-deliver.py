from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from weiquan.intake.outbox import callback_url, deliver_pending


class Command(BaseCommand):
    help = _("Deliver due outbox messages (12345 results) to WEIQUAN_12345_CALLBACK_URL, with retries.")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, **options):
        if not callback_url():
            self.stderr.write(_("WEIQUAN_12345_CALLBACK_URL is not set: messages stay pending."))
        counts = deliver_pending(limit=limit)
        self.stdout.write(_("delivered %(delivered)d, failed %(failed)d, pending %(pending)d") % counts)
