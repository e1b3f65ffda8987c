"""``ngvh restore PATH``: a backup made by ``ngvh backup`` into an empty database and storage."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Restore a backup (checksums verified first) into an empty database and the configured storage."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the folder `ngvh backup` wrote")

    def handle(self, *args, **options):
        from ngvh.core.backup import BackupError, backup_restore

        try:
            manifest = backup_restore(path=Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục / restored {manifest['engine']} backup of {manifest['created_at']}: {len(manifest['files'])} tệp / files"
        )
