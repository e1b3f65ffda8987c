"""Status tags for reports and lines: a colour always paired with its text label."""

from django import template

register = template.Library()

_REPORT = {"draft": "muted", "submitted": "info", "returned": "warn", "accepted": "ok"}
_LINE = {
    "done_on_time": "ok",
    "done_late": "ok",
    "done_no_deadline": "ok",
    "in_progress": "info",
    "overdue": "error",
    "not_arisen": "muted",
}


@register.filter
def report_tag(status: str) -> str:
    return "tag--" + _REPORT.get(status, "muted")


@register.filter
def line_tag(status: str) -> str:
    return "tag--" + _LINE.get(status, "muted")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
