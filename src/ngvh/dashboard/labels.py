"""Interface labels for task statuses, with the colour class that goes with each.

Colour never carries meaning alone: every status is shown with its label.
"""

from django.utils.translation import gettext_lazy as _

from ngvh.reporting.figures import STATUS_LABELS  # noqa: E402,F401 - one set of labels for every surface

MONTHS = [_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"), _("Jul"), _("Aug"), _("Sep"), _("Oct"), _("Nov"), _("Dec")]

BUDGET_LABELS = {
    "budget_state": _("State budget"),
    "budget_private": _("Socialised/private funds"),
    "budget_foreign": _("Foreign funds"),
}
