from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftsConfig(AppConfig):
    name = "ngvh.gifts"
    label = "gifts"
    verbose_name = _("cultural gifts")
