"""Reading a restructuring file (JSON) into plain data. Pure: no database here.

The file lists decisions with their dates so a province can replay its own
restructuring; dates stay in the file, never in code, because they are set by local
decisions that differ between provinces and are not always verified.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

KINDS = ("rename", "merge", "split", "dissolve")
FORMAT = "ngvh-restructuring/1"


class RestructuringFileError(ValueError):
    """The file cannot be applied; the message exists in both languages."""

    def __init__(self, *, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


@dataclass(frozen=True)
class PlannedSuccessor:
    name: str
    new: bool = False
    short_name: str = ""
    kind: str = "department"


@dataclass(frozen=True)
class PlannedRestructuring:
    kind: str
    effective_date: dt.date | None
    predecessors: list[str]
    successors: list[PlannedSuccessor]
    verified: bool = True
    decision: str = ""
    note: str = ""
    task_choices: dict[str, str] = field(default_factory=dict)  # task code -> successor name (split)


@dataclass(frozen=True)
class RestructuringFile:
    province: str
    events: list[PlannedRestructuring]


def _error(vi: str, en: str) -> RestructuringFileError:
    return RestructuringFileError(message_vi=vi, message_en=en)


def parse_restructuring_file(raw: bytes | str) -> RestructuringFile:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _error(f"Tệp không phải JSON hợp lệ: {exc}", f"The file is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _error(
            f"Tệp phải có \"format\": \"{FORMAT}\".", f"The file must declare \"format\": \"{FORMAT}\"."
        )
    province = str(data.get("province") or "").strip()
    if not province:
        raise _error("Tệp thiếu tên tỉnh/thành phố (\"province\").", "The file does not name its province (\"province\").")
    events = []
    for i, item in enumerate(data.get("events") or [], start=1):
        kind = item.get("kind")
        if kind not in KINDS:
            raise _error(
                f"Sự kiện {i}: loại \"{kind}\" không hợp lệ (rename, merge, split, dissolve).",
                f"Event {i}: kind \"{kind}\" is not one of rename, merge, split, dissolve.",
            )
        raw_date = item.get("effective_date")
        try:
            date = dt.date.fromisoformat(raw_date) if raw_date else None
        except (TypeError, ValueError) as exc:
            raise _error(
                f"Sự kiện {i}: ngày hiệu lực \"{raw_date}\" không hợp lệ (định dạng YYYY-MM-DD).",
                f"Event {i}: effective date \"{raw_date}\" is not a date (YYYY-MM-DD).",
            ) from exc
        preds = [str(n).strip() for n in item.get("predecessors") or [] if str(n).strip()]
        succs = []
        for s in item.get("successors") or []:
            s = {"name": s} if isinstance(s, str) else s
            succs.append(
                PlannedSuccessor(
                    name=str(s.get("name", "")).strip(), new=bool(s.get("new", False)),
                    short_name=str(s.get("short_name", "")), kind=str(s.get("kind", "department")),
                )
            )
        if not preds or not succs:
            raise _error(
                f"Sự kiện {i}: phải có cơ quan trước và cơ quan kế thừa.",
                f"Event {i}: it needs predecessors and successors.",
            )
        events.append(
            PlannedRestructuring(
                kind=kind, effective_date=date, predecessors=preds, successors=succs,
                verified=bool(item.get("verified", True)), decision=str(item.get("decision", "")),
                note=str(item.get("note", "")), task_choices=dict(item.get("task_choices") or {}),
            )
        )
    return RestructuringFile(province=province, events=events)
