from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "ngvh.activities"
    label = "activities"
    verbose_name = _("activities")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from ngvh.accounts.history import HistoryPage, register_history

        from .models import Activity

        register_history("activity", model=Activity, describe=lambda activity: HistoryPage(
            section=(_("Activities"), reverse("activities:list")), label=activity.title[:60],
            back=reverse("activities:detail", args=[activity.pk])))
