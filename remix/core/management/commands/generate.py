from django.core.management.base import BaseCommand

from remix.core.generate import SCALES, scale_generate


class Command(BaseCommand):
    help = "Generate seeded scale data for benchmarks (adds to what is there)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        scale_generate(scale=scale, seed=seed, log=self.stdout.write)
