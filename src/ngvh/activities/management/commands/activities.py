"""``ngvh activities rollup --check|--rebuild``: prove or restore the dashboards' rollups.

``--check`` recomputes both rollup tables from the activities and exits with status 1,
listing every differing key, when they disagree (CI runs it after the activities tests;
an operator runs it after any write made outside the services). ``--rebuild`` rewrites
them (the bench runs it after loading its synthetic rows with raw SQL).
"""

from __future__ import annotations

from django.core.management.base import CommandError

from ngvh.accounts.system import SystemCommand


class Command(SystemCommand):
    help = "Activity maintenance. rollup --check: compare the dashboard rollups with the activities; rollup --rebuild: rewrite them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rollup = sub.add_parser("rollup", help="Check or rebuild the dashboard rollup tables.")
        mode = rollup.add_mutually_exclusive_group(required=True)
        mode.add_argument("--check", action="store_true", help="Exit 1 and list the differences if the rollups are wrong.")
        mode.add_argument("--rebuild", action="store_true", help="Recompute both rollups from the activities.")
        rollup.add_argument("--limit", type=int, default=50, help="List at most this many differences (default 50).")

    def handle(self, *args, action: str, **options):
        if action == "rollup":
            self.rollup(**options)

    def rollup(self, *, check: bool, rebuild: bool, limit: int, **_):
        from ngvh.activities.rollup import rollup_differences, rollup_rebuild

        if rebuild:
            rows, countries = rollup_rebuild()
            self.stdout.write(f"Đã tính lại / rebuilt: {rows} activity rollup rows, {countries} country rollup rows")
            return
        differences = rollup_differences()
        if not differences:
            self.stdout.write("Tổng hợp khớp với dữ liệu hoạt động / rollups match the activities")
            return
        for difference in differences[:limit]:
            self.stdout.write(str(difference))
        if len(differences) > limit:
            self.stdout.write(f"… {len(differences) - limit} more")
        raise CommandError(
            f"Tổng hợp lệch ở {len(differences)} dòng; chạy 'ngvh activities rollup --rebuild' / "
            f"{len(differences)} rollup rows differ; run 'ngvh activities rollup --rebuild'",
            returncode=1,
        )
