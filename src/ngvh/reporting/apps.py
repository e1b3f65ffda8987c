from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ngvh.reporting"
    label = "reporting"
    verbose_name = _("reporting")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from ngvh.accounts.history import HistoryPage, register_history

        from .models import AnnualReport

        register_history("report", model=AnnualReport, describe=lambda report: HistoryPage(
            section=(_("Reports"), reverse("reporting:home")),
            label=_("Annual report %(year)s — %(agency)s") % {"year": report.reporting_year.year, "agency": report.agency.name},
            back=reverse("reporting:report", args=[report.pk])))
