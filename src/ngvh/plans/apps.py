from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ngvh.plans"
    label = "plans"
    verbose_name = _("plans")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from ngvh.accounts.history import HistoryPage, register_history
        from ngvh.core.messages import register

        from .message_codes import TEMPLATES
        from .models import Plan, Task

        register(TEMPLATES)

        def plans():
            return (_("Plans"), reverse("plans:list"))

        register_history("plan", model=Plan, describe=lambda plan: HistoryPage(
            section=plans(), label=plan.number, back=reverse("plans:detail", args=[plan.pk])))
        register_history("task", model=Task, describe=lambda task: HistoryPage(
            section=plans(), label=_("Task %(code)s") % {"code": task.code},
            back=reverse("plans:task", args=[task.plan_id, task.code])))
