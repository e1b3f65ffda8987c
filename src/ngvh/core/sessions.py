"""Sliding session expiry without a database write on every request."""

from __future__ import annotations

import time

from django.conf import settings

REFRESHED_AT = "_ngvh_refreshed_at"


class SessionRefreshMiddleware:
    """Extend an active session only when a quarter of its idle window has gone by.

    ``SESSION_SAVE_EVERY_REQUEST`` turned every page view into a write transaction, and on
    SQLite (``transaction_mode = IMMEDIATE``) that queued readers behind the other
    workers' writes on deadline day. The stored expiry moves forward in steps instead: a
    session saved less than a quarter of ``SESSION_COOKIE_AGE`` ago is left untouched, an
    older one is re-saved (which sets ``expire_date`` to now + the full age). An idle
    session therefore still ends at most ``SESSION_COOKIE_AGE`` after its last save, and
    never later than that after the last request: the inactivity logout stays, it can only
    come up to a quarter earlier than the nominal limit.

    Sits after ``SessionMiddleware`` in ``MIDDLEWARE`` so that its response phase runs
    first and the session middleware performs the save.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500:
            return response
        now = int(time.time())
        if session.modified:
            # Saved anyway (login, a message, a language switch): stamp it while at it.
            if not session.is_empty():
                session[REFRESHED_AT] = now
            return response
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session to extend (a health probe, an anonymous first visit).
            return response
        refreshed_at = session.get(REFRESHED_AT)
        if session.is_empty():
            return response
        if refreshed_at is None or now - int(refreshed_at) >= settings.SESSION_COOKIE_AGE // 4:
            session[REFRESHED_AT] = now
        return response
