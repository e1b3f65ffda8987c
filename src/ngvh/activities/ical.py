"""iCalendar rendering of activities. Pure: plain dictionaries in, bytes out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from .models import ActivityStatus

STATUS = {ActivityStatus.PLANNED: "TENTATIVE", ActivityStatus.DONE: "CONFIRMED", ActivityStatus.CANCELLED: "CANCELLED"}


def render_feed(*, name: str, events: Iterable[dict], host: str, stamp: dt.datetime) -> bytes:
    """``events``: dicts with id, title, start, end (inclusive dates), status, location,
    description, url; optionally uid (default ``activity-<id>@host``). All-day events: DTEND is the day after the last day (RFC 5545)."""
    cal = Calendar()
    cal.add("prodid", "-//NGVH//Activities//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in events:
        event = Event()
        event.add("uid", item.get("uid") or f"activity-{item['id']}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", item["title"])
        event.add("dtstart", item["start"])
        event.add("dtend", item["end"] + dt.timedelta(days=1))
        event.add("status", STATUS.get(item["status"], "CONFIRMED"))
        if item.get("location"):
            event.add("location", item["location"])
        if item.get("description"):
            event.add("description", item["description"])
        if item.get("url"):
            event.add("url", item["url"])
        cal.add_component(event)
    return cal.to_ical()
