from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "ngvh.delegations"
    label = "delegations"
    verbose_name = _("delegations and press crews")
