"""Writes to the agency registry."""

from __future__ import annotations

from django.db import transaction

from ngvh.core.text import agency_key, nfc

from .models import Agency, AgencyAlias, AgencyKind, Province


def province_get_or_create(*, name: str) -> Province:
    from django.utils.text import slugify

    from ngvh.core.text import ascii_key

    name = nfc(name)
    code = slugify(ascii_key(name)) or "province"
    province, _ = Province.objects.get_or_create(code=code, defaults={"name": name})
    return province


def guess_kind(name: str) -> str:
    key = agency_key(name)
    if key.startswith(("sở ", "so ")):
        return AgencyKind.DEPARTMENT
    if key.startswith("ban "):
        return AgencyKind.BOARD
    if key.startswith(("ủy ban nhân dân quận", "ủy ban nhân dân huyện", "uỷ ban nhân dân quận", "uỷ ban nhân dân huyện")):
        return AgencyKind.DISTRICT
    if key.startswith(("báo ", "đài ")):
        return AgencyKind.PRESS
    if key.startswith(("công an", "văn phòng", "thanh tra", "bộ chỉ huy")):
        return AgencyKind.CITY_BODY
    return AgencyKind.OTHER


@transaction.atomic
def agencies_ensure(*, province: Province, names: list[str], aliases: dict[str, list[str]] | None = None) -> dict[str, Agency]:
    """Find or create the named agencies of a province, returning them by canonical name.

    Aliases seen in a document (other spellings, abbreviations) are recorded so the next
    import, and the search, recognise them.
    """
    aliases = aliases or {}
    wanted = {agency_key(n): nfc(n) for n in names}
    existing = {a.name_key: a for a in Agency.objects.filter(province=province, name_key__in=list(wanted))}
    alias_hits = {
        al.key: al.agency
        for al in AgencyAlias.objects.filter(province=province, key__in=[k for k in wanted if k not in existing]).select_related("agency")
    }
    result: dict[str, Agency] = {}
    for key, name in wanted.items():
        agency = existing.get(key) or alias_hits.get(key)
        if agency is None:
            agency = Agency.objects.create(province=province, name=name, name_key=key, kind=guess_kind(name))
        result[name] = agency
    known_alias_keys = set(
        AgencyAlias.objects.filter(province=province).values_list("key", flat=True)
    ) | set(Agency.objects.filter(province=province).values_list("name_key", flat=True))
    for name, spellings in aliases.items():
        agency = result.get(nfc(name))
        if agency is None:
            continue
        for spelling in spellings:
            key = agency_key(spelling)
            if key and key not in known_alias_keys:
                AgencyAlias.objects.create(province=province, agency=agency, alias=nfc(spelling), key=key)
                known_alias_keys.add(key)
    return result
