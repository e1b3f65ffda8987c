"""Security headers, a Content-Security-Policy without inline script, CSRF on every form."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"
FORM_RE = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)


def csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_csp_forbids_inline_script(client):
    # given any page
    response = client.get("/")
    # when its policy is read
    policy = csp(response)
    # then scripts come only from the app itself, and nothing may frame it
    assert policy["script-src"] == "script-src 'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "default-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"


def test_security_headers(client):
    # given any page
    response = client.get("/")
    # then the browser is told not to sniff, frame or leak referrers
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_handlers():
    # given every template of the project
    offenders = []
    for path in SRC.glob("*/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        # when it is searched for inline script and inline event handlers
        for match in re.finditer(r"<script\b([^>]*)>", text, re.I):
            if "src=" not in match.group(1):
                offenders.append(f"{path.relative_to(SRC)}: inline <script>")
        if re.search(r"\son(click|submit|load|change|input)\s*=", text, re.I):
            offenders.append(f"{path.relative_to(SRC)}: inline event handler")
    # then there is none (the CSP would block them)
    assert not offenders, offenders


@pytest.mark.parametrize(
    "url_name",
    ["accounts:login", "accounts:password_reset", "accounts:user_create", "agencies:create", "agencies:restructuring_create", "site:home"],
)
def test_every_post_form_carries_the_csrf_token(client, coordinator, url_name):
    # given a coordinator on a page with forms
    client.force_login(coordinator)
    if url_name == "accounts:login":
        client.logout()
    body = client.get(reverse(url_name)).content.decode()
    # when each POST form is inspected
    forms = [f for f in FORM_RE.findall(body) if re.search(r'method="post"', f, re.I)]
    # then every one has the token
    assert forms
    assert all("csrfmiddlewaretoken" in f for f in forms)


def test_post_without_csrf_token_is_refused(reporter_a, password):
    # given a client that enforces CSRF like a browser
    client = Client(enforce_csrf_checks=True)
    # when a log-in is posted without the token
    response = client.post(reverse("accounts:login"), {"username": "reporter_a", "password": password})
    # then it is refused
    assert response.status_code == 403
