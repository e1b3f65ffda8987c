"""Per-object change history, read from django-simple-history.

simple-history was chosen over django-auditlog because it keeps a full copy of the row
for every change in a per-model table (so "before" and "after" are both plain columns,
queryable and typed), integrates with the admin (``SimpleHistoryAdmin``), and captures
the acting user through ``HistoryRequestMiddleware`` or ``_history_user`` in services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: object
    user: object
    kind: str
    changes: list[Change]

    @property
    def kind_label(self) -> str:
        return str(TYPE_LABELS.get(self.kind, self.kind))


def _display(field, value, related: dict) -> str:
    if value is None or value == "":
        return "—"
    if field.is_relation:
        obj = related.get(field.name, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y %H:%M" if hasattr(value, "hour") else "%d/%m/%Y")
    return str(value)


def history_entries(instance, *, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who, when, and each field's before/after (a fixed number of queries)."""
    model = type(instance)
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    fields = {f.name: f for f in model._meta.concrete_fields}
    tracked = [f for f in fields.values() if hasattr(records[0], f.attname)] if records else []
    # Resolve foreign keys in one query per related model, not one per row.
    related: dict[str, dict] = {}
    for f in tracked:
        if f.is_relation:
            ids = {getattr(r, f.attname) for r in records} - {None}
            related[f.name] = f.related_model._default_manager.in_bulk(ids) if ids else {}
    entries = []
    for i, record in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        for f in tracked:
            new = getattr(record, f.attname)
            old = getattr(older, f.attname) if older is not None else None
            if older is None and record.history_type == "+":
                if new in (None, "", False) or f.primary_key:
                    continue
            elif new == old:
                continue
            changes.append(Change(field=str(f.verbose_name), old=_display(f, old, related), new=_display(f, new, related)))
        entries.append(HistoryEntry(at=record.history_date, user=record.history_user, kind=record.history_type, changes=changes))
    return entries
