"""Status tags for reports and lines: a colour always paired with its text label."""

from django import template

from ngvh.reporting.models import AmendmentStatus, ReportStatus, TaskStatus

register = template.Library()

_REPORT = {ReportStatus.DRAFT: "muted", ReportStatus.SUBMITTED: "info", ReportStatus.RETURNED: "warn", ReportStatus.ACCEPTED: "ok"}
_LINE = {
    TaskStatus.DONE_ON_TIME: "ok",
    TaskStatus.DONE_LATE: "ok",
    TaskStatus.DONE_NO_DEADLINE: "ok",
    TaskStatus.IN_PROGRESS: "info",
    TaskStatus.OVERDUE: "error",
    TaskStatus.NOT_ARISEN: "muted",
}


@register.filter
def report_tag(status: str) -> str:
    return "tag--" + _REPORT.get(status, "muted")


_AMENDMENT = {AmendmentStatus.ACCEPTED: "ok", AmendmentStatus.REJECTED: "error", AmendmentStatus.PENDING: "info"}


@register.filter
def amendment_tag(status: str) -> str:
    return "tag--" + _AMENDMENT.get(status, "info")


@register.filter
def line_tag(status: str) -> str:
    return "tag--" + _LINE.get(status, "muted")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
