"""``ngvh cleanup``: what nobody will come back for, removed on a schedule.

* Excel import previews (activities, partners, people: ``imports/`` in the storage) older than
  ``NGVH_CLEANUP_IMPORT_HOURS``: the preview was never confirmed;
* plan import drafts (``plans.ImportReview`` still in draft) untouched for
  ``NGVH_CLEANUP_DRAFT_DAYS``: the uploaded document is kept in the row, so these are the
  largest rows in the database;
* evidence files in the storage that no attachment row names, older than
  ``NGVH_CLEANUP_ORPHAN_HOURS`` (a file is stored just before its row is committed, so a
  younger one may belong to an upload in progress), and gift photos no gift names
  (a replaced photo whose deletion the store did not answer), on the same rule;
* retention: django-axes access logs, failure logs and attempts older than
  ``NGVH_RETENTION_ACCESS_LOG_DAYS``, and security-log events older than
  ``NGVH_RETENTION_SECURITY_EVENT_DAYS``.

A dry run counts the same things and removes nothing. Running it twice removes nothing new.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone


@dataclass
class CleanupReport:
    dry_run: bool
    import_previews: list[str] = field(default_factory=list)
    import_drafts: list[int] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)
    orphan_gift_photos: list[str] = field(default_factory=list)
    access_logs: int = 0
    access_failures: int = 0
    access_attempts: int = 0
    security_events: int = 0

    def lines(self) -> list[str]:
        verb = "would remove" if self.dry_run else "removed"
        return [
            f"activity import previews: {len(self.import_previews)} {verb}",
            f"plan import drafts: {len(self.import_drafts)} {verb}",
            f"orphaned evidence files: {len(self.orphan_files)} {verb}",
            f"orphaned gift photos: {len(self.orphan_gift_photos)} {verb}",
            f"login access logs: {self.access_logs} {verb}",
            f"login failure logs: {self.access_failures} {verb}",
            f"login attempt counters: {self.access_attempts} {verb}",
            f"security events: {self.security_events} {verb}",
        ]


def _aware(value: dt.datetime) -> dt.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


def cleanup_run(*, now: dt.datetime | None = None, dry_run: bool = False) -> CleanupReport:
    """Remove (or, with ``dry_run``, only count) what the settings say has expired.

    Everything is listed first; the rows are then deleted in one transaction (each draft
    re-checked under its lock), and the files after it, each again checked against the
    rows committed since the listing."""
    now = now or timezone.now()
    report = CleanupReport(dry_run=dry_run)
    _list_files(report, now)
    report.import_drafts = list(_expired_drafts(now).values_list("pk", flat=True))
    old = _old_logs(now)
    for name, queryset in old.items():
        setattr(report, name, queryset.count())
    if dry_run:
        return report
    _delete_rows(report, old, now)
    _delete_files(report)
    return report


def _expired_drafts(now: dt.datetime):
    from ngvh.plans.models import ImportReview, ImportReviewStatus

    return ImportReview.objects.filter(
        status=ImportReviewStatus.DRAFT, updated_at__lt=now - dt.timedelta(days=settings.NGVH_CLEANUP_DRAFT_DAYS)
    )


def _list_files(report: CleanupReport, now: dt.datetime) -> None:
    """Abandoned import previews, and evidence files and gift photos no row names."""
    from ngvh.activities import storage
    from ngvh.activities.models import Attachment
    from ngvh.gifts import photos
    from ngvh.gifts.models import Gift

    preview_cutoff = now - dt.timedelta(hours=settings.NGVH_CLEANUP_IMPORT_HOURS)
    report.import_previews = [k for k in storage.import_keys() if _aware(storage.import_modified_at(k)) < preview_cutoff]
    orphan_cutoff = now - dt.timedelta(hours=settings.NGVH_CLEANUP_ORPHAN_HOURS)
    unnamed = set(storage.stored_names())
    if unnamed:
        for stored, thumb in Attachment.objects.values_list("stored_name", "thumbnail_name").iterator():
            unnamed.discard(stored)
            unnamed.discard(thumb)
    report.orphan_files = sorted(n for n in unnamed if _aware(storage.modified_at(n)) < orphan_cutoff)
    photo_names = set(photos.stored_names())
    if photo_names:
        photo_names -= set(Gift.objects.filter(photo_name__in=photo_names).values_list("photo_name", flat=True))
    report.orphan_gift_photos = sorted(n for n in photo_names if _aware(photos.modified_at(n)) < orphan_cutoff)


def _old_logs(now: dt.datetime) -> dict:
    """The login logs and security events past their retention, by report field."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from ngvh.accounts.models import SecurityEvent

    log_cutoff = now - dt.timedelta(days=settings.NGVH_RETENTION_ACCESS_LOG_DAYS)
    event_cutoff = now - dt.timedelta(days=settings.NGVH_RETENTION_SECURITY_EVENT_DAYS)
    return {
        "access_logs": AccessLog.objects.filter(attempt_time__lt=log_cutoff),
        "access_failures": AccessFailureLog.objects.filter(attempt_time__lt=log_cutoff),
        "access_attempts": AccessAttempt.objects.filter(attempt_time__lt=log_cutoff),
        "security_events": SecurityEvent.objects.filter(at__lt=event_cutoff),
    }


def _delete_rows(report: CleanupReport, old: dict, now: dt.datetime) -> None:
    from ngvh.plans.models import ImportReview, ImportReviewStatus

    with transaction.atomic():
        for review in ImportReview.objects.filter(pk__in=report.import_drafts).select_for_update():
            # re-checked under the lock: a draft edited since the count is kept
            if review.status == ImportReviewStatus.DRAFT and review.updated_at < now - dt.timedelta(days=settings.NGVH_CLEANUP_DRAFT_DAYS):
                review.delete()
            else:
                report.import_drafts.remove(review.pk)
        for name, queryset in old.items():
            deleted, _per_model = queryset.delete()
            setattr(report, name, deleted)


def _delete_files(report: CleanupReport) -> None:
    from ngvh.activities import storage
    from ngvh.activities.models import Attachment
    from ngvh.gifts import photos
    from ngvh.gifts.models import Gift

    for key in report.import_previews:
        storage.import_remove(key)
    # a row committed since the listing keeps its file
    still_named = set(
        Attachment.objects.filter(stored_name__in=report.orphan_files).values_list("stored_name", flat=True)
    ) | set(Attachment.objects.filter(thumbnail_name__in=report.orphan_files).values_list("thumbnail_name", flat=True))
    report.orphan_files = [n for n in report.orphan_files if n not in still_named]
    storage.remove(*report.orphan_files)
    named = set(Gift.objects.filter(photo_name__in=report.orphan_gift_photos).values_list("photo_name", flat=True))
    report.orphan_gift_photos = [n for n in report.orphan_gift_photos if n not in named]
    for name in report.orphan_gift_photos:
        photos.remove(name)
