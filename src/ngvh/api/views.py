"""The API: the same selectors (scoping) and services (rules, events, mail) as the pages.

Reads are open where the pages are (published plans to anyone); everything else needs a
session or an ``Authorization: Token`` header. A forbidden object answers 404, as on the
pages; a refused action on a visible object answers 403; a stale version 409.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ngvh.activities import selectors as activity_selectors
from ngvh.activities import services as activity_services
from ngvh.activities.models import ActivityKind, ActivityStatus, ForeignPartner
from ngvh.activities.policies import ActivityPolicy
from ngvh.agencies import selectors as agency_selectors
from ngvh.plans import selectors as plan_selectors
from ngvh.reporting import selectors as report_selectors
from ngvh.reporting import services as report_services
from ngvh.reporting.models import ReportLine, ReportStatus
from ngvh.reporting.policies import ReportingYearPolicy

from . import national, selectors
from . import serializers as s
from .pagination import Pages

ID = {"type": "integer", "minimum": 1, "maximum": 2**31}
YEAR = {"type": "integer", "minimum": 1900, "maximum": 2200}
TEXT = {"type": "string", "maxLength": 200}
PROBLEM = OpenApiResponse(description="Problem details (RFC 9457): type, title, status, code, detail, errors.")
ERRORS = {400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 404: PROBLEM}
WRITE_ERRORS = {**ERRORS, 409: PROBLEM}


def _int(value, name: str, errors: dict | None = None) -> int | None:
    """A whole-number query parameter; bad values are collected in ``errors`` (or raised)."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < 1 or number > 2**31:
        message = _("Enter a whole number.")
        if errors is None:
            raise ValidationError({name: [message]})
        errors[name] = [message]
        return None
    return number


def _choice(value: str, name: str, allowed: list[str], errors: dict) -> str:
    if value and value not in allowed:
        errors[name] = [_("Choose one of: %(values)s.") % {"values": ", ".join(allowed)}]
        return ""
    return value


def _year(value, name: str, errors: dict) -> int | None:
    year = _int(value, name, errors)
    if year is not None and not 1900 <= year <= 2200:
        errors[name] = [_("Enter a year between 1900 and 2200.")]
        return None
    return year


class LanguageMixin:
    """The pages follow the language switch; a system calling the API says ``Accept-Language``.
    Vietnamese stays the default when it asks for neither language."""

    def initial(self, request, *args, **kwargs):
        if request.headers.get("Accept-Language", "").lower().startswith("en"):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        super().initial(request, *args, **kwargs)


class Base(LanguageMixin):
    pagination_class = Pages


# ---- plans, tasks, agencies, partners --------------------------------------------------


@extend_schema(tags=["plans"], responses={200: s.PlanSerializer(many=True), **ERRORS})
class PlanList(Base, generics.ListAPIView):
    serializer_class = s.PlanSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return plan_selectors.plan_list(user=self.request.user)


@extend_schema(tags=["plans"], responses={200: s.PlanSerializer, **ERRORS})
class PlanDetail(Base, generics.RetrieveAPIView):
    serializer_class = s.PlanSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return plan_selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema(
    tags=["plans"],
    parameters=[
        OpenApiParameter("group", TEXT, description="Group code, e.g. `I`."),
        OpenApiParameter("agency", ID, description="Tasks this agency holds (lead or coordinating)."),
        OpenApiParameter("q", TEXT, description="Words of the title; diacritics optional (`le hoi`)."),
    ],
    responses={200: s.TaskSerializer(many=True), **ERRORS},
)
class PlanTasks(Base, generics.ListAPIView):
    serializer_class = s.TaskSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        plan = plan_selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"])
        params = self.request.query_params
        return plan_selectors.task_list(
            plan=plan, group=params.get("group", "")[:20], agency_id=_int(params.get("agency"), "agency"), q=params.get("q", "")[:200]
        )


