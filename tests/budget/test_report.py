"""The plain rows handed to the consolidated report's .xlsx annex and .docx section."""

from __future__ import annotations

from django.utils import translation

from ngvh.budget.report import docx_section, docx_section_rows, xlsx_annex_headers, xlsx_annex_rows
from ngvh.budget.selectors import AgencyFigures, BudgetComparison, Figures, TaskFigures


def _comparison():
    t1 = TaskFigures(task_id=1, code="I.1", title="Đào tạo")
    t1.estimate["state"], t1.actual["state"], t1.actual["foreign"] = 100, 80, 5
    a = AgencyFigures(agency_id=1, name="Sở Du lịch")
    a.estimate["state"], a.actual["state"] = 100, 80
    total = Figures()
    total.estimate["state"], total.actual["state"], total.actual["foreign"] = 100, 80, 5
    return BudgetComparison(year=2025, tasks=[t1], agencies=[a], total=total)


def test_annex_rows():
    # given a comparison (plain data, no database)
    with translation.override("en"):
        # when turned into annex rows
        rows = xlsx_annex_rows(_comparison())
        headers = [key for key, _label in xlsx_annex_headers()]
    # then one row per task/agency/total and source with a figure, sources without any left out
    assert [(r["level"], r["code"] or r["name"], r["source"]) for r in rows] == [
        ("task", "I.1", "State budget"), ("task", "I.1", "Foreign funds"),
        ("agency", "Sở Du lịch", "State budget"), ("total", "Whole plan", "State budget"), ("total", "Whole plan", "Foreign funds"),
    ]
    assert rows[0] | {} == {"level": "task", "code": "I.1", "name": "Đào tạo", "source": "State budget", "estimate": 100,
                            "actual": 80, "difference": -20, "rate": 0.8}
    assert rows[1]["rate"] is None  # nothing estimated: no rate, not a division by zero
    assert all(set(r) == set(headers) for r in rows)


def test_docx_section():
    with translation.override("vi"):
        section = docx_section(_comparison())
    # then a heading, the counting rule and one row per task plus the total
    assert "2025" in section["heading"]
    assert len(section["paragraphs"]) == 2
    assert [r["code"] for r in section["rows"]] == ["I.1", ""]
    assert section["rows"][0]["actual"] == 85 and section["rows"][0]["actual_foreign"] == 5
    assert docx_section_rows(_comparison())[-1]["estimate"] == 100
