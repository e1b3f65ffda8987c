"""Countries (ISO 3166-1 alpha-2) with names in the reader's language.

pycountry ships the ISO names and their gettext catalogues. A few Vietnamese catalogue
names differ from the names Vietnamese administrative documents use (``Cộng hoà Nam
Hàn`` for ``Hàn Quốc``, ``Căm Bốt`` for ``Campuchia``), so the common partners are
overridden with the official usage. Pure: no database.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language

from ngvh.core.text import ascii_key, tone_key

# Names used by Vietnamese state documents where the ISO catalogue says otherwise.
VI_OVERRIDES = {
    "AU": "Ô-xtrây-li-a",
    "CN": "Trung Quốc",
    "DE": "Đức",
    "FR": "Pháp",
    "GB": "Vương quốc Anh",
    "IN": "Ấn Độ",
    "JP": "Nhật Bản",
    "KH": "Campuchia",
    "KP": "Triều Tiên",
    "KR": "Hàn Quốc",
    "LA": "Lào",
    "MM": "Myanmar",
    "NZ": "Niu Di-lân",
    "RU": "Liên bang Nga",
    "SG": "Xin-ga-po",
    "TH": "Thái Lan",
    "TW": "Đài Loan (Trung Quốc)",
    "US": "Hoa Kỳ",
    "VN": "Việt Nam",
}


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
            out[code] = VI_OVERRIDES.get(code) or _vi_catalogue().gettext(country.name)
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
