from django.core.management.base import BaseCommand, CommandError

from remix.accounts.models import User
from remix.accounts.services import token_create


class Command(BaseCommand):
    help = "API tokens. `token create USERNAME [--name NAME]` prints a new token, once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it.")
        create.add_argument("username")
        create.add_argument("--name", default="command line")

    def handle(self, *args, action, username, name, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        created = token_create(user=user, name=name)
        # Only the token on stdout, so scripts can capture it.
        self.stdout.write(created.raw)
