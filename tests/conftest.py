"""Shared fixtures: role users, the bundled plan, and a real Chromium for browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ngvh.accounts.models import Role

from .factories import PASSWORD, AgencyFactory, UserFactory
from .tools import CHROMIUM, require_tool

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run inside one unless told it is safe (it is: the loop is Playwright's, not ours).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def focal_agency(db):
    return AgencyFactory(name="Sở Ngoại vụ")


@pytest.fixture
def coordinator(focal_agency):
    return UserFactory(username="coordinator", agency=focal_agency, role=Role.COORDINATOR)


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", agency=AgencyFactory(name="Văn phòng Ủy ban nhân dân thành phố"), role=Role.LEADER)


@pytest.fixture
def agency_a(db):
    return AgencyFactory(name="Sở Văn hóa và Thể thao")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(name="Sở Du lịch")


@pytest.fixture
def reporter_a(agency_a):
    return UserFactory(username="reporter_a", agency=agency_a, role=Role.REPORTER)


@pytest.fixture
def reporter_b(agency_b):
    return UserFactory(username="reporter_b", agency=agency_b, role=Role.REPORTER)


@pytest.fixture
def seed_plan(db):
    """The bundled Hải Phòng plan, imported through the real parser and service."""
    from ngvh.plans.bundled import load_bundled_plan

    return load_bundled_plan()


@pytest.fixture
def seed_agencies(seed_plan):
    from ngvh.agencies.models import Agency

    return {a.name: a for a in Agency.objects.filter(province=seed_plan.province)}


# ---- browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require_tool(CHROMIUM, package="chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield instance
        instance.close()


CSP_WORDS = ("Content Security Policy", "Content-Security-Policy")


def watch_csp(pg) -> list[str]:
    """Collect every Content-Security-Policy violation the browser logs on this page.

    A blocked inline style fails silently for the reader (the progress bars all drew full),
    so every browser test fails on one instead.
    """
    violations: list[str] = []

    def on_console(msg) -> None:
        if any(word in msg.text for word in CSP_WORDS):
            violations.append(f"{pg.url}: {msg.text}")

    pg.on("console", on_console)
    return violations


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base = live_server.url
    pg.csp_violations = watch_csp(pg)
    yield pg
    violations = list(pg.csp_violations)
    context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


def login(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def soffice() -> str:
    return require_tool("soffice", "libreoffice", package="libreoffice-writer-nogui")


@pytest.fixture
def pdftoppm() -> str:
    return require_tool("pdftoppm", package="poppler-utils")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids and data versions repeat between tests
    (their rows are rolled back), so a figure cached by one test must not serve another."""
    from django.core.cache import cache

    from ngvh.dashboard import cache as dashboard_cache

    cache.clear()
    dashboard_cache._cache_down_until = 0.0  # a cache outage one test simulated ends with it
    yield
    try:
        cache.clear()
    except dashboard_cache.CACHE_ERRORS:
        pass  # the test pointed the cache at a server that is not there
    dashboard_cache._cache_down_until = 0.0


# ---- local servers on loopback ---------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3 server (moto in server mode) on 127.0.0.1 for the whole session."""
    from moto.server import ThreadedMotoServer

    from .tools import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings):
    """A fresh private bucket on the local S3 server, made the default storage the way a
    deployment does it (``NGVH_S3_*`` through ``config.settings.s3_storage``)."""
    import secrets

    from ngvh.config.settings import s3_storage

    from .tools import S3Server

    server = S3Server(endpoint_url=s3_endpoint, bucket=f"ngvh-{secrets.token_hex(4)}")
    server.client().create_bucket(Bucket=server.bucket)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(server.environ)}
    return server


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server (Debian's) on 127.0.0.1 for the whole session, saving nothing."""
    import subprocess
    import time

    from .tools import free_port

    binary = require_tool("redis-server", "/usr/bin/redis-server", package="redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not answer within 5 s")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_url, settings):
    """The default cache on the real Redis, configured as a deployment does (``REDIS_URL``
    through ``config.settings.cache_settings``), empty."""
    import redis

    from ngvh.config.settings import cache_settings

    redis.Redis.from_url(redis_url).flushdb()
    settings.CACHES = cache_settings({"REDIS_URL": redis_url})
    return redis_url
