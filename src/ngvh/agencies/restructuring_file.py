"""Reading a restructuring file (JSON) into plain data. Pure: no database here.

The file lists decisions with their dates so a province can replay its own
restructuring; dates stay in the file, never in code, because they are set by local
decisions that differ between provinces and are not always verified.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ngvh.core.messages import Message, MessageError

KINDS = ("rename", "merge", "split", "dissolve")
FORMAT = "ngvh-restructuring/1"


class RestructuringFileError(MessageError, ValueError):
    """The file cannot be applied. It carries a message code (``agencies.file.*``, worded
    in ``agencies/message_codes.py``) for the command or page to translate."""


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


def _error(code: str, **params) -> RestructuringFileError:
    return RestructuringFileError(Message(code, params))


def parse_restructuring_file(raw: bytes | str) -> RestructuringFile:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _error("agencies.file.not_json", error=str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _error("agencies.file.no_format", format=FORMAT)
    province = str(data.get("province") or "").strip()
    if not province:
        raise _error("agencies.file.no_province")
    events = []
    for i, item in enumerate(data.get("events") or [], start=1):
        kind = item.get("kind")
        if kind not in KINDS:
            raise _error("agencies.file.bad_kind", event=i, kind=str(kind))
        raw_date = item.get("effective_date")
        try:
            date = dt.date.fromisoformat(raw_date) if raw_date else None
        except (TypeError, ValueError) as exc:
            raise _error("agencies.file.bad_date", event=i, date=str(raw_date)) from exc
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
            raise _error("agencies.file.no_agencies", event=i)
        events.append(
            PlannedRestructuring(
                kind=kind, effective_date=date, predecessors=preds, successors=succs,
                verified=bool(item.get("verified", True)), decision=str(item.get("decision", "")),
                note=str(item.get("note", "")), task_choices=dict(item.get("task_choices") or {}),
            )
        )
    return RestructuringFile(province=province, events=events)
