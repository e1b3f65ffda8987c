"""``ngvh backup PATH``: the database and the evidence files, with a manifest of checksums
(``ngvh.core.backup``; schedule and retention in docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and the evidence files into a new folder, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder that does not exist yet or is empty")

    def handle(self, *args, **options):
        from ngvh.core.backup import BackupError, backup_create

        try:
            result = backup_create(path=Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{result.path}: {result.database}, {result.files} tệp / files ({result.bytes} bytes)")
