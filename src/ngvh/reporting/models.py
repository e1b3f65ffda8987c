from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportingYear(models.Model):
    """A plan's reporting round for year Y, opened by a coordinator."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="reporting_years")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    cutoff_start = models.DateField(_("data from"))
    cutoff_end = models.DateField(_("data until"))
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set once the deadline has passed: the expected count no longer moves.
    expected_frozen_at = models.DateTimeField(null=True, blank=True)
    expected_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="reporting_year_unique"),
            models.CheckConstraint(condition=Q(cutoff_end__gt=models.F("cutoff_start")), name="reporting_cutoff_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class AnnualReport(models.Model):
    reporting_year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports")
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="optimistic lock")
    difficulties = models.TextField(_("difficulties"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    # False for a report added by reopening the year after its expected count was frozen:
    # shown and reviewed like any other, but outside the year's reporting rates.
    is_expected = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["reporting_year", "agency__name"]
        indexes = [models.Index(fields=["reporting_year", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["reporting_year", "agency"], name="one_report_per_agency_year"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in ReportStatus]), name="report_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""), name="report_returned_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.reporting_year.year}"

    @property
    def is_returned(self) -> bool:
        return self.status == ReportStatus.RETURNED

    @property
    def is_locked(self) -> bool:
        """Submitted or accepted: the agency no longer edits it until it is reopened."""
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class TaskStatus(models.TextChoices):
    """The Vietnamese government task-status set (domain.md §3)."""

    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    DONE_NO_DEADLINE = "done_no_deadline", _("Done (no deadline)")
    IN_PROGRESS = "in_progress", _("In progress, within deadline")
    OVERDUE = "overdue", _("Overdue, not done")
    NOT_ARISEN = "not_arisen", _("Did not arise this period")


class ReportLine(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="lines")
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, related_name="report_lines")
    role = models.CharField(max_length=20, choices=[("lead", _("Lead")), ("coordinator", _("Coordinating"))])
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    results = models.TextField(_("results"), blank=True)
    return_note = models.TextField(_("note from the coordinator"), blank=True)
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="report_lines")
    order = models.PositiveIntegerField(default=0)
    # Until the agency first saves the line, the year's matching activities are offered
    # pre-ticked; afterwards only what the agency chose is linked.
    activities_confirmed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="one_line_per_task_per_report"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="line_progress_le_100"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.task.code}"


class ReportEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    SAVED = "saved", _("Saved")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")
    REOPENED = "reopened", _("Reopened")
    REMINDED = "reminded", _("Reminder sent")


class ReportEvent(models.Model):
    """The timeline of a report: every transition with who, when and why."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ReportEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report} · {self.kind}"


class PlannedActivity(models.Model):
    """Next year's planned activity in a report; may later become an Activity."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="planned_activities")
    title = models.CharField(_("title"), max_length=500)
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    expected_month = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "order"]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Reminder before the deadline")
    OVERDUE = "overdue", _("Notice after the deadline")
    SUMMARY = "summary", _("Summary to coordinators")
    MANUAL = "manual", _("Reminder sent by a coordinator")


class ReminderLog(models.Model):
    """One row per reminder sent: the unique key is what makes ``ngvh remind`` idempotent.

    ``key`` distinguishes the scheduled sends (``before-14``, ``before-3``, ``overdue``,
    ``summary``); ``target`` is ``agency:<id>`` or ``coordinators``. Manual reminders
    carry a timestamped key so a coordinator can remind as often as needed.
    """

    reporting_year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=40)
    target = models.CharField(max_length=40)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipients = models.JSONField(default=list, blank=True)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["reporting_year", "sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["reporting_year", "key", "target"], name="reminder_sent_once"),
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in ReminderKind]), name="reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.reporting_year} {self.key} {self.target}"


class AmendmentAction(models.TextChoices):
    ADD = "add", _("Add a task")
    CHANGE = "change", _("Change a task")
    REMOVE = "remove", _("Remove a task")


class AmendmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AmendmentProposal(models.Model):
    """An agency's proposal to amend the plan (section III: units propose through Sở Ngoại vụ)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="amendments")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="amendments")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(_("proposal"), max_length=10, choices=AmendmentAction.choices)
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("task"))
    group = models.ForeignKey("plans.TaskGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("task group"))
    title = models.TextField(_("content of the task"), blank=True)
    timeframe_text = models.CharField(_("timeframe"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    plan_version = models.PositiveIntegerField(null=True, blank=True)
    new_task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("amendment proposal")
        verbose_name_plural = _("amendment proposals")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=[a.value for a in AmendmentAction]), name="amendment_action_valid"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in AmendmentStatus]), name="amendment_status_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="amendment_has_reason"),
            models.CheckConstraint(condition=Q(action="add") | Q(task__isnull=False), name="amendment_change_names_task"),
            models.CheckConstraint(condition=Q(action="remove") | ~Q(title=""), name="amendment_add_change_has_title"),
            models.CheckConstraint(
                condition=Q(status="pending") | (~Q(decision_reason="") & Q(decided_at__isnull=False)),
                name="amendment_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(effective_from__isnull=False, plan_version__isnull=False),
                name="amendment_accepted_has_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.get_action_display()} {self.task.code if self.task_id else ''}".strip()


class ReportingDataVersion(models.Model):
    """A counter per plan, raised in the transaction of every write that changes what the
    dashboards and the public page show besides the activity figures: report statuses and
    lines, reporting years, the tasks (plan import, amendments) and who holds them
    (restructurings, agency names).

    The pages cache their whole body under this number and the activity one
    (``activities.ActivityDataVersion``). Both are read from the database, so a write is
    visible on the next request in every server process, and a rolled-back write raises
    nothing.
    """

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.version}"
