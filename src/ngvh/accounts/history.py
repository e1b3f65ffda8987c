"""Per-object change history, read from django-simple-history.

simple-history was chosen over django-auditlog because it keeps a full copy of the row
for every change in a per-model table (so "before" and "after" are both plain columns,
queryable and typed), integrates with the admin (``SimpleHistoryAdmin``), and captures
the acting user through ``HistoryRequestMiddleware`` or ``_history_user`` in services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}

# Bookkeeping columns a person never types: versions, checksums, sort keys, flags for the
# demo. Showing them would bury the real change under noise.
HIDDEN_FIELDS = frozenset({
    "version", "order", "warnings", "source_sha256", "content_sha256", "corrections",
    "is_demo", "is_expected", "search_text", "content_type", "extension", "is_image",
})

# Labels for fields whose model declares no verbose name of its own, so the page never
# shows a raw column name such as ``timeframe start``.
FIELD_LABELS = {
    "plan": _("Plan"),
    "group": _("Task group"),
    "task": _("Task"),
    "agency": _("Agency"),
    "article": _("Article"),
    "timeframe_start": _("Timeframe from"),
    "timeframe_end": _("Timeframe to"),
    "timeframe_quarter": _("Quarter"),
    "active_from": _("In force from"),
    "active_until": _("In force until"),
    "origin": _("Origin"),
    "reporting_year": _("Reporting year"),
    "first_submitted_at": _("First submitted"),
    "cutoff_start_month": _("Reporting period starts (month)"),
    "cutoff_start_day": _("Reporting period starts (day)"),
    "cutoff_end_month": _("Reporting period ends (month)"),
    "cutoff_end_day": _("Reporting period ends (day)"),
    "source_name": _("Source document"),
    "imported_by": _("Imported by"),
    "created_by": _("Created by"),
    "uploaded_by": _("Uploaded by"),
    "built_by": _("Built by"),
    "relationship": _("Relationship"),
    "activity": _("Activity"),
    "given_by": _("Given by"),
}


def field_label(field) -> str:
    declared = str(field.verbose_name)
    if declared == field.name.replace("_", " ") and field.name in FIELD_LABELS:
        return str(FIELD_LABELS[field.name])
    return declared


def tracked_fields(model) -> list:
    """Fields a person edits; the rest (keys, timestamps, ids) are bookkeeping, not history."""
    return [
        f for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in HIDDEN_FIELDS
    ]


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
        return str(obj) if obj is not None else str(_("(deleted)"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if hasattr(value, "strftime"):
        # One clock on the page: stored datetimes are UTC, the page reads local time.
        if hasattr(value, "hour") and timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M" if hasattr(value, "hour") else "%d/%m/%Y")
    return str(value)


def history_entries(instance, *, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who, when, and each field's before/after (a fixed number of queries)."""
    model = type(instance)
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    tracked = [f for f in tracked_fields(model) if hasattr(records[0], f.attname)] if records else []
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
            changes.append(Change(field=field_label(f), old=_display(f, old, related), new=_display(f, new, related)))
        entries.append(HistoryEntry(at=record.history_date, user=record.history_user, kind=record.history_type, changes=changes))
    return entries


@dataclass(frozen=True)
class HistoryPage:
    """Where a record's history page sits: the section it belongs to, its name, its page."""

    section: tuple[str, str]
    label: str
    back: str


# kind (as in the URL) -> (model, describe). Each app registers its own records in its
# AppConfig.ready(), so this app, which sits below them, never imports them.
_KINDS: dict[str, tuple[type, Callable[[object], HistoryPage]]] = {}


def register_history(kind: str, *, model: type, describe: Callable[[object], HistoryPage]) -> None:
    _KINDS[kind] = (model, describe)


def history_kind(kind: str) -> tuple[type, Callable[[object], HistoryPage]] | None:
    return _KINDS.get(kind)
