from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training course")
    DELEGATION_OUT = "delegation_out", _("Delegation abroad")
    DELEGATION_IN = "delegation_in", _("Foreign delegation received")
    PRESS_CREW = "press_crew", _("Foreign press or film crew")
    EVENT_HOME = "event_home", _("Festival or event at home")
    EVENT_ABROAD = "event_abroad", _("Event abroad")
    EXHIBITION = "exhibition", _("Exhibition")
    PERFORMANCE = "performance", _("Performance")
    CONFERENCE = "conference", _("Conference or workshop")
    PUBLICATION = "publication", _("Publication or media product")
    ONLINE = "online", _("Online promotion")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PartnerKind(models.TextChoices):
    LOCALITY = "locality", _("Partner locality")
    ORGANISATION = "organisation", _("Organisation")


class ForeignPartner(models.Model):
    """Reusable registry of foreign localities and organisations (Kitakyushu, Incheon ...)."""

    name = models.CharField(_("name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False)
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.LOCALITY)

    class Meta:
        verbose_name = _("foreign partner")
        verbose_name_plural = _("foreign partners")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["country", "name_key"], name="partner_unique_per_country")]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    # No index of their own: (plan, year) and (agency, year) below start with them.
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="activities", verbose_name=_("plan"),
                             db_index=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="activities",
                               verbose_name=_("recording agency"), db_index=False)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.DONE)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    place_country = models.CharField(_("country of the place"), max_length=2, default="VN")
    place_name = models.CharField(_("place"), max_length=255, blank=True)
    tasks = models.ManyToManyField("plans.Task", related_name="activities", blank=True, verbose_name=_("tasks"))
    partner_agencies = models.ManyToManyField(
        "agencies.Agency", related_name="partner_activities", blank=True, verbose_name=_("partner agencies")
    )
    foreign_partners = models.ManyToManyField(ForeignPartner, related_name="activities", blank=True, verbose_name=_("foreign partners"))
    # Blank means "not reported", not zero: totals say how many activities gave a number.
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True, default=None)
    participants_foreign = models.PositiveIntegerField(_("of which foreign"), null=True, blank=True, default=None)
    budget_state = models.BigIntegerField(_("state budget (đồng)"), default=0)
    budget_private = models.BigIntegerField(_("socialised/private funds (đồng)"), default=0)
    budget_foreign = models.BigIntegerField(_("foreign funds (đồng)"), default=0)
    media_count = models.PositiveIntegerField(_("media coverage"), default=0)
    outcome = models.TextField(_("outcome"), blank=True)
    is_demo = models.BooleanField(_("illustrative (demo) data"), default=False)
    # "Công khai": the agency chose to show this activity on the public site. The public
    # pages also require it to be done and part of an accepted report.
    published_at = models.DateTimeField(_("published on the public site"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["plan", "year"]),
            models.Index(fields=["agency", "year"]),
            # The list page's default order and its filters, at a million rows. The list always
            # filters by plan, so the orderings without the plan (newest overall, by status,
            # by kind) were never chosen by the planner and only slowed every insert.
            models.Index(fields=["plan", "-start_date", "-id"], name="activity_plan_recent"),
            models.Index(fields=["start_date", "end_date"], name="activity_dates"),
            models.Index(fields=["-start_date"], condition=Q(published_at__isnull=False), name="activity_published"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_dates_ordered"),
            models.CheckConstraint(
                condition=Q(participants_foreign__isnull=True) | Q(participants_total__isnull=True)
                | Q(participants_foreign__lte=F("participants_total")),
                name="activity_foreign_le_total",
            ),
            models.CheckConstraint(
                condition=Q(budget_state__gte=0, budget_private__gte=0, budget_foreign__gte=0), name="activity_budget_non_negative"
            ),
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(status="done"), name="activity_published_only_done"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == ActivityStatus.DONE

    @property
    def is_planned(self) -> bool:
        return self.status == ActivityStatus.PLANNED

    @property
    def budget_total(self) -> int:
        return self.budget_state + self.budget_private + self.budget_foreign


class ActivityCountry(models.Model):
    """Countries an activity reached (ISO 3166 alpha-2), one row each for counting."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="countries")
    code = models.CharField(max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "code"], name="activity_country_unique")]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return self.code


class Attachment(models.Model):
    """Evidence for an activity: a photo, a PDF or an Office file.

    The file sits in the storage (``activities.storage``) with a random name (``stored_name``), never under
    the web root; the original name is kept only for display and for the download's
    ``Content-Disposition``, after sanitising. Another agency sees it only when
    ``is_public`` is set (photos for the city's report, say), whatever the activity's status.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity"))
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    thumbnail_name = models.CharField(max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    is_image = models.BooleanField(default=False)
    is_public = models.BooleanField(
        _("visible to other agencies"),
        default=False,
        help_text=_("Leave unticked to keep the file to your agency, the focal point and the city leaders."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["activity", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(stored_name__contains="/") & ~Q(stored_name__contains="\\"), name="attachment_flat_name"),
        ]

    def __str__(self) -> str:
        return self.original_name


class CalendarToken(models.Model):
    """A private subscription address for a calendar app.

    One per user, plan and scope (one agency, or the whole plan when ``agency`` is empty).
    The feed shows what its owner may see at the time it is fetched, so a token never
    outlives its owner's rights: a deactivated account's feed answers 404.
    """

    token = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "plan", "agency"], name="calendar_token_unique_scope"),
            models.UniqueConstraint(
                fields=["user", "plan"], condition=Q(agency__isnull=True), name="calendar_token_unique_plan_scope"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.plan} {self.agency or '*'}"


class ActivityRollup(models.Model):
    """Activity totals per plan, year, month, kind and status, for the dashboards.

    The national dashboard would otherwise aggregate a year's hundred thousand activities
    on every request; this table holds a few thousand rows for the same figures. It is
    written only by the activity services (``activities.rollup``), in the transaction
    that changes the activities, and ``ngvh activities rollup --check`` proves it equal
    to a recomputation from the activities.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    status = models.CharField(max_length=20, choices=ActivityStatus.choices)
    n = models.PositiveIntegerField(default=0)
    # Activities that gave a number of participants (a blank one is not a zero).
    participants_reported = models.PositiveIntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    participants_foreign = models.BigIntegerField(default=0)
    budget_state = models.BigIntegerField(default=0)
    budget_private = models.BigIntegerField(default=0)
    budget_foreign = models.BigIntegerField(default=0)
    media = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "month", "kind", "status"], name="activity_rollup_key"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="activity_rollup_month"),
        ]
        indexes = [models.Index(fields=["year", "status"], name="activity_rollup_year")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.year}-{self.month:02d} {self.kind} {self.status}: {self.n}"


class ActivityCountryRollup(models.Model):
    """Activities per plan, year, status and country reached; same rules as ``ActivityRollup``."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=ActivityStatus.choices)
    code = models.CharField(max_length=2)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "year", "status", "code"], name="activity_country_rollup_key")]
        indexes = [models.Index(fields=["year", "status"], name="activity_country_rollup_year")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.year} {self.status} {self.code}: {self.n}"


class ActivityDataVersion(models.Model):
    """A counter per plan, raised in the same transaction as every change to its rollups.

    The dashboards cache their activity figures under this number: it is read from the
    database, so every server process sees a write exactly when it commits, and a
    rolled-back write raises nothing. One row per plan keeps concurrent writers of
    different provinces from waiting on each other.
    """

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.version}"
