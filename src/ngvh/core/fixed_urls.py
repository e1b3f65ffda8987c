"""Addresses without arguments, reversed once per process.

The site's frame (brand link, navigation, logout and language forms, breadcrumbs) links
to the same dozen argument-less URLs on every page, and ``reverse`` walks the resolver
each time. Such an address only depends on the URL configuration and the script prefix
(the mount point under a proxy), so it is kept per (name, URLconf, prefix): a
``ROOT_URLCONF`` change (``override_settings``) or a request-level ``urlconf`` gets its
own entries, and the cache is emptied when ``ROOT_URLCONF`` or ``FORCE_SCRIPT_NAME`` is
changed at run time (``setting_changed``, as in tests).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=512)
def _reverse(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a URL that takes no argument; raises ``NoReverseMatch`` like it."""
    return _reverse(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@receiver(setting_changed)
def _clear(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()
