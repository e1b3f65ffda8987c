"""The wording of the agencies app's message codes (see ``ngvh.core.messages``).

The restructuring file parser and ``restructuring_file_apply`` refuse a file with these
codes; the command and pages translate them. Registered from ``AgenciesConfig.ready()``.
"""

from django.utils.translation import gettext_lazy as _

TEMPLATES = {
    # the parser: the file itself
    "agencies.file.not_json": _("The file is not valid JSON: %(error)s"),
    "agencies.file.no_format": _('The file must declare "format": "%(format)s".'),
    "agencies.file.no_province": _('The file does not name its province ("province").'),
    "agencies.file.bad_kind": _('Event %(event)s: kind "%(kind)s" is not one of rename, merge, split, dissolve.'),
    "agencies.file.bad_date": _('Event %(event)s: effective date "%(date)s" is not a date (YYYY-MM-DD).'),
    "agencies.file.no_agencies": _("Event %(event)s: it needs predecessors and successors."),
    # applying it: what the registry knows
    "agencies.file.unknown_province": _('Province "%(province)s" is not in the system yet: import its plan first.'),
    "agencies.file.unknown_agencies": _("File not applied: unknown agency %(names)s. Nothing was changed."),
    "agencies.file.undated": _("File not applied: no effective date for %(events)s. Write the date in the file."),
}
