"""manage.py seed_bench: synthetic needs and responses at scale."""

from django.core.management.base import BaseCommand, CommandError

from needs_snippets.synthetic import refresh_statistics, seed_synthetic


class Command(BaseCommand):
    help = (
        "Replace earlier synthetic data with N synthetic needs and M responses (for "
        "benchmarks; real content is left alone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs", type=int, required=True, help="number of needs")
        parser.add_argument("--responses", type=int, required=True, help="number of responses")
        parser.add_argument("--seed", type=int, default=2021, help="random seed")

    def handle(self, *args, needs, responses, seed, **options):
        if needs < 1 or responses < 0:
            raise CommandError("Give at least one need (--needs 1) and no negative --responses.")
        seed_synthetic(needs, responses, seed=seed, progress=self.stdout.write)
        refresh_statistics()
        self.stdout.write(self.style.SUCCESS(f"Seeded {needs} needs and {responses} responses."))
