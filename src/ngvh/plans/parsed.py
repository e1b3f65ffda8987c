"""Plain data that the plan parser produces and the import service stores.

No ORM here: the parser is a pure function from a document to these objects, so it can
be tested on small documents and run by ``ngvh plan parse`` without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from ngvh.core.messages import Message, MessageError


class PlanParseError(MessageError, ValueError):
    """A document we refuse: a :class:`~ngvh.core.messages.Message` (``plans.*`` codes)
    and the place (line or table row) it points at."""

    def __init__(self, message: Message, *, line: int | None = None, row: int | None = None):
        self.line = line
        self.row = row
        super().__init__(message)

    def where(self, lang: str | None = None) -> str:
        """The place in ``lang`` or in the active language ("dòng 12", "table row 3")."""
        if self.row is not None:
            return Message("plans.where.row", {"row": self.row}).text(lang)
        if self.line is not None:
            return Message("plans.where.line", {"line": self.line}).text(lang)
        return ""

    def text(self, lang: str | None = None) -> str:
        where, message = self.where(lang), self.message.text(lang)
        return f"{where}: {message}" if where else message


@dataclass(frozen=True)
class ReviewWarning:
    """Something the parser was unsure of, for a person to check before the plan is stored.

    ``code`` names the message (``plans.messages.describe_warning`` translates it with the
    ``params``); ``source`` is where in the document it came from ("line 42", "table 1,
    row 7"), so the review page can show the place and the text beside the reading.
    """

    code: str
    params: dict = field(default_factory=dict, hash=False, compare=True)
    source: str = ""
    task_code: str | None = None


@dataclass(frozen=True)
class Timeframe:
    kind: str  # annual, period, year, quarter, as_arising, ongoing, unspecified
    start: int | None = None
    end: int | None = None
    quarter: int | None = None
    text: str = ""

    def to_json(self) -> dict:
        data: dict = {"kind": self.kind}
        if self.kind in ("period", "year"):
            data.update(start=self.start, end=self.end)
        elif self.kind == "quarter":
            data.update(year=self.start, quarter=self.quarter)
        return data


@dataclass
class ParsedGroup:
    code: str
    title: str

    def to_json(self) -> dict:
        return {"code": self.code, "title": self.title}


@dataclass
class ParsedTask:
    code: str  # "I.1", "II.8", "I.1.1" for sub-numbered tasks
    group: str  # group code, "I"
    title: str
    lead: str | None  # canonical agency name
    coordinators: list[str] = field(default_factory=list)  # canonical agency names, in order
    related_units: bool = False  # "Các đơn vị liên quan" and the like
    other_parties: list[str] = field(default_factory=list)  # placeholders that are not agencies
    timeframe: Timeframe = field(default_factory=lambda: Timeframe("unspecified"))
    products: str = ""
    source_row: int | None = None
    source: str = ""  # "line 42", "table 1, row 7": where the task was read

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "group": self.group,
            "title": self.title,
            "lead": self.lead,
            "coordinators": list(self.coordinators),
            "related_units": self.related_units,
            "other_parties": list(self.other_parties),
            "timeframe": self.timeframe.to_json(),
            "timeframe_text": self.timeframe.text,
            "products": self.products,
            "source": self.source,
        }


@dataclass
class BodySection:
    code: str  # "I", "I.1", "II.3", "III.5"
    title: str
    paragraphs: list[str] = field(default_factory=list)
    agency: str | None = None  # for section III duties: the canonical agency they fall on

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ParsedPlan:
    number: str
    issued_on: dt.date
    place: str
    issuer: str
    title: str
    legal_basis: list[dict] = field(default_factory=list)  # {"number", "issued_on" (ISO), "title"}
    report_deadline: tuple[int, int] | None = None  # (month, day): the yearly report
    half_year_deadline: tuple[int, int] | None = None  # (month, day): a six-month report, if any
    groups: list[ParsedGroup] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    body: list[BodySection] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: dict = field(default_factory=dict)  # {"on_behalf", "position", "name"}
    agencies: list[dict] = field(default_factory=list)  # {"name", "aliases": [...], "known": bool}
    warnings: list[dict] = field(default_factory=list)  # {"line": int, "code": str, "params": {...}}
    needs_review: list[ReviewWarning] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "place": self.place,
            "issuer": self.issuer,
            "title": self.title,
            "legal_basis": list(self.legal_basis),
            "report_deadline": (
                f"{self.report_deadline[0]:02d}-{self.report_deadline[1]:02d}" if self.report_deadline else None
            ),
            "half_year_deadline": (
                f"{self.half_year_deadline[0]:02d}-{self.half_year_deadline[1]:02d}"
                if self.half_year_deadline
                else None
            ),
            "groups": [g.to_json() for g in self.groups],
            "tasks": [t.to_json() for t in self.tasks],
            "body": [s.to_json() for s in self.body],
            "recipients": list(self.recipients),
            "signer": dict(self.signer),
            "agencies": list(self.agencies),
            "warnings": list(self.warnings),
        }

    def needs_review_json(self) -> list[dict]:
        from ngvh.plans.messages import describe_warning

        return [
            {"code": w.code, "message": describe_warning(w), "source": w.source, "task_code": w.task_code}
            for w in self.needs_review
        ]
