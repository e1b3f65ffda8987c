from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Plan(models.Model):
    """An issued plan (Kế hoạch) of the cultural-diplomacy family, as imported."""

    province = models.ForeignKey("agencies.Province", on_delete=models.PROTECT, related_name="plans", verbose_name=_("province"))
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    title = models.TextField(_("title"))
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    body = models.JSONField(_("body sections"), default=list, blank=True)
    signer = models.JSONField(_("signature"), default=dict, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # Reporting settings: the plan's own deadline, and the data cut-off of Nghị định 09/2019.
    report_deadline_month = models.PositiveSmallIntegerField(_("report deadline month"), default=11)
    report_deadline_day = models.PositiveSmallIntegerField(_("report deadline day"), default=15)
    cutoff_start_month = models.PositiveSmallIntegerField(default=12)
    cutoff_start_day = models.PositiveSmallIntegerField(default=15)
    cutoff_end_month = models.PositiveSmallIntegerField(default=12)
    cutoff_end_day = models.PositiveSmallIntegerField(default=14)
    version = models.PositiveIntegerField(_("version"), default=1)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["body"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["province", "number"], name="plan_unique_number_per_province"),
            models.CheckConstraint(condition=Q(report_deadline_month__gte=1, report_deadline_month__lte=12), name="plan_deadline_month_valid"),
            models.CheckConstraint(condition=Q(report_deadline_day__gte=1, report_deadline_day__lte=31), name="plan_deadline_day_valid"),
        ]

    def __str__(self) -> str:
        return self.number


class TaskGroup(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=10)
    title = models.TextField(_("title"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="group_unique_code_per_plan")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class TimeframeKind(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    PERIOD = "period", _("Period")
    YEAR = "year", _("Single year")
    QUARTER = "quarter", _("Quarter")
    AS_ARISING = "as_arising", _("As events arise")
    ONGOING = "ongoing", _("Ongoing")
    UNSPECIFIED = "unspecified", _("Unspecified")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveIntegerField(default=0)
    title = models.TextField(_("content"))
    search_text = models.TextField(editable=False, default="")
    timeframe_kind = models.CharField(_("timeframe"), max_length=20, choices=TimeframeKind.choices)
    timeframe_start = models.PositiveSmallIntegerField(null=True, blank=True)
    timeframe_end = models.PositiveSmallIntegerField(null=True, blank=True)
    timeframe_quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    timeframe_text = models.CharField(_("timeframe as written"), max_length=255, blank=True)
    related_units = models.BooleanField(_("with related units"), default=False)
    other_parties = models.JSONField(_("other parties"), default=list, blank=True)
    products = models.TextField(_("products"), blank=True)
    # Amendments (plan versions): a task retired by an accepted amendment keeps its rows so
    # that past reports still point at the task as it was when reported.
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    added_on = models.DateField(_("added on"), null=True, blank=True)
    # A changed task keeps its old row (retired) and gets a new row with the same code and
    # the next version, so report lines keep pointing at the wording they answered.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code", "version"], name="task_unique_code_version_per_plan"),
            models.UniqueConstraint(
                fields=["plan", "code"], condition=Q(retired_on__isnull=True), name="task_unique_current_code_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(timeframe_end__isnull=True) | Q(timeframe_start__isnull=True) | Q(timeframe_end__gte=models.F("timeframe_start")),
                name="task_timeframe_ordered",
            ),
            models.CheckConstraint(
                condition=Q(timeframe_quarter__isnull=True) | Q(timeframe_quarter__gte=1, timeframe_quarter__lte=4),
                name="task_quarter_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"

    def timeframe_label(self) -> str:
        from django.utils.translation import gettext

        kind = self.timeframe_kind
        if kind == TimeframeKind.PERIOD:
            return f"{self.timeframe_start}–{self.timeframe_end}"
        if kind == TimeframeKind.YEAR:
            return gettext("Year %(year)s") % {"year": self.timeframe_start}
        if kind == TimeframeKind.QUARTER:
            return gettext("Quarter %(q)s/%(year)s") % {"q": self.timeframe_quarter, "year": self.timeframe_start}
        return str(TimeframeKind(kind).label)

    def active_in_year(self, year: int) -> bool:
        """Whether the task asks for work in ``year`` (drives expected reports)."""
        if self.retired_on and self.retired_on.year < year:
            return False
        if self.added_on and self.added_on.year > year:
            return False
        if self.timeframe_kind in (TimeframeKind.PERIOD, TimeframeKind.YEAR, TimeframeKind.QUARTER):
            return (self.timeframe_start or 0) <= year <= (self.timeframe_end or self.timeframe_start or 9999)
        return True


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATOR = "coordinator", _("Coordinating")


class TaskAssignment(models.Model):
    """An agency's role on a task over a span of time.

    Restructurings close an assignment (``active_until``) and open one for the
    successor, so history stays with whoever held the task then.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=20, choices=AssignmentRole.choices)
    order = models.PositiveSmallIntegerField(default=0)
    active_from = models.DateField(null=True, blank=True)
    active_until = models.DateField(null=True, blank=True)
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        ordering = ["task", "role", "order"]
        indexes = [models.Index(fields=["agency", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(role="lead", active_until__isnull=True), name="one_current_lead_per_task"
            ),
            models.UniqueConstraint(
                fields=["task", "agency", "role"], condition=Q(active_until__isnull=True), name="one_current_role_per_agency_task"
            ),
            models.CheckConstraint(condition=Q(role__in=["lead", "coordinator"]), name="assignment_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} {self.agency} ({self.role})"

    @property
    def is_lead(self) -> bool:
        return self.role == AssignmentRole.LEAD

    @property
    def is_coordinating(self) -> bool:
        return self.role == AssignmentRole.COORDINATOR


class ImportReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IMPORTED = "imported", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportReview(models.Model):
    """An uploaded plan document waiting for a coordinator to check it before it is stored.

    The upload itself is kept (not a file on the server's disk) so that the import reads
    exactly the bytes that were reviewed, on whichever server handles the request.
    ``parsed`` is what the parser read, ``corrections`` the cells the coordinator changed
    (by task position) and ``agency_map`` what each unknown agency name became.
    """

    status = models.CharField(_("status"), max_length=20, choices=ImportReviewStatus.choices, default=ImportReviewStatus.DRAFT)
    source_name = models.CharField(_("file name"), max_length=255)
    source_bytes = models.BinaryField(_("uploaded file"))
    source_sha256 = models.CharField(max_length=64)
    source_lines = models.JSONField(_("document as read"), default=list, blank=True)
    parsed = models.JSONField(_("parsed plan"), default=dict)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    agency_map = models.JSONField(_("agency mapping"), default=dict, blank=True)
    target_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="replacement_reviews", verbose_name=_("plan to replace")
    )
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_reviews", verbose_name=_("imported plan"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("imported or discarded at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["source_bytes", "source_lines"])

    class Meta:
        verbose_name = _("import review")
        verbose_name_plural = _("import reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "imported", "discarded"]), name="import_review_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="draft") | Q(finished_at__isnull=True), name="import_review_draft_not_finished"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == ImportReviewStatus.DRAFT

    @property
    def is_imported(self) -> bool:
        return self.status == ImportReviewStatus.IMPORTED

    @property
    def is_discarded(self) -> bool:
        return self.status == ImportReviewStatus.DISCARDED
