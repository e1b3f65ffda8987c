"""People the plan works with: collaborators, trainees, overseas-Vietnamese contacts.

Personal data under Decree 13/2023/NĐ-CP on personal data protection:

- only the fields below are kept, each with the purpose stated in ``PURPOSES`` (shown on
  the form and the record);
- a record is kept only with the person's consent (date, scope, how it was given);
- a record is read only by its owning agency and the focal point (coordinators), and
  every view, list and export is written to ``PersonAccessLog``;
- on request the record is erased: its personal fields are blanked in the row *and* in
  every history row, and only the fact of the erasure (when, by whom) remains.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PersonCategory(models.TextChoices):
    COLLABORATOR = "collaborator", _("Collaborator")
    TRAINEE = "trainee", _("Trainee")
    OVERSEAS = "overseas", _("Overseas-Vietnamese contact")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed form")
    ELECTRONIC = "electronic", _("Electronic (e-mail or online form)")
    RECORDED = "recorded", _("Oral, recorded in minutes")


# Every personal field and why it is kept. A field without a purpose is not collected.
PURPOSES = {
    "full_name": _("To identify the person when contacting them about the plan's activities."),
    "email": _("To invite the person to activities and send them their materials."),
    "phone": _("To reach the person when an activity is arranged at short notice."),
    "languages": _("To match collaborators with partners' languages (interpreting, translation)."),
    "skills": _("To call on collaborators for the tasks they can do."),
    "course": _("To count trainees per course in the annual report."),
    "country": _("To invite overseas Vietnamese to activities in their country of residence."),
    "association": _("To work with the community association the person belongs to."),
    "field": _("To invite the person to activities in their field of work."),
}
PERSONAL_FIELDS = tuple(PURPOSES)


class Person(models.Model):
    owner_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("owning agency"))
    category = models.CharField(_("category"), max_length=20, choices=PersonCategory.choices)
    full_name = models.CharField(_("full name"), max_length=200, blank=True, help_text=PURPOSES["full_name"])
    email = models.EmailField(_("e-mail"), blank=True, help_text=PURPOSES["email"])
    phone = models.CharField(_("telephone"), max_length=40, blank=True, help_text=PURPOSES["phone"])
    languages = models.CharField(_("languages"), max_length=255, blank=True, help_text=PURPOSES["languages"])
    skills = models.TextField(_("skills"), blank=True, help_text=PURPOSES["skills"])
    course = models.CharField(_("training course"), max_length=255, blank=True, help_text=PURPOSES["course"])
    country = models.CharField(_("country of residence"), max_length=2, blank=True, help_text=PURPOSES["country"])
    association = models.CharField(_("association"), max_length=255, blank=True, help_text=PURPOSES["association"])
    field = models.CharField(_("field of work"), max_length=255, blank=True, help_text=PURPOSES["field"])
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_scope = models.TextField(_("scope of the consent"), blank=True)
    consent_method = models.CharField(_("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(category__in=["collaborator", "trainee", "overseas"]), name="person_category_valid"),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | (Q(consent_date__isnull=False) & ~Q(consent_scope="") & ~Q(consent_method="")),
                name="person_kept_with_consent",
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True) | (Q(full_name="") & Q(email="") & Q(phone="")),
                name="person_erased_is_blank",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class AccessAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    VIEW = "view", _("Viewed")
    LIST = "list", _("Shown in a list")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased")


class PersonAccessLog(models.Model):
    """Who read or changed which personal record, and when. Holds no personal data itself."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.action}"
