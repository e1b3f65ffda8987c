"""The wording of the documents app's message codes (see ``ngvh.core.messages``).
Registered from ``DocumentsConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

TEMPLATES = {
    "documents.nothing_to_consolidate": _(
        "No accepted report for plan %(plan)s in %(year)s: nothing to consolidate. Accept at least one agency report first."
    ),
}
