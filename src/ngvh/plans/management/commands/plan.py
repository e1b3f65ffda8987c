"""``ngvh plan parse PATH [--json]`` and ``ngvh plan import PATH [--replace]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ngvh.plans.parsed import PlanParseError


class Command(BaseCommand):
    help = "Parse or import a plan document (.txt or .docx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p_parse = sub.add_parser("parse", help="print the parsed plan without storing it")
        p_parse.add_argument("path")
        p_parse.add_argument("--json", action="store_true", help="print JSON")
        p_import = sub.add_parser("import", help="store the plan (one transaction)")
        p_import.add_argument("path")
        p_import.add_argument("--replace", action="store_true", help="replace a stored plan with different content")

    def handle(self, *args, action: str, path: str, **options):
        from ngvh.plans.parser import parse_bytes

        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp / File not found: {path}", returncode=2)
        data = file.read_bytes()
        try:
            if action == "parse":
                parsed = parse_bytes(data, file.name)
                if options.get("json"):
                    data = parsed.to_json()
                    data["needs_review"] = parsed.needs_review_json()
                    self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                else:
                    self._summary(parsed)
                return
            from ngvh.plans.services import plan_import, vocabulary_for

            parsed = parse_bytes(data, file.name)
            parsed = parse_bytes(data, file.name, vocabulary=vocabulary_for(parsed.place))
            result = plan_import(parsed=parsed, replace=options["replace"], source_name=file.name, source_bytes=data)
        except PlanParseError as exc:
            sys.stderr.write(str(exc) + "\n")
            raise SystemExit(2) from exc
        if result.unchanged:
            self.stdout.write(f"Kế hoạch {result.plan.number}: không có thay đổi / unchanged.")
        else:
            verb = "thay thế / replaced" if result.replaced else "nhập / imported"
            self.stdout.write(
                f"Kế hoạch {result.plan.number}: {verb} — {result.plan.tasks.count()} nhiệm vụ / tasks."
            )

    def _summary(self, parsed) -> None:
        self.stdout.write(f"{parsed.number} — {parsed.place}, {parsed.issued_on:%d/%m/%Y}")
        self.stdout.write(parsed.title)
        for task in parsed.tasks:
            self.stdout.write(f"  {task.code:6} {task.lead or '-':40} {task.timeframe.kind}")
        for warning in parsed.warnings:
            self.stdout.write(f"  ! line {warning.get('line')}: {warning.get('message')}")
