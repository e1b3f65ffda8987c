"""``ngvh remind [--dry-run] [--today YYYY-MM-DD]``: the daily reminder run (cron or a systemd timer).

Running it twice on a day sends nothing new: every send is logged under a unique key.
See docs/reminders.md for scheduling.
"""

from __future__ import annotations

from ngvh.accounts.system import SystemCommand

from .report import parse_day


class Command(SystemCommand):
    help = "Send due report reminders once each: before the deadline, after it, and a summary to coordinators."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent; send and record nothing")
        parser.add_argument("--today", help="YYYY-MM-DD; default today in Asia/Ho_Chi_Minh")

    def handle(self, *args, **options):
        from django.utils import timezone

        from ngvh.reporting.services import reminders_send

        today = parse_day(options.get("today")) or timezone.localdate()
        dry = options["dry_run"]
        items = reminders_send(user=self.actor, today=today, dry_run=dry)
        prefix = "[thử / dry run] " if dry else ""
        for item in items:
            if not dry and not item.sent:
                continue
            to = ", ".join(item.recipients) or "(không có địa chỉ / no address)"
            who = item.agency_name or "điều phối / coordinators"
            self.stdout.write(f"{prefix}{item.reporting_year.plan.number} {item.reporting_year.year} {item.key}: {who} → {to}")
        count = sum(1 for i in items if dry or i.sent)
        self.stdout.write(f"{prefix}{today:%d/%m/%Y}: {count} thư / messages{' sẽ gửi / would be sent' if dry else ' đã gửi / sent'}.")
