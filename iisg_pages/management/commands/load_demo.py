"""manage.py load_demo: the demo secure database and site, and one login per role."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from iisg_pages.accounts import totp
from iisg_pages.demo import load_public_site
from iisg_pages.demo_translations import load_demo_translations
from needs_snippets.demo.loader import DemoLoader
from needs_snippets.demo.registries import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = (
        "Load the demo content: pillars, members, the 2021–2022 needs cycle with its needs and "
        "responses, the Board's seats, the public site with the 2021–2022 report adopted by "
        "running its approval workflow with the demo logins, and one demo login per role, each "
        "with an authenticator app enrolled (manage.py sign_in_codes shows their codes). The "
        "demo's decisions e-mail nobody. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo content even though DEBUG is off (never on a real deployment).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: demo logins have a published password. Run load_demo only in "
                "development, or pass --allow-production on a throw-away deployment."
            )
        # The demo's workflow notifies its demo logins: nobody to e-mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            created = self.load()
        if created:
            summary = ", ".join(f"{count} {name}" for name, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo content created: {summary}."))
        else:
            self.stdout.write("Demo content already in place; nothing changed.")
        self.print_logins()

    @transaction.atomic
    def load(self):
        """Everything the demo lacks, in one transaction. Returns what was created."""
        created = DemoLoader().load()
        pages = load_public_site()
        if pages:
            created["pages"] = pages
        translations = load_demo_translations() if settings.IISG_DEMO_TRANSLATIONS else 0
        if translations:
            created["page translations (demonstration)"] = translations
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@demo.iisg.localhost", DEMO_PASSWORD)
            created["demo users"] = created.get("demo users", 0) + 1
        # Every demo login signs in with a second factor, as in production: enrolled here.
        demo_logins = User.objects.filter(username__in=["admin", *(row[0] for row in USERS)])
        enrolled = sum(totp.enrol(user) for user in demo_logins)
        if enrolled:
            created["authenticator apps"] = enrolled
        return created

    def print_logins(self):
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"  {'admin':<18} superuser (everything)")
        for username, _first, _last, group, member, _pillar in USERS:
            detail = f"{group}" + (f", {member}" if member else "")
            self.stdout.write(f"  {username:<18} {detail}")
        self.stdout.write(
            "Each demo login has an authenticator app enrolled. After the password, enter its "
            "current code, shown by:\n  .venv/bin/python manage.py sign_in_codes [username ...]"
        )
