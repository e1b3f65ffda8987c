"""The consolidated report as plain data, and the coordinator's edits applied to it.

The content is a JSON-ready dict (it is stored in ``Consolidation.content``) whose shape
both renderers read:

- ``meta``: document settings (number, place, date, bodies, subject, signer, recipients);
- ``overview``: figures (tasks by status, activities, participants, budget by source, countries);
- ``groups``: task groups, each with its tasks (code, title, lead, coordinators, timeframe,
  status and status label, and ``lines``: each agency's status and result, with report id);
- ``passages``: every editable narrative passage, each tagged with its agency and report id
  so that a sentence in the city report can be traced to the report it came from;
- ``indicators``: activities by kind and by month, countries, budget by source;
- ``budget``: the approved estimates against actual spending (``budget.selectors``), as
  written: the .xlsx sheet's ``annex_headers`` and ``annex_rows`` (``budget.report``), the
  .docx ``section`` (heading, paragraphs, rows per task and a total row) and ``sources``
  (each source's label, estimate and actual); absent from a report built before it existed;
- ``difficulties``/``recommendations``/``next_year``: grouped by agency;
- ``completeness``: the reporting rates; ``reports``: the reports used (appendix).

Pure: no database.
"""

from __future__ import annotations

import copy

PASSAGE_KINDS = ("intro", "result", "assessment", "difficulties", "recommendations", "directions")


def apply_edits(content: dict, edits: dict[str, str]) -> dict:
    """A copy of ``content`` with edited passages replaced; each marked ``edited``."""
    result = copy.deepcopy(content)
    for passage in result.get("passages", []):
        if passage["key"] in edits:
            passage["text"] = edits[passage["key"]]
            passage["edited"] = True
    return result


def passages_of(content: dict, kind: str) -> list[dict]:
    return [p for p in content.get("passages", []) if p["kind"] == kind]


def passage_text(content: dict, key: str) -> str:
    for p in content.get("passages", []):
        if p["key"] == key:
            return p["text"]
    return ""
