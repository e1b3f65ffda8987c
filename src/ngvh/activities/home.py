"""Home page block: a reporter or coordinator is reminded to record activities."""

from __future__ import annotations

from .policies import ActivityPolicy


def blocks(request) -> list[dict]:
    if not ActivityPolicy.can_create(request.user):
        return []
    return [{"template": "activities/_home.html", "data": None}]
