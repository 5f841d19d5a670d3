from django.core.management.base import BaseCommand, CommandError

from weiquan.orgs.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (shown once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        _token, raw = ApiToken.issue(user, name=name)
        self.stdout.write(raw)
