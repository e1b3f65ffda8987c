"""Countries (ISO 3166-1 alpha-2) with names in the reader's language.

Vietnamese names come from ``countries_vi.csv`` beside this module: the names the
Ministry of Foreign Affairs uses for states (``Nhật Bản``, ``Áp-ga-ni-xtan``,
``Ác-hen-ti-na``, ``Séc``), and the usual Vietnamese form for territories (column
``kind``). It covers every ISO 3166-1 entry (a test keeps it so); the transliterations of
pycountry's Vietnamese catalogue (``A Phú Hãn``, ``Á-căn-đình``) are accepted on import
only. English names come from pycountry. Pure: no database.
"""

from __future__ import annotations

import csv
import gettext
from functools import cache
from pathlib import Path

import pycountry
from django.utils.translation import get_language

from ngvh.core.text import ascii_key, nfc, tone_key

VI_NAMES_FILE = Path(__file__).with_name("countries_vi.csv")


@cache
def vi_names() -> dict[str, str]:
    """Alpha-2 code -> Vietnamese name, as reviewed in ``countries_vi.csv``."""
    with VI_NAMES_FILE.open(encoding="utf-8", newline="") as f:
        return {row["code"].strip().upper(): nfc(row["name_vi"].strip()) for row in csv.DictReader(f)}


@cache
def _vi_catalogue() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
    except OSError:  # pragma: no cover - catalogue always shipped with pycountry
        return gettext.NullTranslations()


def _english(country) -> str:
    return getattr(country, "common_name", None) or country.name


@cache
def _names(lang: str) -> dict[str, str]:
    out = {}
    for country in pycountry.countries:
        code = country.alpha_2
        if lang == "vi":
            out[code] = vi_names().get(code) or _english(country)
        else:
            out[code] = _english(country)
    return out


def _lang(lang: str | None) -> str:
    lang = (lang or get_language() or "vi")[:2]
    return "vi" if lang == "vi" else "en"


def is_country(code: str) -> bool:
    return bool(code) and code.upper() in _names("en")


def country_name(code: str, lang: str | None = None) -> str:
    return _names(_lang(lang)).get((code or "").upper(), code or "")


def country_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """(code, name) sorted by the name as a reader of that language would look for it."""
    names = _names(_lang(lang))
    return sorted(names.items(), key=lambda item: ascii_key(item[1]))


@cache
def country_lookup() -> dict[str, str]:
    """Every accepted spelling of a country (code, English and Vietnamese names, with or
    without diacritics, ``JP - Nhật Bản``) mapped to its code, for the Excel import."""
    lookup: dict[str, str] = {}
    for lang in ("en", "vi"):
        for code, name in _names(lang).items():
            for key in (tone_key(name), ascii_key(name), tone_key(f"{code} - {name}"), ascii_key(f"{code} - {name}")):
                lookup.setdefault(key, code)
    for country in pycountry.countries:
        lookup.setdefault(tone_key(country.name), country.alpha_2)
        vi_iso = _vi_catalogue().gettext(country.name)
        lookup.setdefault(tone_key(vi_iso), country.alpha_2)
        lookup.setdefault(ascii_key(vi_iso), country.alpha_2)
    for code in _names("en"):
        lookup[code.lower()] = code
    return lookup


def country_from_text(text: str) -> str | None:
    """The code of a country written in an import cell (ISO code, English or Vietnamese
    name, with or without diacritics, ``JP - Nhật Bản``), or None."""
    text = nfc(text or "")
    if not text:
        return None
    lookup = country_lookup()
    return lookup.get(tone_key(text)) or lookup.get(ascii_key(text)) or lookup.get(text.lower())
