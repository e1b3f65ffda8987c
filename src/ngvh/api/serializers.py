"""The API's shapes. Reads mirror the models; writes are validated here for shape only and
turned into the services' plain data, so every rule lives in one place (the services)."""

from __future__ import annotations

from rest_framework import serializers

from ngvh.activities.data import ActivityData
from ngvh.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Attachment,
    ForeignPartner,
)
from ngvh.agencies.models import Agency
from ngvh.plans.models import Plan, Task, TaskAssignment
from ngvh.reporting.models import AnnualReport, ReportLine, ReportStatus, TaskStatus


class AssignmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    agency_id = serializers.IntegerField()

    class Meta:
        model = TaskAssignment
        fields = ["agency_id", "agency", "role", "active_from", "active_until"]


class TaskSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code")
    plan_id = serializers.IntegerField()
    assignments = AssignmentSerializer(many=True)

    class Meta:
        model = Task
        fields = [
            "id", "plan_id", "code", "group", "title", "timeframe_kind", "timeframe_start", "timeframe_end",
            "timeframe_quarter", "timeframe_text", "related_units", "other_parties", "assignments",
        ]


class PlanSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.name")

    class Meta:
        model = Plan
        fields = [
            "id", "number", "issued_on", "place", "issuer", "title", "legal_basis", "province",
            "report_deadline_month", "report_deadline_day", "version",
        ]


class AgencySerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.name")

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind", "province", "active_from", "active_until"]


class ForeignPartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForeignPartner
        fields = ["id", "name", "country", "kind"]


class ActivitySerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name", read_only=True)
    task_ids = serializers.SerializerMethodField()
    task_codes = serializers.SerializerMethodField()
    country_codes = serializers.SerializerMethodField()
    partner_agency_ids = serializers.SerializerMethodField()
    foreign_partner_ids = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id", "plan_id", "agency_id", "agency", "title", "description", "kind", "status", "start_date", "end_date",
            "year", "place_country", "place_name", "task_ids", "task_codes", "country_codes", "partner_agency_ids",
            "foreign_partner_ids", "participants_total", "participants_foreign", "budget_state", "budget_private",
            "budget_foreign", "media_count", "outcome", "updated_at",
        ]

    def get_task_ids(self, obj) -> list[int]:
        return [t.pk for t in obj.tasks.all()]

    def get_task_codes(self, obj) -> list[str]:
        return [t.code for t in obj.tasks.all()]

    def get_country_codes(self, obj) -> list[str]:
        return [c.code for c in obj.countries.all()]

    def get_partner_agency_ids(self, obj) -> list[int]:
        return [a.pk for a in obj.partner_agencies.all()]

    def get_foreign_partner_ids(self, obj) -> list[int]:
        return [p.pk for p in obj.foreign_partners.all()]


def _ids():
    return serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=500)


class ActivityWriteSerializer(serializers.Serializer):
    """What a caller sends to record or change an activity (the same fields as the form)."""

    plan_id = serializers.IntegerField(min_value=1, required=False, help_text="Required on create.")
    agency_id = serializers.IntegerField(min_value=1, required=False, help_text="Defaults to the caller's agency.")
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    status = serializers.ChoiceField(choices=ActivityStatus.choices, default=ActivityStatus.DONE)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    place_country = serializers.CharField(max_length=2, min_length=2, default="VN")
    place_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    task_ids = _ids()
    partner_agency_ids = _ids()
    foreign_partner_ids = _ids()
    country_codes = serializers.ListField(child=serializers.CharField(max_length=2, min_length=2), required=False, max_length=250)
    participants_total = serializers.IntegerField(min_value=0, max_value=10**9, default=None, allow_null=True)
    participants_foreign = serializers.IntegerField(min_value=0, max_value=10**9, default=None, allow_null=True)
    budget_state = serializers.IntegerField(min_value=0, max_value=10**15, default=0)
    budget_private = serializers.IntegerField(min_value=0, max_value=10**15, default=0)
    budget_foreign = serializers.IntegerField(min_value=0, max_value=10**15, default=0)
    media_count = serializers.IntegerField(min_value=0, max_value=10**9, default=0)
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    confirm_unassigned = serializers.BooleanField(
        default=False, help_text="Record against tasks the agency holds no assignment on (the form's confirmation)."
    )

    def to_data(self, *, agency_id: int) -> ActivityData:
        v = dict(self.validated_data)
        for key in ("plan_id", "confirm_unassigned"):
            v.pop(key, None)
        v["agency_id"] = v.get("agency_id") or agency_id
        v["place_country"] = v["place_country"].upper()
        v["country_codes"] = [c.upper() for c in v.get("country_codes", [])]
        return ActivityData(**v)


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "activity_id", "original_name", "content_type", "size", "caption", "is_public", "uploaded_at"]


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    caption = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    is_public = serializers.BooleanField(default=False)


class ReportLineSerializer(serializers.ModelSerializer):
    task_code = serializers.CharField(source="task.code")
    activity_ids = serializers.SerializerMethodField()

    class Meta:
        model = ReportLine
        fields = ["id", "task_id", "task_code", "role", "status", "progress", "results", "return_note", "activity_ids"]

    def get_activity_ids(self, obj) -> list[int]:
        return [a.pk for a in obj.activities.all()]


class ReportSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField(source="reporting_year.plan_id")
    year = serializers.IntegerField(source="reporting_year.year")
    deadline = serializers.DateField(source="reporting_year.deadline")
    agency = serializers.CharField(source="agency.name")

    class Meta:
        model = AnnualReport
        fields = [
            "id", "plan_id", "year", "deadline", "agency_id", "agency", "status", "version", "submitted_at",
            "first_submitted_at", "accepted_at", "return_reason", "updated_at",
        ]


class ReportDetailSerializer(ReportSerializer):
    lines = ReportLineSerializer(many=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "difficulties", "recommendations", "lines"]


class LineWriteSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(choices=[("", "—"), *TaskStatus.choices], required=False, allow_blank=True, default="")
    progress = serializers.IntegerField(min_value=0, max_value=100, default=0)
    results = serializers.CharField(required=False, allow_blank=True, default="")
    activity_ids = _ids()


class ReportDraftSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you read: a newer one gives 409.")
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    recommendations = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineWriteSerializer(many=True, required=False, default=list)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you read: a newer one gives 409.")


class ReturnSerializer(VersionSerializer):
    reason = serializers.CharField()
    line_notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict,
                                       help_text="Line id → note for that task.")


class AgencyRateSerializer(serializers.Serializer):
    agency = serializers.CharField()
    status = serializers.CharField()


class RatesSerializer(serializers.Serializer):
    plan_number = serializers.CharField()
    year = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    opened = serializers.BooleanField()
    frozen = serializers.BooleanField()
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    accepted = serializers.IntegerField()
    returned = serializers.IntegerField()
    submitted_rate = serializers.FloatField()
    on_time_rate = serializers.FloatField()
    accepted_rate = serializers.FloatField()
    missing_agencies = serializers.ListField(child=serializers.CharField())
    late_agencies = serializers.ListField(child=serializers.CharField())
    returned_agencies = serializers.ListField(child=serializers.CharField())


REPORT_STATUSES = ReportStatus.values