@extend_schema(
    tags=["agencies"],
    parameters=[
        OpenApiParameter("q", TEXT, description="Name, short name or alias; diacritics optional."),
        OpenApiParameter("province", ID, description="Province id."),
    ],
    responses={200: s.AgencySerializer(many=True), **ERRORS},
)
class AgencyList(Base, generics.ListAPIView):
    serializer_class = s.AgencySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        params = self.request.query_params
        return agency_selectors.agency_list(
            user=self.request.user, province_id=_int(params.get("province"), "province"), q=params.get("q", "")[:200]
        )


@extend_schema(tags=["agencies"], responses={200: s.AgencySerializer, **ERRORS})
class AgencyDetail(Base, generics.RetrieveAPIView):
    serializer_class = s.AgencySerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return agency_selectors.agency_get(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema(
    tags=["partners"],
    parameters=[OpenApiParameter("country", {"type": "string", "pattern": "^[A-Za-z]{2}$"}, description="ISO 3166 alpha-2 code, e.g. `JP`.")],
    responses={200: s.ForeignPartnerSerializer(many=True), **ERRORS},
)
class PartnerList(Base, generics.ListAPIView):
    serializer_class = s.ForeignPartnerSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        qs = ForeignPartner.objects.order_by("name", "id")
        country = self.request.query_params.get("country", "").strip().upper()
        return qs.filter(country=country[:2]) if country else qs


# ---- activities ------------------------------------------------------------------------


ACTIVITY_FILTERS = [
    OpenApiParameter("plan", ID, description="Plan id."),
    OpenApiParameter("year", YEAR, description="Year the activity started."),
    OpenApiParameter("task", ID, description="Task id."),
    OpenApiParameter("agency", ID, description="Recording agency id."),
    OpenApiParameter("kind", str, enum=ActivityKind.values),
    OpenApiParameter("status", str, enum=ActivityStatus.values),
    OpenApiParameter("country", {"type": "string", "pattern": "^[A-Za-z]{2}$"}, description="ISO 3166 alpha-2 code of a country reached."),
    OpenApiParameter("q", TEXT, description="Words of the title, place or outcome; diacritics optional."),
]


def _activity_filters(params) -> activity_selectors.ActivityFilters:
    errors: dict = {}
    filters = activity_selectors.ActivityFilters(
        plan_id=_int(params.get("plan"), "plan", errors), year=_year(params.get("year"), "year", errors),
        task_id=_int(params.get("task"), "task", errors), agency_id=_int(params.get("agency"), "agency", errors),
        kind=_choice(params.get("kind", ""), "kind", ActivityKind.values, errors),
        status=_choice(params.get("status", ""), "status", ActivityStatus.values, errors),
        country=params.get("country", "").strip().upper()[:2], q=params.get("q", "")[:200],
    )
    if errors:
        raise ValidationError(errors)
    return filters


def _activity_out(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    activity = activity_selectors.activity_get(user=request.user, pk=pk)
    response = Response(s.ActivitySerializer(activity).data, status=code)
    response["ETag"] = f'"{activity.updated_at.isoformat()}"'
    return response


@extend_schema_view(
    get=extend_schema(tags=["activities"], parameters=ACTIVITY_FILTERS, responses={200: s.ActivitySerializer(many=True), **ERRORS}),
    post=extend_schema(tags=["activities"], request=s.ActivityWriteSerializer, responses={201: s.ActivitySerializer, **WRITE_ERRORS}),
)
class ActivityList(Base, generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.ActivitySerializer

    def get_queryset(self):
        qs = activity_selectors.filtered_activities(user=self.request.user, filters=_activity_filters(self.request.query_params))
        return qs.defer("search_text").prefetch_related("tasks", "countries", "partner_agencies", "foreign_partners")

    def create(self, request, *args, **kwargs):
        form = s.ActivityWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        plan_id = form.validated_data.get("plan_id")
        if not plan_id:
            raise ValidationError({"plan_id": [_("Choose the plan the activity belongs to.")]})
        plan = plan_selectors.plan_get(user=request.user, pk=plan_id)
        activity = activity_services.activity_create(
            user=request.user, plan=plan, data=form.to_data(agency_id=ActivityPolicy.default_agency_id(request.user)),
            confirm_unassigned=form.validated_data["confirm_unassigned"],
        )
        return _activity_out(request, activity.pk, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(tags=["activities"], responses={200: s.ActivitySerializer, **ERRORS}),
    put=extend_schema(
        tags=["activities"], request=s.ActivityWriteSerializer, responses={200: s.ActivitySerializer, **WRITE_ERRORS},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER,
                                     description="The ETag you read; a newer activity gives 409 and nothing is saved.")],
    ),
)
class ActivityDetail(Base, APIView):
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "put", "head", "options"]

    def get(self, request, pk: int):
        return _activity_out(request, pk)

    def put(self, request, pk: int):
        activity = activity_selectors.activity_get_for_edit(user=request.user, pk=pk)
        form = s.ActivityWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        expected = _if_match(request)
        activity_services.activity_update(
            user=request.user, activity=activity, data=form.to_data(agency_id=activity.agency_id),
            confirm_unassigned=form.validated_data["confirm_unassigned"], expected_updated_at=expected,
        )
        return _activity_out(request, pk)


