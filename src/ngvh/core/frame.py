"""The site header, rendered once per reader and language and kept in the process.

Every signed-in page draws the same header for the same reader: the brand, the
navigation their role opens, their name, agency and role, the logout form and the
language switch. Only two things in it change from one request to the next: the CSRF
token (a freshly masked one per request, as ``{% csrf_token %}`` gives) and the current
path the language switch returns to. The header is therefore rendered with two random
placeholders in their place, kept under the values it was drawn from, and the request's
token and path are put in on each page.

The key holds the values themselves (language, user id, name, agency name, role,
superuser flag, the navigation's addresses, script prefix and URLconf), read fresh on
every request,
not a version that a write must remember to raise: a renamed reader, a moved agency or a
changed role is simply another key, in every server process. A header for a reader who is
not signed in, or rendered without a request, is rendered by the template as before.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from threading import Lock

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TEMPLATE = "core/_site_header.html"
MAX_ENTRIES = 2048  # readers x languages kept per process (a header is ~3 kB)
TOKEN = "ngvhtoken" + secrets.token_hex(16)  # unguessable, survives HTML escaping unchanged
PATH = "ngvhpath" + secrets.token_hex(16)

_headers: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


class _PathPlaceholder:
    """Stands for the request in the cached rendering: the template reads only its path."""

    def get_full_path(self) -> str:
        return PATH


def header_key(context) -> tuple | None:
    """The values the header is drawn from, or None when it is not kept (not signed in, no
    request, no CSRF token in the context)."""
    request = context.get("request")
    user = context.get("user")
    if settings.DEBUG or request is None or user is None or not user.is_authenticated:
        return None  # (in development a template edit shows at once, as the template loader does)
    token = context.get("csrf_token")
    if token is None or str(token) == "NOTPROVIDED":
        return None
    agency = context.get("ngvh_user_agency")
    nav = tuple(str(item["url"]) for item in context.get("ngvh_nav") or ())
    return (get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, user.pk, user.display_name,
            user.role, user.is_superuser, getattr(agency, "pk", None), getattr(agency, "name", None), nav)


def _render(context, **overrides) -> str:
    template = context.template.engine.get_template(TEMPLATE)
    with context.push(**overrides):
        return template.render(context)


def site_header(context) -> str:
    key = header_key(context)
    if key is None:
        return _render(context)
    html = _headers.get(key)
    if html is None:
        html = _render(context, csrf_token=TOKEN, request=_PathPlaceholder())
        with _lock:
            _headers[key] = html
            while len(_headers) > MAX_ENTRIES:
                _headers.popitem(last=False)
    request = context["request"]
    token = escape(str(context["csrf_token"]))
    return mark_safe(html.replace(TOKEN, token).replace(PATH, escape(request.get_full_path())))  # noqa: S308 - rendered by the template, escaped values in


def clear() -> None:
    with _lock:
        _headers.clear()
