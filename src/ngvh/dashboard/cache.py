"""The dashboards' and the public page's body, cached under the plans' data versions.

A dashboard's body (figures, task rows, rates, charts, rendered HTML) is the same for
every reader who sees the same report lines, so it is computed once per

    (page, plan, year, filters, language, reader's scope, data versions, code stamp)

and kept in the shared cache (``django.core.cache``: local memory by default, Redis when
configured). The data versions are two counters per plan held in the database:
``activities.ActivityDataVersion`` (raised by every activity write) and
``reporting.ReportingDataVersion`` (raised by every report, reporting-year, amendment,
plan-import, restructuring, agency and budget-estimate write). Both are read in one small query on each
request, so a write shows on the next request in every server process, and a write
that rolls back changes nothing. The TTL only frees memory.

What stays per request: the session and the user, the plan's existence and
publication (a 404 is never cached), the version query, the page's frame (header,
breadcrumbs, the reader's name).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from ngvh.accounts.policies import is_signed_in

from .policies import DashboardPolicy

BODY_TTL = 3600
log = logging.getLogger("ngvh.dashboard")


def _cache_errors() -> tuple[type[BaseException], ...]:
    """What a cache that is down raises: the page is then built without it (slower, same
    content), never refused."""
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return (OSError,)
    return (OSError, RedisError)


CACHE_ERRORS = _cache_errors()
CACHE_RETRY_SECONDS = 30.0
_cache_down_until = 0.0
_now = time.monotonic


def _mark_down() -> None:
    global _cache_down_until
    _cache_down_until = _now() + CACHE_RETRY_SECONDS


def _code_stamp() -> str:
    """Changes with the code and templates that produce a body, so a body cached by the
    previous release in a shared Redis is never served by the next one."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted([*here.glob("*.py"), *(here / "templates").rglob("*.html")])
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


CODE_STAMP = _code_stamp()


def reader_scope(user) -> str:
    """The part of a body that depends on the reader. Task figures do not (official for
    everyone; the basis is a key part of its own): whether the reader reads every agency,
    which decides the provisional switch shown beside them, and which agencies' budget
    the estimate-vs-actual section shows (a reporter sees only their own agency's)."""
    return DashboardPolicy.reader_scope(user)


def data_versions(*, plan_id: int | None) -> str:
    """Both counters of one plan (or of all plans, for None) in one query, as a key part."""
    from ngvh.activities.models import ActivityDataVersion
    from ngvh.reporting.models import ReportingDataVersion

    qn = connection.ops.quote_name
    tables = [qn(ActivityDataVersion._meta.db_table), qn(ReportingDataVersion._meta.db_table)]
    if plan_id is not None:
        sql = "SELECT " + ", ".join(f"(SELECT version FROM {t} WHERE plan_id = %s)" for t in tables)
        params = [plan_id] * len(tables)
    else:
        # Count, sum and highest plan: a plan removed and another raised cannot repeat a triple.
        sql = "SELECT " + ", ".join(
            f"(SELECT COUNT(*) FROM {t}), (SELECT COALESCE(SUM(version), 0) FROM {t}), (SELECT MAX(plan_id) FROM {t})"
            for t in tables
        )
        params = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return ".".join("-" if v is None else str(v) for v in row)


@dataclass(frozen=True)
class PlanHead:
    """What a cached plan page needs of its plan besides the body: its id and number."""

    pk: int
    number: str
    versions: str


def plan_head(*, user, plan_id: int, public: bool = False) -> PlanHead:
    """The plan's number and both data versions in one query; 404 as ``plan_for_dashboard``
    gives it (missing, or unpublished for the public page and anonymous readers)."""
    from ngvh.activities.models import ActivityDataVersion
    from ngvh.plans.models import Plan
    from ngvh.reporting.models import ReportingDataVersion

    qn = connection.ops.quote_name
    versions = ", ".join(f"(SELECT version FROM {qn(m._meta.db_table)} WHERE plan_id = p.id)"
                         for m in (ActivityDataVersion, ReportingDataVersion))
    published = "" if is_signed_in(user) and not public else " AND p.is_published"
    sql = f"SELECT p.id, p.number, {versions} FROM {qn(Plan._meta.db_table)} p WHERE p.id = %s{published}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan_id])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return PlanHead(pk=row[0], number=row[1], versions=".".join("-" if v is None else str(v) for v in row[2:]))


def body_key(page: str, *, plan_id: int | None, params: tuple, scope: str, versions: str) -> str:
    parts = ":".join("" if p is None else str(p) for p in params)
    return f"ngvh:dash:{CODE_STAMP}:{page}:{plan_id}:{parts}:{get_language()}:{scope}:{versions}"


def cacheable_body(*, body: str, frame: dict, data: dict) -> dict:
    """What is stored: the rendered body, the few values the frame needs, and the page's
    data (figures, rows, rates) pickled apart, so that serving a cached page copies bytes
    instead of rebuilding dozens of objects. The data is only unpickled when something
    reads it (a test, a debugging session), never to serve the page."""
    return {"body": body, "frame": frame, "keys": list(data), "data": pickle.dumps(data, pickle.HIGHEST_PROTOCOL)}


def body_context(cached: dict) -> dict:
    """The template context of a cached page: the frame's values, and the data, lazily."""
    loaded: list[dict] = []

    def data() -> dict:
        if not loaded:
            loaded.append(pickle.loads(cached["data"]))  # noqa: S301 - our own cache entry
        return loaded[0]

    lazy = {key: SimpleLazyObject(lambda key=key: data()[key]) for key in cached["keys"] if key not in cached["frame"]}
    return {**lazy, **cached["frame"]}


def cached_body(page: str, *, plan_id: int | None, params: tuple, scope: str, build: Callable[[], dict],
                versions: str | None = None) -> dict:
    """The cached body for these inputs, built (and stored) when missing.

    The versions are read before building, so what is stored is at least as new as its
    key says; a write committing meanwhile raises the versions, and the next request
    builds again.
    """
    if versions is None:
        versions = data_versions(plan_id=plan_id)
    key = body_key(page, plan_id=plan_id, params=params, scope=scope, versions=versions)
    return get_or_build(key, build, BODY_TTL)


def get_or_build(key: str, build: Callable[[], object], ttl: int):
    """``cache[key]``, or ``build()`` stored under it. A cache that is down (Redis stopped,
    unreachable, not answering) is logged and skipped: the page is built without it,
    slower, same content. After a failure this process leaves the cache alone for
    ``CACHE_RETRY_SECONDS``, so a hung Redis costs one request its timeout, not every
    request of the outage."""
    if _now() < _cache_down_until:
        return build()
    try:
        value = cache.get(key)
    except CACHE_ERRORS as exc:
        _mark_down()
        log.warning("cache unavailable, building %s without it (retried in %s s): %s", key, CACHE_RETRY_SECONDS, exc)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, ttl)
        except CACHE_ERRORS as exc:
            _mark_down()
            log.warning("cache unavailable, %s not stored: %s", key, exc)
    return value
