"""``ngvh plan parse PATH [--json]`` and ``ngvh plan import PATH [--replace | --review]``.

``--review`` stores nothing: it prints what a coordinator would have to check on the import
review page (warnings, unknown agencies with the registry's closest names, rows that were
not read as a group or a task). With ``--create-draft USERNAME`` it also keeps the draft
in the database for that coordinator, to finish on the review page.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from ngvh.accounts.system import SystemCommand
from ngvh.plans.parsed import PlanParseError


class Command(SystemCommand):
    help = "Parse or import a plan document (.txt or .docx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p_parse = sub.add_parser("parse", help="print the parsed plan without storing it")
        p_parse.add_argument("path")
        p_parse.add_argument("--json", action="store_true", help="print JSON")
        p_import = sub.add_parser("import", help="store the plan (one transaction)")
        p_import.add_argument("path")
        p_import.add_argument("--replace", action="store_true", help="replace a stored plan with different content")
        p_import.add_argument("--review", action="store_true", help="print what would need review; store nothing")
        p_import.add_argument(
            "--create-draft", metavar="USERNAME", default="", help="with --review: keep the review draft for this coordinator"
        )

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
                    from ngvh.plans.messages import warning_json

                    data = parsed.to_json()
                    data["warnings"] = [warning_json(w) for w in data["warnings"]]
                    data["needs_review"] = parsed.needs_review_json()
                    for task in data["tasks"]:
                        task["needs_review"] = [w for w in data["needs_review"] if w["task_code"] == task["code"]]
                    self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                else:
                    self._summary(parsed)
                return
            from ngvh.plans.services import plan_import, vocabulary_for

            if options.get("review"):
                self._review(data, file.name, options.get("create_draft") or "")
                return
            if options.get("create_draft"):
                raise CommandError("--create-draft needs --review", returncode=2)
            parsed = parse_bytes(data, file.name)
            parsed = parse_bytes(data, file.name, vocabulary=vocabulary_for(parsed.place))
            result = plan_import(user=self.actor, parsed=parsed, replace=options["replace"], source_name=file.name, source_bytes=data)
        except PlanParseError as exc:
            sys.stderr.write(exc.text("vi") + "\n" + exc.text("en") + "\n")
            raise SystemExit(2) from exc
        if result.unchanged:
            self.stdout.write(f"Kế hoạch {result.plan.number}: không có thay đổi / unchanged.")
        else:
            verb = "thay thế / replaced" if result.replaced else "nhập / imported"
            self.stdout.write(
                f"Kế hoạch {result.plan.number}: {verb} — {result.plan.tasks.count()} nhiệm vụ / tasks."
            )

    def _review(self, data: bytes, filename: str, username: str) -> None:
        from ngvh.plans.messages import describe_warning
        from ngvh.plans.parsed import ReviewWarning
        from ngvh.plans.selectors import rank_agencies
        from ngvh.plans.services import (
            review_data,
            review_known_keys,
            review_read,
            review_unknown_names,
        )

        parsed, _ = review_read(data=data, filename=filename)
        summary = review_data(parsed)
        province = _province_of(parsed.place)
        known = review_known_keys(province)
        agencies = list({a.pk: a for a in known.values()}.values())
        unknown = review_unknown_names(summary, {}, set(known))
        unread = [w for w in parsed.needs_review if w.code == "unreadable_row"]
        others = [w for w in parsed.needs_review if w.code not in ("unreadable_row", "unknown_agency")]
        self.stdout.write(f"Kế hoạch {parsed.number} — {parsed.place}, {parsed.issued_on:%d/%m/%Y}: {len(parsed.tasks)} nhiệm vụ / tasks")
        self.stdout.write(f"Cần xem lại / Needs review: {len(unknown) + len(unread) + len(others)}")
        self.stdout.write(f"Cơ quan chưa có / Unknown agencies ({len(unknown)}):")
        for name in unknown:
            suggestions = [a.name for a in rank_agencies(name, agencies)]
            hint = "; ".join(suggestions) if suggestions else "— (xác nhận là cơ quan mới / confirm as new)"
            self.stdout.write(f"  - {name}  ->  gợi ý / suggestions: {hint}")
        self.stdout.write(f"Dòng không đọc được / Rows not classified ({len(unread)}):")
        for warning in unread:
            self.stdout.write(f"  - {warning.source}: {warning.params.get('text', '')}")
        self.stdout.write(f"Cảnh báo / Warnings ({len(others)}):")
        for warning in others:
            where = f"{warning.source}: " if warning.source else ""
            self.stdout.write(f"  - {where}{describe_warning(ReviewWarning(warning.code, warning.params))}")
        if not username:
            self.stdout.write("Chưa lưu gì / Nothing stored.")
            return
        from ngvh.accounts.models import User
        from ngvh.plans.services import import_review_create

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản / No such user: {username}", returncode=2)
        try:
            review = import_review_create(user=user, filename=filename, data=data)
        except PermissionDenied as exc:
            raise CommandError(f"Tài khoản không được nhập kế hoạch / {username} may not import plans", returncode=2) from exc
        self.stdout.write(f"Đã lưu bản nháp để xem lại / Review draft kept: {review.pk}")

    def _summary(self, parsed) -> None:
        self.stdout.write(f"{parsed.number} — {parsed.place}, {parsed.issued_on:%d/%m/%Y}")
        self.stdout.write(parsed.title)
        for task in parsed.tasks:
            self.stdout.write(f"  {task.code:6} {task.lead or '-':40} {task.timeframe.kind}")
        from ngvh.plans.messages import warning_text

        for warning in parsed.warnings:
            self.stdout.write(f"  ! line {warning.get('line')}: {warning_text(warning, 'vi')}")


def _province_of(place: str):
    """The stored province of the document's place, if any (the review only reads)."""
    from django.utils.text import slugify

    from ngvh.agencies.models import Province
    from ngvh.core.text import ascii_key, nfc

    return Province.objects.filter(code=slugify(ascii_key(nfc(place or "—"))) or "province").first()
