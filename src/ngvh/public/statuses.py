"""Task statuses worded for the public site (its catalogue carries every public language)."""

from django.utils.translation import gettext_lazy as _

from ngvh.reporting.models import TaskStatus
from ngvh.reporting.task_status import STATUS_ORDER

STATUS_LABELS = {
    TaskStatus.DONE_ON_TIME: _("Done on time"),
    TaskStatus.DONE_LATE: _("Done late"),
    TaskStatus.DONE_NO_DEADLINE: _("Done (no deadline)"),
    TaskStatus.IN_PROGRESS: _("In progress, within deadline"),
    TaskStatus.OVERDUE: _("Overdue, not done"),
    TaskStatus.NOT_ARISEN: _("Did not arise this period"),
    "": _("No accepted report yet"),
}

__all__ = ["STATUS_LABELS", "STATUS_ORDER"]
