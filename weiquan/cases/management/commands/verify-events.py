from django.core.management.base import BaseCommand, CommandError

from weiquan.cases.services.events import broken_chains


class Command(BaseCommand):
    help = "Check every case's hash-chained timeline; list each break. Exit status 1 when any is found."

    def handle(self, **options):
        breaks = 0
        for number, seq, reason in broken_chains():
            breaks += 1
            self.stdout.write(f"{number}\tevent {seq}\t{reason}")
        if breaks:
            raise CommandError(f"{breaks} case timeline(s) broken")
        self.stdout.write("all case timelines verify")
