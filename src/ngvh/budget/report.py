"""Plain rows of the estimate-vs-actual comparison for the consolidated report.

Pure: a ``BudgetComparison`` (plain numbers and names) in, a list of dicts out, with
translated labels. The report's renderers can write them as they are: one dict per
row of the .xlsx annex sheet, and one per row of the .docx section's table, after the
section's heading and explanation (``docx_section``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import BudgetSource

SOURCES = [s.value for s in BudgetSource]


def _rate(actual: int, estimate: int) -> float | None:
    """Actual as a share of the estimate (0.85 = 85 %); ``None`` when nothing was estimated."""
    return round(actual / estimate, 4) if estimate else None


def xlsx_annex_rows(comparison) -> list[dict]:
    """One row per task and source with an estimate or a spending, then one per agency and
    source, then one per source for the whole plan.

    Keys: ``level`` (task / agency / total), ``code``, ``name``, ``source`` (translated),
    ``estimate``, ``actual``, ``difference`` (actual − estimate), ``rate``.
    """
    rows: list[dict] = []

    def add(level: str, code: str, name: str, figures) -> None:
        for s in SOURCES:
            estimate, actual = figures.estimate[s], figures.actual[s]
            if not estimate and not actual:
                continue
            rows.append({
                "level": level, "code": code, "name": name, "source": str(BudgetSource(s).label),
                "estimate": estimate, "actual": actual, "difference": actual - estimate, "rate": _rate(actual, estimate),
            })

    for task in comparison.tasks:
        add(_("task"), task.code, task.title, task)
    for agency in comparison.agencies:
        add(_("agency"), "", agency.name, agency)
    add(_("total"), "", _("Whole plan"), comparison.total)
    return rows


def xlsx_annex_headers() -> list[tuple[str, str]]:
    """(key, header) in column order, for the annex sheet."""
    return [
        ("level", _("Level")), ("code", _("Code")), ("name", _("Task or agency")), ("source", _("Source of funds")),
        ("estimate", _("Estimate (đồng)")), ("actual", _("Actual (đồng)")), ("difference", _("Difference (đồng)")),
        ("rate", _("Actual / estimate")),
    ]


def docx_section(comparison) -> dict:
    """The .docx section: ``heading``, ``paragraphs`` (list of str) and ``rows`` (list of
    dicts, one per task then a total row: ``code``, ``task``, ``estimate``, ``actual``,
    and per source ``estimate_<source>`` / ``actual_<source>``)."""
    rows = []
    for task in comparison.tasks:
        row = {"code": task.code, "task": task.title, "estimate": task.estimate_total, "actual": task.actual_total}
        for s in SOURCES:
            row[f"estimate_{s}"] = task.estimate[s]
            row[f"actual_{s}"] = task.actual[s]
        rows.append(row)
    total = {"code": "", "task": _("Whole plan (each activity counted once)"), "estimate": comparison.total.estimate_total,
             "actual": comparison.total.actual_total}
    for s in SOURCES:
        total[f"estimate_{s}"] = comparison.total.estimate[s]
        total[f"actual_{s}"] = comparison.total.actual[s]
    rows.append(total)
    return {
        "heading": _("Funding: estimate and actual spending, %(year)s") % {"year": comparison.year},
        "paragraphs": [
            _("Estimates are the approved estimates of the agencies. Actual spending is the sum of the "
              "funds reported on the agencies' done activities of the year."),
            _("An activity linked to several tasks counts in full under each of them, so the tasks' "
              "figures may add up to more than the total, which counts each activity once."),
        ],
        "rows": rows,
    }


def docx_section_rows(comparison) -> list[dict]:
    """Only the table rows of :func:`docx_section`."""
    return docx_section(comparison)["rows"]
