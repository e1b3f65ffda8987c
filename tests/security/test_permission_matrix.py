"""Every URL of the project, every role: the expected allow/deny from one table.

A new URL pattern without a row in some ``tests/<app>/permission_rows.py`` fails
``test_every_url_has_a_row`` with its name.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLResolver, get_resolver

from .matrix import DENIED, NOT_FOUND, OK, ROLES, World

TESTS = Path(__file__).resolve().parent.parent
SKIPPED_PREFIXES = ("admin/", "i18n/", "jsi18n/", "static/", "media/")
# Namespaces whose owners have not written their rows yet. Remove yours when you add
# tests/<app>/permission_rows.py: from then on every URL of the namespace needs a row
# (test_pending_list_is_honest fails while a namespace with rows is still listed).
PENDING_NAMESPACES: set[str] = set()


def _load_rows():
    rows = []
    for path in sorted(TESTS.glob("*/permission_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.permission_rows")
        rows.extend(module.ROWS)
    return rows


ROWS = _load_rows()


def project_url_names() -> dict[str, str]:
    """{name: route} for every URL pattern, outside the admin, i18n and static files."""
    found: dict[str, str] = {}

    def walk(patterns, ns: str, prefix: str):
        for p in patterns:
            route = prefix + str(p.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(p, URLResolver):
                walk(p.url_patterns, ":".join(x for x in (ns, p.namespace) if x), route)
            else:
                name = f"{ns}:{p.name}" if ns and p.name else (p.name or f"<unnamed {route}>")
                found[name] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_url_has_a_row():
    # given every URL pattern of the project and the rows of every app
    covered = {row.name for row in ROWS}
    # when compared
    missing = {
        name: route
        for name, route in project_url_names().items()
        if name not in covered and name.split(":")[0] not in PENDING_NAMESPACES
    }
    # then each pattern has at least one row
    assert not missing, "URL patterns without a permission row (add them to tests/<app>/permission_rows.py): " + ", ".join(
        f"{name} (/{route})" for name, route in sorted(missing.items())
    )


def test_pending_list_is_honest():
    # given the namespaces still waiting for rows
    # when an app has written its rows module
    written = {path.parent.name for path in TESTS.glob("*/permission_rows.py")}
    namespaces = {name.split(":")[0] for name in project_url_names()}
    # then its namespace is no longer pending, and only real namespaces are listed
    assert not (PENDING_NAMESPACES & written), f"remove from PENDING_NAMESPACES: {sorted(PENDING_NAMESPACES & written)}"
    assert PENDING_NAMESPACES <= namespaces | written, f"unknown: {sorted(PENDING_NAMESPACES - namespaces)}"


def test_rows_name_real_urls():
    # given the rows
    # when their names are looked up
    names = set(project_url_names())
    stale = sorted({row.name for row in ROWS} - names)
    # then none is left over from a removed URL
    assert not stale, f"rows for URL names that no longer exist: {stale}"


@pytest.fixture
def world(reporter_a, reporter_b, leader, coordinator, agency_a, agency_b, focal_agency):
    return World(
        users={"anonymous": None, "reporter_a": reporter_a, "reporter_b": reporter_b, "leader": leader, "coordinator": coordinator},
        agency_a=agency_a, agency_b=agency_b, focal=focal_agency,
    )


def _outcome(response, role: str) -> str:
    login = resolve_url(settings.LOGIN_URL)
    to_login = response.status_code in (301, 302) and response.get("Location", "").split("?")[0].endswith(login)
    if response.status_code == 404:
        return NOT_FOUND
    # 401: the API's answer to a caller with no session and no token
    if response.status_code in (401, 403) or to_login:
        return DENIED
    if response.status_code < 400:
        return OK
    return f"status {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_permission(client, world, row, role):
    # given the row's objects and a user in the role
    url = row.build(world)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    # when the URL is requested with the row's method
    data = row.data(world) if row.data else {}
    response = client.post(url, data) if row.method == "POST" else client.get(url, data)
    # then the outcome is the one in the table
    got = _outcome(response, role)
    if role == "anonymous" and row.expect[role] == DENIED:
        assert got == DENIED, f"{row.id} as anonymous: expected a login redirect or 403, got {got}"
    assert got == row.expect[role], f"{row.id} as {role}: expected {row.expect[role]}, got {got}"
