"""Vietnamese display conventions: ``1.250.000 đồng``, ``05/12/2022``."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for an address without arguments, reversed once per process."""
    from ngvh.core.fixed_urls import fixed_url as cached

    return cached(name)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The site header (``core/_site_header.html``), kept per reader and language."""
    from ngvh.core.frame import site_header as header

    return header(context)


def format_vnd(value) -> str:
    if value is None or value == "":
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đồng"


def format_int(value) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.filter
def vnd(value) -> str:
    return format_vnd(value)


@register.filter
def vint(value) -> str:
    return format_int(value)


@register.filter
def vdate(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


@register.filter
def country(code) -> str:
    """The country's name in the active language (``JP`` -> ``Nhật Bản``), never its code."""
    from ngvh.core.countries import country_name

    return country_name(code) if code else ""


@register.filter
def countries(codes) -> str:
    """Names of several countries, comma-separated, in the order given."""
    from ngvh.core.countries import country_name

    return ", ".join(country_name(c) for c in codes or [])


@register.filter
def percent(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}".replace(".", ",") + " %"
