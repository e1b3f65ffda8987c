import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger("ngvh.errors")

# What Django raises when the database does not answer (a stopped server, a refused or
# dropped connection): the officer is told the system is briefly unavailable, not "error".
DATABASE_DOWN = (OperationalError, InterfaceError)


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest, template_name: str = "core/error.html") -> HttpResponse:
    """The page for an unhandled exception. It is rendered without the request's context
    (no user, no session, no query) because the failure may be the database itself; a
    database that is down answers 503 with Retry-After, so a proxy or a browser retries
    instead of caching an error."""
    exc = sys.exc_info()[1]
    down = isinstance(exc, DATABASE_DOWN)
    if down:
        log.error("database unavailable: %s", exc)
    body = loader.render_to_string(template_name, {"database_down": down})
    response = HttpResponse(body, status=503 if down else 500)
    if down:
        response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
