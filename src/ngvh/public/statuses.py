"""Task statuses worded for the public site (its catalogue carries every public language)."""

from django.utils.translation import gettext_lazy as _

from ngvh.reporting.task_status import STATUS_ORDER

STATUS_LABELS = {
    "done_on_time": _("Done on time"),
    "done_late": _("Done late"),
    "done_no_deadline": _("Done (no deadline)"),
    "in_progress": _("In progress, within deadline"),
    "overdue": _("Overdue, not done"),
    "not_arisen": _("Did not arise this period"),
    "": _("No accepted report yet"),
}

__all__ = ["STATUS_LABELS", "STATUS_ORDER"]
