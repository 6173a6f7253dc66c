"""manage.py refresh_membership: record automatic members as of today."""

from django.core.management.base import BaseCommand

from needs_snippets.models.support_groups import refresh_all


class Command(BaseCommand):
    help = (
        "Record why each organisation is a member as the records say today: lead partners "
        "whose role has ended and the Secretariat's host are members automatically; and keep "
        "each pillar's lead partners to the roles held today. Idempotent; runs hourly as a "
        "periodic job (register_periodic_job)."
    )

    def handle(self, *args, **options):
        changed = refresh_all()
        for member in changed:
            self.stdout.write(f"{member.name}: {member.get_membership_basis_display()}")
        self.stdout.write(f"Recorded the membership basis of {len(changed)} organisation(s).")
