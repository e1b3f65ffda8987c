"""``ngvh agencies apply-restructuring FILE``: replay a province's restructuring decisions.

The bundled Hải Phòng 2025 file is at ``src/ngvh/agencies/data/hai-phong-2025.json``
(``ngvh agencies apply-restructuring hai-phong-2025`` finds it by that short name).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from ngvh.accounts.system import SystemCommand

BUNDLED = {"hai-phong-2025": "hai-phong-2025.json"}


class Command(SystemCommand):
    help = "Agency registry tasks. apply-restructuring FILE: apply a restructuring file (all or nothing)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        apply = sub.add_parser("apply-restructuring", help="Apply a restructuring file (JSON).")
        apply.add_argument("file", help="Path to the file, or 'hai-phong-2025' for the bundled one.")
        apply.add_argument("--include-unverified", action="store_true", help="Also apply events marked unverified.")
        apply.add_argument(
            "--user", default="", help="Username of the coordinator to record as author (default: the system actor)."
        )
        apply.add_argument("--lang", choices=["vi", "en"], default="vi", help="Language of messages.")

    def handle(self, *args, action: str, **options):
        if action == "apply-restructuring":
            # every line in the language asked for (Vietnamese by default), whatever the locale
            with translation.override(options["lang"]):
                self.apply(**options)

    def apply(self, *, file: str, include_unverified: bool, user: str, **_options):
        from ngvh.accounts.models import User
        from ngvh.agencies.restructuring_file import (
            RestructuringFileError,
            parse_restructuring_file,
        )
        from ngvh.agencies.services import restructuring_file_apply

        if file in BUNDLED:
            raw = files("ngvh.agencies").joinpath("data", BUNDLED[file]).read_bytes()
            source = BUNDLED[file]
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(_("File not found: %(file)s") % {"file": file})
            raw, source = path.read_bytes(), path.name
        actor = self.actor
        if user:
            actor = User.objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(_("No active account %(user)s") % {"user": user})
        try:
            parsed = parse_restructuring_file(raw)
            result = restructuring_file_apply(user=actor, parsed=parsed, source=source, include_unverified=include_unverified)
        except RestructuringFileError as exc:
            raise CommandError(exc.text()) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for event in result.applied:
            self.stdout.write(
                _("Applied: %(names)s → %(into)s from %(date)s") % {
                    "names": ", ".join(a.name for a in event.predecessors.all()),
                    "into": ", ".join(a.name for a in event.successors.all()),
                    "date": f"{event.effective_date:%d/%m/%Y}",
                }
            )
        for line in result.already:
            self.stdout.write(_("Already applied: %(event)s") % {"event": line})
        for line in result.skipped_unverified:
            self.stdout.write(_("Skipped (unverified, use --include-unverified): %(event)s") % {"event": line})
