"""``ngvh mail send``: deliver the queued mail that is due (run by a timer, e.g. every minute)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deliver queued mail: 'send' sends what is due, with retries and backoff."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="send the mail that is due")
        send.add_argument("--limit", type=int, default=500)

    def handle(self, *args, action: str, limit: int = 500, **options):
        from ngvh.outbox.services import outbox_send_due

        counts = outbox_send_due(limit=limit)
        self.stdout.write(f"sent {counts['sent']}, to retry {counts['retry']}, failed {counts['failed']}")