def _if_match(request) -> dt.datetime | None:
    value = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    if not value or value == "*":
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError({"If-Match": [_("Send back the ETag you read.")]}) from None


@extend_schema(
    tags=["activities"], request={"multipart/form-data": s.AttachmentUploadSerializer},
    responses={201: s.AttachmentSerializer, **WRITE_ERRORS},
)
class ActivityAttachments(Base, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request, pk: int):
        activity = activity_selectors.activity_get_for_edit(user=request.user, pk=pk)
        form = s.AttachmentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        attachment = activity_services.attachment_add(
            user=request.user, activity=activity, upload=form.validated_data["file"],
            is_public=form.validated_data["is_public"], caption=form.validated_data["caption"],
        )
        return Response(s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


# ---- reports ---------------------------------------------------------------------------


@extend_schema(
    tags=["reports"],
    parameters=[
        OpenApiParameter("plan", ID, description="Plan id."),
        OpenApiParameter("year", YEAR, description="Reporting year."),
        OpenApiParameter("status", str, enum=ReportStatus.values),
        OpenApiParameter("agency", ID, description="Agency id."),
    ],
    responses={200: s.ReportSerializer(many=True), **ERRORS},
)
class ReportList(Base, generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.ReportSerializer

    def get_queryset(self):
        params, errors = self.request.query_params, {}
        plan, agency = _int(params.get("plan"), "plan", errors), _int(params.get("agency"), "agency", errors)
        year = _year(params.get("year"), "year", errors)
        state = _choice(params.get("status", ""), "status", ReportStatus.values, errors)
        if errors:
            raise ValidationError(errors)
        qs = report_selectors.visible_reports(user=self.request.user)
        if plan is not None:
            qs = qs.filter(reporting_year__plan_id=plan)
        if year is not None:
            qs = qs.filter(reporting_year__year=year)
        if agency is not None:
            qs = qs.filter(agency_id=agency)
        if state:
            qs = qs.filter(status=state)
        return qs.order_by("-reporting_year__year", "agency__name", "id")


def _report_out(request, pk: int) -> Response:
    report = report_selectors.report_get(user=request.user, pk=pk)
    lines = ReportLine.objects.filter(report=report).select_related("task").prefetch_related("activities").order_by("order", "id")
    report = type(report).objects.prefetch_related(Prefetch("lines", queryset=lines)).select_related(
        "reporting_year", "agency").get(pk=report.pk)
    return Response(s.ReportDetailSerializer(report).data)


@extend_schema(tags=["reports"], responses={200: s.ReportDetailSerializer, **ERRORS})
class ReportDetail(Base, APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        return _report_out(request, pk)


class ReportAction(Base, APIView):
    """One workflow step: POST with the version read; answers the report as it now stands."""

    permission_classes = [IsAuthenticated]
    form = s.VersionSerializer

    def post(self, request, pk: int):
        report = report_selectors.report_get(user=request.user, pk=pk)
        form = self.form(data=request.data)
        form.is_valid(raise_exception=True)
        self.act(request.user, report, form.validated_data)
        return _report_out(request, pk)


@extend_schema(tags=["reports"], request=s.ReportDraftSerializer, responses={200: s.ReportDetailSerializer, **WRITE_ERRORS})
class ReportDraft(ReportAction):
    form = s.ReportDraftSerializer

    def act(self, user, report, v):
        lines = {
            line["id"]: report_services.LineInput(
                status=line["status"], progress=line["progress"], results=line["results"], activity_ids=line.get("activity_ids", [])
            )
            for line in v["lines"]
        }
        current = {line.id: line for line in report.lines.prefetch_related("activities")}
        for line_id, line in current.items():  # lines not sent keep what they hold
            lines.setdefault(line_id, report_services.LineInput(
                status=line.status, progress=line.progress, results=line.results,
                activity_ids=[a.pk for a in line.activities.all()]))
        report_services.report_save(
            user=user, report=report, version=v["version"], difficulties=v["difficulties"] or report.difficulties,
            recommendations=v["recommendations"] or report.recommendations, lines=lines,
        )


@extend_schema(tags=["reports"], request=s.VersionSerializer, responses={200: s.ReportDetailSerializer, **WRITE_ERRORS})
class ReportSubmit(ReportAction):
    def act(self, user, report, v):
        report_services.report_submit(user=user, report=report, version=v["version"])


@extend_schema(tags=["reports"], request=s.ReturnSerializer, responses={200: s.ReportDetailSerializer, **WRITE_ERRORS})
class ReportReturn(ReportAction):
    form = s.ReturnSerializer

    def act(self, user, report, v):
        notes = {}
        for key, note in v["line_notes"].items():
            notes[_int(key, "line_notes")] = note
        report_services.report_return(user=user, report=report, reason=v["reason"], line_notes=notes, version=v["version"])


@extend_schema(tags=["reports"], request=s.VersionSerializer, responses={200: s.ReportDetailSerializer, **WRITE_ERRORS})
class ReportAccept(ReportAction):
    def act(self, user, report, v):
        report_services.report_accept(user=user, report=report, version=v["version"])


@extend_schema(
    tags=["reports"],
    parameters=[OpenApiParameter("year", YEAR, required=True, description="Reporting year.")],
    responses={200: s.RatesSerializer, **ERRORS},
)
class PlanRates(Base, APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        plan = plan_selectors.plan_get(user=request.user, pk=pk)
        if not ReportingYearPolicy.can_view_rates(request.user):
            raise Http404
        errors: dict = {}
        year = _year(request.query_params.get("year"), "year", errors)
        if year is None:
            raise ValidationError(errors or {"year": [_("Enter a year between 1900 and 2200.")]})
        rates = report_selectors.reporting_rates(plan=plan, year=year)
        return Response(s.RatesSerializer(rates).data)



@extend_schema(
    tags=["reports"],
    parameters=[
        OpenApiParameter("year", YEAR, required=True, description="Reporting year."),
        OpenApiParameter("file", str, enum=["json", "xlsx"], description="`json` (default) or `xlsx`: the same layout."),
    ],
    responses={(200, "application/json"): OpenApiTypes.OBJECT,
               (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY, **ERRORS},
    description="The yearly export for the national reporting system, layout `ngvh-national-yearly` version 1 "
                "(see docs/national-export.md). Official figures: accepted reports only.",
)
class PlanNationalExport(Base, APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        plan = plan_selectors.plan_get(user=request.user, pk=pk)
        errors: dict = {}
        year = _year(request.query_params.get("year"), "year", errors)
        fmt = _choice(request.query_params.get("file", "json"), "file", ["json", "xlsx"], errors) or "json"
        if year is None and not errors:
            errors["year"] = [_("Enter a year between 1900 and 2200.")]
        if errors:
            raise ValidationError(errors)
        export = selectors.national_export(user=request.user, plan=plan, year=year)
        stem = f"ngvh-national-{plan.number.replace('/', '-')}-{year}"
        if fmt == "xlsx":
            response = HttpResponse(national.to_xlsx(export),
                                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        else:
            response = HttpResponse(national.to_json(export), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
        return response
