from django.core.management.base import BaseCommand

from remix.core.demo import demo_is_needed, demo_load


class Command(BaseCommand):
    help = "Load the demo network (idempotent). --if-empty: only on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true")

    def handle(self, *args, if_empty, **options):
        if if_empty and not demo_is_needed():
            self.stdout.write("Database not empty: demo data not loaded.")
            return
        demo_load(log=lambda name: self.stdout.write(f"demo: {name}"))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
