from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "ngvh.agencies"
    label = "agencies"
    verbose_name = _("agencies")

    def ready(self):
        from ngvh.core.messages import register

        from .message_codes import TEMPLATES

        register(TEMPLATES)
