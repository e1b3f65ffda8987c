"""The client's address, behind trusted proxies only.

``X-Forwarded-For`` is believed only when the direct peer (``REMOTE_ADDR``) is one of
``NGVH_TRUSTED_PROXIES`` (addresses or networks); then the hops are read from the right,
skipping trusted proxies, and the first other address is the client. Anyone else who sends
the header is ignored, so a client cannot choose the address the login lockout and the
security log see. Used by both (``AXES_CLIENT_IP_CALLABLE`` and ``accounts.services``).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted_proxy(address: str | None) -> bool:
    ip = _parse(address or "")
    if ip is None:
        return False
    return any(ip in net for net in _networks(tuple(settings.NGVH_TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The real client address of ``request`` (``None`` without a request)."""
    if request is None:
        return None
    remote = (request.META.get("REMOTE_ADDR") or "").strip() or None
    if not is_trusted_proxy(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _parse(hop)
        if ip is None:
            # A malformed hop: nothing left of it can be believed; the last good one is the proxy.
            return remote
        if not is_trusted_proxy(str(ip)):
            return str(ip)
        remote = str(ip)
    return remote
