"""The sign-in backend: Django's ``ModelBackend``, with the signed-in user loaded in one query.

Every page shows the reader's agency in its header and the demo banner when demo accounts
exist. ``ModelBackend.get_user`` loads the user alone, and the header then asked for the
agency and for the demo accounts in two more queries on every request. ``get_user`` here
joins the agency and answers the demo question in the same query (an ``EXISTS`` subquery
over the users' ``is_demo`` column, evaluated by the database on each request: nothing is
cached, so a demo load or removal shows on the next page in every server process).

Sessions made before this backend name ``django.contrib.auth.backends.ModelBackend`` as
their backend; :class:`SessionBackendUpgradeMiddleware` rewrites that name on their next
request, so nobody is signed out by the upgrade (the session's password hash is
untouched and still checked by Django).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

BACKEND_PATH = "ngvh.accounts.backends.AccountBackend"
LEGACY_BACKEND_PATHS = frozenset({"django.contrib.auth.backends.ModelBackend"})
DEMO_PRESENT = "demo_accounts_present"  # the annotation on a user loaded by get_user


def _demo_present_sql() -> RawSQL:
    # Written out rather than as Exists(queryset): the ORM would compile (clone, relabel)
    # the subquery on every request, for a constant text. Same SQL on SQLite and PostgreSQL.
    model = get_user_model()
    qn = connection.ops.quote_name
    sql = f"EXISTS (SELECT 1 FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.get_field('is_demo').column)})"
    return RawSQL(sql, (), output_field=BooleanField())


def user_with_header_facts(user_id):
    """The user with their agency joined and whether any demo account exists, in one query."""
    model = get_user_model()
    return model._default_manager.select_related("agency").annotate(**{DEMO_PRESENT: _demo_present_sql()}).get(pk=user_id)


class AccountBackend(ModelBackend):
    """``ModelBackend`` (same passwords, same active-user rule, same permissions); only the
    query that loads the signed-in user on each request differs."""

    def get_user(self, user_id):
        try:
            user = user_with_header_facts(user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class SessionBackendUpgradeMiddleware:
    """Sits right before ``AuthenticationMiddleware`` (after the language is chosen, so a
    session store that fails answers in the reader's language): a session
    signed in through a backend path this release no longer lists (``ModelBackend``) is
    moved to :data:`BACKEND_PATH`, which authenticates the same users. Without it Django
    would treat the session as signed out. Only sessions carrying a cookie are read, and
    each is rewritten once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
            if session.get(BACKEND_SESSION_KEY) in LEGACY_BACKEND_PATHS and BACKEND_PATH in settings.AUTHENTICATION_BACKENDS:
                session[BACKEND_SESSION_KEY] = BACKEND_PATH
        return self.get_response(request)
