from rest_framework import serializers

from ngvh.plans.models import Plan, Task, TaskAssignment


class AssignmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    agency_id = serializers.IntegerField()

    class Meta:
        model = TaskAssignment
        fields = ["agency_id", "agency", "role", "active_from", "active_until"]


class TaskSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code")
    assignments = AssignmentSerializer(many=True)

    class Meta:
        model = Task
        fields = [
            "id", "code", "group", "title", "timeframe_kind", "timeframe_start", "timeframe_end",
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
