from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SignerForm(models.TextChoices):
    """How the signer signs (Nghị định 30/2020): on behalf of the body, or as its deputy."""

    TM = "TM.", _("On behalf of the collective body (TM.)")
    KT = "KT.", _("As deputy of the head (KT.)")
    NONE = "", _("The head signs directly")


class Consolidation(models.Model):
    """The city's consolidated annual report for one plan and year.

    ``content`` is the plain data generated from the accepted reports; ``edits`` holds the
    coordinator's rewrites of narrative passages, keyed by passage key, so that a rebuild
    (a late report accepted) keeps every edit whose passage still exists. History is kept
    so a leader can see who changed which sentence.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="consolidations", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"))
    report_ids = models.JSONField(_("reports included"), default=list, blank=True)
    content = models.JSONField(_("generated content"), default=dict, blank=True)
    edits = models.JSONField(_("edited passages"), default=dict, blank=True)
    # Settings of the document (Nghị định 30/2020 header, number, signature, recipients).
    number = models.CharField(_("document number"), max_length=60, default="…/BC-UBND")
    place = models.CharField(_("place"), max_length=120, default="Hải Phòng")
    issued_on = models.DateField(_("date"), null=True, blank=True)
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200, default="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
    subject = models.CharField(_("subject line"), max_length=500, blank=True)
    signer_form = models.CharField(_("signature form"), max_length=4, choices=SignerForm.choices, default=SignerForm.TM, blank=True)
    signer_authority = models.CharField(_("authority signed for"), max_length=120, default="ỦY BAN NHÂN DÂN")
    signer_position = models.CharField(_("signer's position"), max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    archive = models.CharField(_("filed at"), max_length=120, default="VT, Ng.v")
    include_appendix = models.BooleanField(_("include the list of reports used"), default=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="consolidation_unique_plan_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="consolidation_year_valid"),
            models.CheckConstraint(condition=Q(signer_form__in=["TM.", "KT.", ""]), name="consolidation_signer_form_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"
