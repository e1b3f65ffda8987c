"""Errors as problem details (RFC 9457), in the caller's language (vi unless it asks for en).

Every refusal a service can raise maps to one status and one stable ``code`` a client can
branch on; ``title`` and ``detail`` are translated for the person reading the log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from ngvh.activities.services import StaleActivity, UnassignedTasks
from ngvh.reporting.services import IncompleteReport, ReportingError, ReportStateError, StaleReport

PROBLEM = "application/problem+json"


def problem(status_code: int, code: str, title: str, detail: str = "", errors: dict | None = None, **extra) -> Response:
    body = {"type": f"/api/docs/#problem-{code}", "title": str(title), "status": status_code, "code": code}
    if detail:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = {k: [str(m) for m in (v if isinstance(v, list | tuple) else [v])] for k, v in errors.items()}
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM)


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, messages in _flatten(value).items():
                    out[f"{key}.{sub}"] = messages
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for i, item in enumerate(value):
                    for sub, messages in _flatten(item).items():
                        out[f"{key}.{i}.{sub}"] = messages
            else:
                out[key] = [str(m) for m in (value if isinstance(value, list) else [value])]
        return out
    return {"non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


def handle(exc, context):  # noqa: C901 - one mapping per refusal, read top to bottom
    if isinstance(exc, StaleReport | StaleActivity):
        return problem(status.HTTP_409_CONFLICT, "stale", _("Changed by someone else"), exc.message,
                       current_version=getattr(exc, "current_version", None))
    if isinstance(exc, IncompleteReport):
        return problem(status.HTTP_400_BAD_REQUEST, "incomplete", _("Report incomplete"), exc.message, line_ids=exc.line_ids)
    if isinstance(exc, ReportStateError):
        return problem(status.HTTP_409_CONFLICT, "state", _("Not possible in this state"), exc.message)
    if isinstance(exc, ReportingError):
        errors = {exc.field: [exc.message]} if exc.field else None
        return problem(status.HTTP_400_BAD_REQUEST, "invalid", _("Invalid data"), exc.message, errors)
    if isinstance(exc, UnassignedTasks):
        codes = ", ".join(t.code for t in exc.tasks)
        return problem(
            status.HTTP_400_BAD_REQUEST, "unassigned_tasks", _("Tasks not assigned to the agency"),
            _("Your agency holds no assignment on tasks %(codes)s. Send confirm_unassigned=true to record it anyway.")
            % {"codes": codes},
        )
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return problem(status.HTTP_400_BAD_REQUEST, "invalid", _("Invalid data"), _("Check the fields listed in errors."), errors)
    if isinstance(exc, Http404):
        return problem(status.HTTP_404_NOT_FOUND, "not_found", _("Not found"))
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem(response.status_code, "invalid", _("Invalid data"), _("Check the fields listed in errors."), _flatten(exc.detail))
    codes = {
        exceptions.NotAuthenticated: ("not_authenticated", _("Sign in or send a token")),
        exceptions.AuthenticationFailed: ("authentication_failed", _("Authentication failed")),
        exceptions.PermissionDenied: ("permission_denied", _("Not allowed")),
        exceptions.NotFound: ("not_found", _("Not found")),
        exceptions.MethodNotAllowed: ("method_not_allowed", _("Method not allowed")),
        exceptions.NotAcceptable: ("not_acceptable", _("Not acceptable")),
        exceptions.UnsupportedMediaType: ("unsupported_media_type", _("Unsupported media type")),
        exceptions.Throttled: ("throttled", _("Too many requests")),
        exceptions.ParseError: ("parse_error", _("Malformed request")),
    }
    code, title = next(((c, t) for cls, (c, t) in codes.items() if isinstance(exc, cls)), ("error", _("Error")))
    detail = exc.detail if isinstance(getattr(exc, "detail", None), str) else ""
    out = problem(response.status_code, code, title, detail)
    for header in ("WWW-Authenticate", "Allow", "Retry-After"):
        if header in response:
            out[header] = response[header]
    return out
