"""Texts of the parser's review warnings, translated where they are shown.

The parser is pure and language-free: it records a message code with parameters
(:class:`~ngvh.plans.parsed.ReviewWarning`). The edges (review page, CLI, API) call
:func:`describe_warning` in the active language, so one parsed plan reads in vi and en.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ngvh.plans.parsed import ReviewWarning


def _messages() -> dict[str, str]:
    return {
        "unknown_agency": gettext("Agency not in the list yet: “%(name)s”. Map it to an existing agency or confirm it as new."),
        "uncertain_agency": gettext("“%(name)s” does not look like an agency name; it was kept as another party."),
        "unreadable_row": gettext("This table row could not be read as a group or a task: “%(text)s”."),
        "several_leads": gettext("Task %(code)s: the lead cell names several agencies; %(lead)s is taken as lead, the others (%(others)s) become coordinators."),
        "no_lead": gettext("Task %(code)s has no lead unit."),
        "unreadable_timeframe": gettext("Task %(code)s: cannot read the timeframe “%(text)s”; recorded as unspecified."),
        "continuation_row": gettext("A row without a number was joined to task %(code)s."),
        "duplicate_task": gettext("The task code %(code)s appears twice; the second one is coded %(new)s."),
        "duplicate_group": gettext("The group %(code)s appears twice; its tasks were kept under the first one."),
        "period_order": gettext("Task %(code)s: the period “%(text)s” ends before it starts; recorded as unspecified."),
        "no_title": gettext("The plan's title (the subject under KẾ HOẠCH) was not found."),
    }


def describe_warning(warning: ReviewWarning) -> str:
    """The warning in the active language; an unknown code still shows its parameters."""
    template = _messages().get(warning.code)
    if template is None:
        return f"{warning.code}: {warning.params}"
    try:
        return template % {k: v for k, v in warning.params.items()}
    except (KeyError, TypeError, ValueError):
        return f"{template} {warning.params}"
