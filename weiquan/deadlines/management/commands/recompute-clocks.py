from django.core.management.base import BaseCommand

from weiquan.deadlines.calendar import forget_cache, seed_from_chinesecalendar
from weiquan.deadlines.clocks import OPEN, recompute_open_clocks
from weiquan.deadlines.models import Clock


class Command(BaseCommand):
    help = ("Recompute the due date of every open clock from the current holiday calendar "
            "(and the cases' next due date). Safe to run at any time.")

    def add_arguments(self, parser):
        parser.add_argument("--seed-calendar", action="store_true",
                            help="first load the years chinesecalendar knows that the database lacks")

    def handle(self, **options):
        if options["seed_calendar"]:
            added = seed_from_chinesecalendar()
            if added:
                self.stdout.write(f"calendar years added: {', '.join(map(str, added))}")
        forget_cache()
        changed = recompute_open_clocks()
        still_provisional = Clock.objects.filter(state__in=OPEN, provisional=True).count()
        total = Clock.objects.filter(state__in=OPEN).count()
        self.stdout.write(f"{changed} clocks changed; {total} open, {still_provisional} of them provisional")
