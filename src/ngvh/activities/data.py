"""The plain data of one activity, and the checks that do not need the database.

The web form, the Excel import and the services all meet here, so a rule (dates in
order, no negative budget, real country codes, tasks of the activity's own plan) is
written once. Pure: no ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ngvh.core.countries import is_country

from .models import ActivityKind, ActivityStatus

KINDS = frozenset(ActivityKind.values)
STATUSES = frozenset(ActivityStatus.values)
MAX_AMOUNT = 10**15  # one million billion đồng: a typo, not a budget


@dataclass
class ActivityData:
    title: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    agency_id: int
    status: str = ActivityStatus.DONE
    description: str = ""
    place_country: str = "VN"
    place_name: str = ""
    task_ids: list[int] = field(default_factory=list)
    partner_agency_ids: list[int] = field(default_factory=list)
    foreign_partner_ids: list[int] = field(default_factory=list)
    country_codes: list[str] = field(default_factory=list)
    participants_total: int | None = None  # None: not reported (never read as zero)
    participants_foreign: int | None = None
    budget_state: int = 0
    budget_private: int = 0
    budget_foreign: int = 0
    media_count: int = 0
    outcome: str = ""

    def reached_countries(self, partner_countries: list[str] = ()) -> list[str]:
        """Countries the activity reached, for counting: those chosen, the place abroad and
        the foreign partners' countries. Viet Nam itself is never counted."""
        codes = [*self.country_codes, self.place_country, *partner_countries]
        return sorted({c.upper() for c in codes if c and c.upper() != "VN"})


def validate(data: ActivityData, *, plan_task_ids: set[int] | frozenset[int]) -> dict[str, list[str]]:
    """Field name -> messages. Empty when the data may be stored."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not (data.title or "").strip():
        add("title", _("Enter the title of the activity."))
    if data.kind not in KINDS:
        add("kind", _("Choose a kind of activity from the list."))
    if data.status not in STATUSES:
        add("status", _("Choose a status: planned, done or cancelled."))
    if data.start_date and data.end_date and data.end_date < data.start_date:
        add("end_date", _("The end date must be the same as or after the start date."))
    if not is_country(data.place_country):
        add("place_country", _("“%(code)s” is not a country code.") % {"code": data.place_country})
    for code in data.country_codes:
        if not is_country(code):
            add("countries", _("“%(code)s” is not a country code.") % {"code": code})
    for name in ("participants_total", "participants_foreign", "media_count"):
        value = getattr(data, name)
        if value is not None and value < 0:
            add(name, _("Enter a number that is 0 or more."))
    for name in ("budget_state", "budget_private", "budget_foreign"):
        value = getattr(data, name)
        if value < 0:
            add(name, _("A budget cannot be negative: enter 0 or more đồng."))
        elif value > MAX_AMOUNT:
            add(name, _("This amount is too large; check the number of zeros."))
    total, foreign = data.participants_total, data.participants_foreign
    if total is not None and foreign is not None and foreign > total >= 0:
        add("participants_foreign", _("Foreign participants cannot be more than the total number of participants."))
    stray = [t for t in data.task_ids if t not in plan_task_ids]
    if stray:
        add("tasks", _("Choose tasks of this plan only."))
    return errors
