"""Content in the visitor's language, with Vietnamese as the fallback. Pure: no queries
(translations come prefetched with the article)."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

from ngvh.core.countries import country_name as product_country_name

from .languages import PYCOUNTRY


@dataclass(frozen=True)
class Localized:
    title: str
    summary: str
    body: str
    language: str  # the language the text is actually in
    fallback: bool  # the visitor's language had no translation


def localize(article, lang: str) -> Localized:
    if lang != "vi":
        for t in article.translations.all():
            if t.language == lang:
                return Localized(t.title, t.summary, t.body, lang, False)
    return Localized(article.title, article.summary, article.body, "vi", lang != "vi")


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[PYCOUNTRY.get(lang, lang)])
    except OSError:
        return gettext.NullTranslations()


def country_name(code: str, lang: str) -> str:
    """Vietnamese and English as on the product's pages; the other languages from the ISO
    catalogues that pycountry ships."""
    if lang in ("vi", "en"):
        return product_country_name(code, lang)
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code
    return _catalogue(lang).gettext(country.name)
