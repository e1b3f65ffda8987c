"""Small helpers the registry pages share (partners, people, gifts, delegations, training,
budget): breadcrumbs, a service's ValidationError onto a form, the object a request asks
for among those the user may read, and private responses. No domain here."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


def crumbs(label: str, url_name: str, *items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """The breadcrumb trail of a section (``core/_breadcrumbs.html``): its list page, then ``items``."""
    return [(label, reverse(url_name)), *items]


def form_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has the
    field, above the form otherwise."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def requested(request: HttpRequest, objects: Sequence, name: str = "plan"):
    """The object of ``objects`` whose pk the request names (``?name=`` or the posted
    field), else the first, else None: a pk the user may not read falls back like a
    missing one."""
    wanted = int_or_none(request.GET.get(name) or request.POST.get(name))
    return next((o for o in objects if o.pk == wanted), objects[0] if objects else None)


def private(response: HttpResponse) -> HttpResponse:
    """A response no cache may keep (personal data)."""
    response["Cache-Control"] = "no-store, private"
    return response
