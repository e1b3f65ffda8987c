"""Round anniversaries and the task they fit. Pure: plain data in, plain data out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

STEP = 5  # 5, 10, 15, 20 ... years


def anniversary_date(since: dt.date, year: int) -> dt.date:
    """The day the anniversary falls in ``year``; 29 February is kept on 28 February."""
    try:
        return since.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def round_years(since: dt.date, year: int, step: int = STEP) -> int | None:
    """The number of years reached in ``year`` if it is a positive multiple of ``step``."""
    years = year - since.year
    return years if years > 0 and years % step == 0 else None


@dataclass(frozen=True)
class Milestone:
    key: object  # what the caller passed: a relationship id, or a country code
    since: dt.date
    years: int
    on: dt.date


def milestones(items: Iterable[tuple[object, dt.date]], year: int, step: int = STEP) -> list[Milestone]:
    """Every ``(key, since)`` reaching a round number of years in ``year``, by date."""
    found = []
    for key, since in items:
        years = round_years(since, year, step)
        if years is not None:
            found.append(Milestone(key=key, since=since, years=years, on=anniversary_date(since, year)))
    return sorted(found, key=lambda m: (m.on, str(m.key)))


# Words (ASCII, lower case) of a task that fits each kind of anniversary, best first.
TASK_WORDS = {
    "diplomatic": ("ky niem", "quan he ngoai giao", "nam chan"),
    "twinned": ("ket nghia", "huu nghi", "doi tac"),
    "friendship": ("huu nghi", "ket nghia", "doi tac"),
    "mou": ("hop tac", "doi tac", "huu nghi"),
    "organisation": ("doi tac", "hop tac", "to chuc quoc te"),
}


def suggest_task(tasks: Iterable[tuple[int, str]], subject: str) -> int | None:
    """The task whose text (``(id, ascii text)`` in plan order) holds most of the subject's words.

    Ties go to the earlier task; ``None`` when no task names any of them.
    """
    words = TASK_WORDS.get(subject, ())
    best, best_score = None, 0
    for task_id, text in tasks:
        score = sum(1 for w in words if w in text)
        if score > best_score:
            best, best_score = task_id, score
    return best
