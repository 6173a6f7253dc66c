"""manage.py sign_in_codes: the current authenticator-app code of each demo login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from iisg_pages.accounts import totp
from iisg_pages.models import DemoDataRecord
from needs_snippets.demo.registries import USERS


class Command(BaseCommand):
    help = (
        "Print the code each demo login's authenticator app would show now, for signing in to "
        "the demo with its second factor. Only on a database that holds the demo (load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="Demo logins (default: all of them).")

    def handle(self, *args, usernames=(), **options):
        if not DemoDataRecord.objects.exists():
            raise CommandError(
                "This database holds no demo data: sign_in_codes only shows the codes of the "
                "demo logins that load_demo enrols."
            )
        demo = ["admin", *(row[0] for row in USERS)]
        unknown = sorted(set(usernames) - set(demo))
        if unknown:
            raise CommandError(
                f"Not demo logins: {', '.join(unknown)}. Demo logins: {', '.join(demo)}."
            )
        users = get_user_model().objects.in_bulk(list(usernames) or demo, field_name="username")
        for username in usernames or demo:
            user = users.get(username)
            shown = totp.current_code(user) if user else None
            if shown is None:
                self.stdout.write(f"  {username:<18} no authenticator app")
                continue
            code, seconds = shown
            self.stdout.write(f"  {username:<18} {code}  (valid {seconds} s more)")
