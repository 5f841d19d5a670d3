import sys

from django.core.management.base import BaseCommand

from weiquan.regions.resolver import route_addresses

BATCH = 5000


class Command(BaseCommand):
    help = ("Addresses on stdin, one a line → TSV on stdout: address, region_code, org_code, candidates "
            "(comma-separated; codes empty when unresolved).")

    def handle(self, **options):
        out = self.stdout
        batch: list[str] = []

        def flush():
            for r in route_addresses(batch):
                clean = r.address.replace("\t", " ")
                out.write(f"{clean}\t{r.region_code}\t{r.org_code}\t{','.join(r.candidates)}")
            batch.clear()

        for line in sys.stdin:
            batch.append(line.rstrip("\r\n"))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
