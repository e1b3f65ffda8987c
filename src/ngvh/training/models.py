"""Training courses for officers (plan I.1, IV.2): task, dates, organiser, trainees.

Trainees are counted, and may also be linked to records of the people registry. The
course pages show only how many are linked, never who: names stay on the people pages,
where every view is logged.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Course(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan"))
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("task"))
    title = models.CharField(_("title"), max_length=500)
    organiser = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place_name = models.CharField(_("place"), max_length=255, blank=True)
    trainee_count = models.PositiveIntegerField(_("number of trainees"), default=0)
    trainees = models.ManyToManyField("people.Person", blank=True, related_name="courses", verbose_name=_("trainees in the people registry"))
    activity = models.OneToOneField(
        "activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="course", verbose_name=_("activity")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-start_date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="course_dates_ordered")]

    def __str__(self) -> str:
        return self.title
