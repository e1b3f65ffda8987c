"""Texts of the parser's warnings, translated where they are shown.

The parser is pure and language-free: it records a message code with parameters, for the
review (:class:`~ngvh.plans.parsed.ReviewWarning`) and for the plan's warnings (a dict
``{"line", "code", "params"}`` with a ``plans.warning.*`` code). The edges (review page,
CLI, API) call :func:`describe_warning` and :func:`warning_text` in the active language,
so one parsed plan reads in vi and en.

The plan's warnings used to be stored and printed as a Vietnamese ``message`` and an
English ``message_en``: drafts kept before the codes still hold them (shown as they are),
and ``ngvh plan parse --json`` still prints both keys, rendered from the code.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from ngvh.core.messages import Message, registered
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


def warning_text(warning: dict, lang: str | None = None) -> str:
    """A plan warning (``{"line", "code", "params"}``) in ``lang`` or the active language,
    without its line. A warning stored before the codes shows the text it kept."""
    code = warning.get("code")
    params = warning.get("params") or {}
    if code in registered():
        return Message(code, params).text(lang)
    english = (lang or get_language() or "vi").startswith("en")
    if code:  # an older draft's warning with a code of its own and its words in the parameters
        message = params.get("message_en" if english else "message") or params.get("message")
        if message:
            return str(message)
        details = ", ".join(f"{k}: {v}" for k, v in params.items())
        return gettext("To check: %(code)s") % {"code": code} + (f" ({details})" if details else "")
    text = warning.get("message_en") if english and warning.get("message_en") else warning.get("message", "")
    return str(text or "")


def warning_json(warning: dict) -> dict:
    """A plan warning as ``ngvh plan parse --json`` prints it: the line, the code, and the
    words in Vietnamese (``message``) and in English (``message_en``)."""
    return {
        "line": warning.get("line"),
        "code": warning.get("code"),
        "message": warning_text(warning, "vi"),
        "message_en": warning_text(warning, "en"),
    }
