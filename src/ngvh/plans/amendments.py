"""What an amended plan document changes against the plan as stored.

A province that amends its plan a year in issues a new document (*Kế hoạch sửa đổi, bổ
sung*). Its tasks are compared with the stored plan's current tasks by code, the way the
document numbers them: a code only in the document is an added task, a code only in the
plan a removed one, and a code in both whose wording, timeframe, group, lead or
coordinators differ a changed one. Pure: plain data in, plain data out; the reporting app
stores the result as accepted amendments (one new plan version for the whole document).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ngvh.core.text import agency_key, nfc

from .models import TimeframeKind
from .parsed import ParsedTask, Timeframe


@dataclass(frozen=True)
class StoredTask:
    """A current task of the stored plan, as the document would write it."""

    code: str
    group: str
    title: str
    timeframe: Timeframe
    lead: str | None
    coordinators: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskChange:
    action: str  # "add", "change" or "remove" (the values of reporting's AmendmentAction)
    code: str
    old: StoredTask | None
    new: ParsedTask | None
    fields: tuple[str, ...] = ()  # for a change: which of title, timeframe, group, lead, coordinators differ


def _text(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _agencies(names: Sequence[str]) -> list[str]:
    return sorted({agency_key(n) for n in names if n})


def _when(tf: Timeframe) -> tuple:
    """What a timeframe means (``Hằng năm`` and ``hàng năm`` are one); only an unread one
    is compared by its words."""
    if tf.kind == TimeframeKind.UNSPECIFIED:
        return (tf.kind, _text(tf.text).lower())
    return (tf.kind, tf.start, tf.quarter, tf.end if tf.kind in (TimeframeKind.PERIOD, TimeframeKind.YEAR) else None)


def _differences(old: StoredTask, new: ParsedTask) -> tuple[str, ...]:
    fields = []
    if _text(old.title) != _text(new.title):
        fields.append("title")
    if _when(old.timeframe) != _when(new.timeframe):
        fields.append("timeframe")
    if old.group != new.group:
        fields.append("group")
    if agency_key(old.lead or "") != agency_key(new.lead or ""):
        fields.append("lead")
    if _agencies(old.coordinators) != _agencies(new.coordinators):
        fields.append("coordinators")
    return tuple(fields)


def document_changes(stored: Sequence[StoredTask], tasks: Sequence[ParsedTask]) -> list[TaskChange]:
    """The changes, in the document's order, then the removed tasks in the plan's order."""
    by_code = {s.code: s for s in stored}
    in_document = {t.code for t in tasks}
    changes: list[TaskChange] = []
    for task in tasks:
        old = by_code.get(task.code)
        if old is None:
            changes.append(TaskChange("add", task.code, None, task))
        elif fields := _differences(old, task):
            changes.append(TaskChange("change", task.code, old, task, fields))
    changes += [TaskChange("remove", s.code, s, None) for s in stored if s.code not in in_document]
    return changes
