"""``ngvh report consolidate``: build the city report from the accepted reports and write files.

Called by the reporting app's ``report`` command with its parsed options (``plan``,
``year``, optional ``province``, and ``docx``/``xlsx`` file names, or ``output`` with
``format``). Returns the exit code: 0, or 2 with a message in Vietnamese and English when
there is nothing to consolidate or the plan is unknown.
"""

from __future__ import annotations

from pathlib import Path

from .docx_render import render_docx
from .services import NothingToConsolidate, consolidation_build, effective_content
from .xlsx_render import render_xlsx


def _targets(options: dict, year: int) -> dict[str, Path]:
    targets: dict[str, Path] = {}
    for fmt in ("docx", "xlsx"):
        if options.get(fmt):
            targets[fmt] = Path(options[fmt])
    output, fmt = options.get("output") or "", (options.get("format") or "").lower()
    if output:
        path = Path(output)
        if path.suffix.lower() in (".docx", ".xlsx") and not path.is_dir():
            targets[path.suffix.lower()[1:]] = path
        else:
            for f in [fmt] if fmt in ("docx", "xlsx") else ["docx", "xlsx"]:
                targets[f] = path / f"bao-cao-tong-hop-{year}.{f}"
    if not targets:
        targets = {f: Path(f"bao-cao-tong-hop-{year}.{f}") for f in ("docx", "xlsx")}
    return targets


def consolidate(options: dict, stdout, stderr) -> int:
    from ngvh.plans.models import Plan

    number, year = str(options["plan"]).strip(), int(options["year"])
    plans = Plan.objects.filter(number__iexact=number)
    if options.get("province"):
        plans = plans.filter(province__code=options["province"])
    plans = list(plans[:2])
    if len(plans) != 1:
        stderr.write(
            f"Không tìm thấy đúng một kế hoạch số {number} (thêm --province nếu nhiều tỉnh cùng số) / "
            f"Expected exactly one plan numbered {number} (add --province when several provinces hold it)\n"
        )
        return 2
    plan = plans[0]
    try:
        consolidation = consolidation_build(user=None, plan=plan, year=year, system=True)
    except NothingToConsolidate as exc:
        stderr.write(f"{exc.text('vi')}\n{exc.text('en')}\n")
        return 2
    content = effective_content(consolidation)
    renderers = {"docx": render_docx, "xlsx": render_xlsx}
    for fmt, path in _targets(options, year).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(renderers[fmt](content))
        stdout.write(f"Đã ghi / written: {path}\n")
    rates = content["completeness"]
    stdout.write(
        f"{plan.number} {year}: {len(consolidation.report_ids)} báo cáo đã chấp nhận / accepted reports; "
        f"phải báo cáo / expected {rates['expected']}, đã gửi / submitted {rates['submitted']}, "
        f"đúng hạn / on time {rates['on_time']}, đã chấp nhận / accepted {rates['accepted']}\n"
    )
    return 0
