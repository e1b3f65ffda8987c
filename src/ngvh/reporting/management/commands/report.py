"""``ngvh report open|rates|consolidate --plan NUMBER --year Y``.

``open`` and ``rates`` are used by operators and by tests; ``rates --json`` prints the
same figures as the rates page and the dashboard (``reporting.selectors.reporting_rates``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import CommandError

from ngvh.accounts.system import SystemCommand


def find_plan(number: str, province: str = ""):
    from ngvh.plans.models import Plan

    qs = Plan.objects.select_related("province").filter(number__iexact=number.strip())
    if province:
        qs = qs.filter(province__code=province)
    plans = list(qs[:2])
    if not plans:
        raise CommandError(f"Không tìm thấy kế hoạch / Plan not found: {number}", returncode=2)
    if len(plans) > 1:
        raise CommandError(
            f"Nhiều tỉnh có kế hoạch số {number}: thêm --province / Several provinces hold plan {number}: add --province",
            returncode=2,
        )
    return plans[0]


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (YYYY-MM-DD) / Invalid date (YYYY-MM-DD): {value}", returncode=2) from exc


class Command(SystemCommand):
    help = "Annual reporting: open a year, print its rates, or build the consolidated report."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("open", "open (or reopen) a reporting year: one expected report per agency"),
            ("rates", "print expected, submitted, on time, late, accepted and the missing agencies"),
            ("consolidate", "build the consolidated city report (.docx/.xlsx)"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("--plan", required=True, help="plan number, e.g. 274/KH-UBND")
            p.add_argument("--year", required=True, type=int)
            p.add_argument("--province", default="", help="province code when several hold the same number")
            if name == "open":
                p.add_argument("--today", help="YYYY-MM-DD (tests); default today in Asia/Ho_Chi_Minh")
            if name == "rates":
                p.add_argument("--json", action="store_true", help="print JSON")
            if name == "consolidate":
                p.add_argument("--output", "-o", default="", help="output file or folder")
                p.add_argument("--docx", default="", help="write the Word report to this file")
                p.add_argument("--xlsx", default="", help="write the Excel data annex to this file")
                p.add_argument("--format", default="", help="docx or xlsx")

    def handle(self, *args, action: str, **options):
        if action == "consolidate":
            return self._consolidate(options)
        plan = find_plan(options["plan"], options.get("province", ""))
        year = options["year"]
        if action == "open":
            from ngvh.reporting.services import reporting_year_open

            result = reporting_year_open(user=self.actor, plan=plan, year=year, today=parse_day(options.get("today")))
            ry = result.reporting_year
            verb = "mở / opened" if result.created else "mở lại / reopened"
            self.stdout.write(
                f"Năm báo cáo {year} ({plan.number}): {verb}; hạn / deadline {ry.deadline:%d/%m/%Y}; "
                f"số liệu / data {ry.cutoff_start:%d/%m/%Y}–{ry.cutoff_end:%d/%m/%Y}; "
                f"+{result.reports_created} báo cáo / reports, +{result.lines_created} dòng / lines"
                + (f"; đã chốt số dự kiến / expected frozen at {ry.expected_count}" if ry.expected_frozen_at else "")
            )
            if result.unspecified_tasks:
                self.stdout.write(
                    "Nhiệm vụ không ghi thời gian (vẫn yêu cầu báo cáo) / tasks without a timeframe (still expected): "
                    + ", ".join(result.unspecified_tasks)
                )
            return
        from ngvh.reporting.selectors import reporting_rates

        rates = reporting_rates(plan=plan, year=year)
        if not rates.opened:
            raise CommandError(
                f"Năm {year} chưa được mở / Year {year} has not been opened: ngvh report open --plan {plan.number} --year {year}",
                returncode=2,
            )
        from ngvh.reporting import figures

        task_status = figures.status_counts(figures.task_rows(plan=plan, year=year))
        if options.get("json"):
            data = rates.to_json()
            # official task statuses (accepted reports only), as on every other surface; "" is "no_report"
            data["task_status"] = {code or "no_report": n for code, n in task_status.items()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(f"{plan.number} — {year} (hạn / deadline {rates.deadline:%d/%m/%Y})")
        self.stdout.write(
            f"  dự kiến / expected {rates.expected}; đã nộp / submitted {rates.submitted} ({rates.submitted_rate:.0%}); "
            f"đúng hạn / on time {rates.on_time} ({rates.on_time_rate:.0%}); muộn / late {rates.late}; "
            f"đã chấp nhận / accepted {rates.accepted} ({rates.accepted_rate:.0%}); trả lại / returned {rates.returned}"
        )
        self.stdout.write(
            "  nhiệm vụ (báo cáo đã chấp nhận) / tasks (accepted reports): "
            + "; ".join(f"{code or 'no_report'} {n}" for code, n in task_status.items())
        )
        for label, names in (
            ("chưa báo cáo / missing", rates.missing_agencies),
            ("nộp muộn / late", rates.late_agencies),
            ("bị trả lại / returned", rates.returned_agencies),
        ):
            self.stdout.write(f"  {label}: {', '.join(names) if names else '—'}")

    def _consolidate(self, options):
        try:
            # upward: ``ngvh report consolidate`` is the command line of the documents app
            from ngvh.documents.cli import consolidate
        except ImportError:
            sys.stderr.write(
                "Chức năng tổng hợp báo cáo chưa được cài đặt / "
                "Consolidation is not available yet (ngvh.documents.cli.consolidate is missing).\n"
            )
            raise SystemExit(2) from None
        code = consolidate(options, self.stdout, self.stderr)
        if code:
            raise SystemExit(code)
