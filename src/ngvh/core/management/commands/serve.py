"""``ngvh serve``: what ``make run`` calls: migrate, load the demo, serve on 127.0.0.1:8000."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the bundled plan and demo data, and serve the app."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args, addr: str, no_demo: bool, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if not no_demo:
            call_command("demo")
        self.stdout.write(self.style.SUCCESS(f"\nNGVH: http://{addr}/\n"))
        call_command("runserver", addr, use_reloader=False)
