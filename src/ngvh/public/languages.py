"""The public site's languages: the plan asks the city to speak to its partners in theirs.

The signed-in product stays Vietnamese and English; the public pages add Japanese, Korean,
Chinese and Russian (the partner cities' languages). A visitor's choice travels as
``?lang=`` and is kept in its own cookie so it never changes the officers' language.
"""

from __future__ import annotations

PUBLIC_LANGUAGES: list[tuple[str, str]] = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
]
CODES = [code for code, _ in PUBLIC_LANGUAGES]
COOKIE = "ngvh_public_language"
# pycountry's catalogue names for the same languages (country names on public pages)
PYCOUNTRY = {"vi": "vi", "en": "en", "ja": "ja", "ko": "ko", "zh-hans": "zh_CN", "ru": "ru"}


def choose(*, query: str | None, cookie: str | None) -> str:
    for value in (query, cookie):
        if value and value.lower() in CODES:
            return value.lower()
    return "vi"
