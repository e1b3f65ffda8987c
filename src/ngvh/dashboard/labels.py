"""Interface labels for task statuses, with the colour class that goes with each.

Colour never carries meaning alone: every status is shown with its label.
"""

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "done_on_time": _("Done on time"),
    "done_late": _("Done late"),
    "done_no_deadline": _("Done (no deadline)"),
    "in_progress": _("In progress, within deadline"),
    "overdue": _("Overdue, not done"),
    "not_arisen": _("Did not arise this period"),
    "": _("No report yet"),
}

MONTHS = [_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"), _("Jul"), _("Aug"), _("Sep"), _("Oct"), _("Nov"), _("Dec")]

BUDGET_LABELS = {
    "budget_state": _("State budget"),
    "budget_private": _("Socialised/private funds"),
    "budget_foreign": _("Foreign funds"),
}
