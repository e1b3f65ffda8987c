from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ngvh.documents"
    label = "documents"
    verbose_name = _("documents")

    def ready(self):
        from ngvh.core.messages import register

        from .message_codes import TEMPLATES

        register(TEMPLATES)
