"""``ngvh cleanup [--dry-run]``: the daily clean-up (a systemd timer, docs/deployment.md).

Removes abandoned import previews and drafts, evidence files no row names, and access logs
and security events past their retention period (``ngvh.site.cleanup``).
"""

from __future__ import annotations

from ngvh.accounts.system import SystemCommand


class Command(SystemCommand):
    help = "Remove abandoned import previews and drafts, orphaned evidence files, and logs past their retention."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be removed; remove nothing")

    def handle(self, *args, **options):
        from ngvh.site.cleanup import cleanup_run

        report = cleanup_run(dry_run=options["dry_run"])
        prefix = "[dry run] " if report.dry_run else ""
        for line in report.lines():
            self.stdout.write(prefix + line)
