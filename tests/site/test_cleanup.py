"""``ngvh cleanup``: abandoned imports, orphaned evidence files, log retention."""

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from ngvh.accounts.models import SecurityEvent, SecurityEventKind
from ngvh.activities import storage
from ngvh.activities.models import Attachment
from ngvh.plans.models import ImportReview, ImportReviewStatus
from ngvh.site.cleanup import cleanup_run
from tests.activities.factories import pdf_bytes, png_bytes
from tests.factories import ActivityFactory, ImportReviewFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    settings.NGVH_CLEANUP_IMPORT_HOURS = 24
    settings.NGVH_CLEANUP_DRAFT_DAYS = 30
    settings.NGVH_CLEANUP_ORPHAN_HOURS = 24
    settings.NGVH_RETENTION_ACCESS_LOG_DAYS = 365
    settings.NGVH_RETENTION_SECURITY_EVENT_DAYS = 730


def later(**delta) -> dt.datetime:
    return timezone.now() + dt.timedelta(**delta)


def test_activity_import_previews_go_once_older_than_the_setting():
    # given a preview saved now
    key = storage.import_save(b"PK workbook")
    # when the clean-up runs within the day, nothing goes
    assert cleanup_run(now=later(hours=23)).import_previews == []
    assert storage.import_read(key) == b"PK workbook"
    # a dry run a day later names it and keeps it
    assert cleanup_run(now=later(hours=25), dry_run=True).import_previews == [key]
    assert list(storage.import_keys()) == [key]
    # and the real run removes it
    assert cleanup_run(now=later(hours=25)).import_previews == [key]
    assert list(storage.import_keys()) == []
    with pytest.raises(FileNotFoundError):
        storage.import_read(key)


def test_plan_import_drafts_untouched_for_the_period_are_deleted_others_kept():
    # given an old draft, a recent draft and an old finished import
    old = ImportReviewFactory()
    recent = ImportReviewFactory()
    finished = ImportReviewFactory(status=ImportReviewStatus.DISCARDED, finished_at=NOW)
    ImportReview.objects.filter(pk__in=[old.pk, finished.pk]).update(updated_at=NOW - dt.timedelta(days=31))
    # when a dry run goes first
    assert cleanup_run(dry_run=True).import_drafts == [old.pk]
    assert ImportReview.objects.count() == 3
    # then the run deletes only the old draft
    assert cleanup_run().import_drafts == [old.pk]
    assert set(ImportReview.objects.values_list("pk", flat=True)) == {recent.pk, finished.pk}
    # and a second run finds nothing
    assert cleanup_run().import_drafts == []


def test_the_timer_deletes_drafts_as_the_system_actor():
    from ngvh.accounts.system import system_actor

    # given an old draft
    old = ImportReviewFactory()
    ImportReview.objects.filter(pk=old.pk).update(updated_at=NOW - dt.timedelta(days=31))
    # when the daily clean-up runs as a command
    call_command("cleanup", stdout=io.StringIO())
    # then the deletion in the draft's history names the system actor
    deleted = ImportReview.history.filter(id=old.pk, history_type="-").get()
    assert deleted.history_user == system_actor()


@pytest.fixture(params=["filesystem", "s3"])
def any_storage(request):
    if request.param == "s3":
        request.getfixturevalue("s3")
    return request.param


def test_orphaned_evidence_files_are_removed_files_with_a_row_kept(any_storage):
    # given a photo with its row (file + thumbnail) and a PDF whose row never committed
    photo = storage.store(SimpleUploadedFile("a.png", png_bytes()))
    Attachment.objects.create(
        activity=ActivityFactory(), stored_name=photo.stored_name, thumbnail_name=photo.thumbnail_name,
        original_name="a.png", content_type=photo.content_type, extension=photo.extension, size=photo.size, is_image=True,
    )
    orphan = storage.store(SimpleUploadedFile("b.pdf", pdf_bytes()))
    # and a file under attachments/ with a name we never make
    default_storage.save("attachments/notes.txt", ContentFile(b"x"))
    # when the clean-up runs inside the grace period, the orphan may still be an upload in progress
    assert cleanup_run(now=later(hours=1)).orphan_files == []
    # a dry run past it names only the orphan
    assert cleanup_run(now=later(hours=25), dry_run=True).orphan_files == [orphan.stored_name]
    assert storage.exists(orphan.stored_name)
    # and the run removes only the orphan
    assert cleanup_run(now=later(hours=25)).orphan_files == [orphan.stored_name]
    assert not storage.exists(orphan.stored_name)
    assert storage.exists(photo.stored_name) and storage.exists(photo.thumbnail_name)
    assert default_storage.exists("attachments/notes.txt")


def _aged(model, field: str, days: int, **fields):
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(**{field: NOW - dt.timedelta(days=days)})
    return row


def test_access_logs_and_security_events_past_retention_are_purged():
    # given rows on both sides of each retention period
    access = {"username": "u", "ip_address": "203.0.113.5", "user_agent": "x", "path_info": "/accounts/login/"}
    old_log, new_log = _aged(AccessLog, "attempt_time", 400, **access), _aged(AccessLog, "attempt_time", 300, **access)
    old_fail = _aged(AccessFailureLog, "attempt_time", 400, **access)
    old_attempt = _aged(AccessAttempt, "attempt_time", 400, failures_since_start=3, get_data="", post_data="", **access)
    old_event = _aged(SecurityEvent, "at", 800, kind=SecurityEventKind.LOGIN_FAILED, username="u")
    new_event = _aged(SecurityEvent, "at", 700, kind=SecurityEventKind.LOGIN_FAILED, username="u")
    # when a dry run counts them
    counted = cleanup_run(dry_run=True)
    assert (counted.access_logs, counted.access_failures, counted.access_attempts, counted.security_events) == (1, 1, 1, 1)
    assert AccessLog.objects.count() == 2 and SecurityEvent.objects.count() == 2
    # then the run removes exactly the old ones
    done = cleanup_run()
    assert (done.access_logs, done.access_failures, done.access_attempts, done.security_events) == (1, 1, 1, 1)
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new_log.pk]
    assert not AccessFailureLog.objects.filter(pk=old_fail.pk).exists()
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [new_event.pk]
    assert old_log.pk != new_log.pk and old_event.pk != new_event.pk


def test_retention_periods_come_from_the_settings(settings):
    # given a shorter retention for security events
    settings.NGVH_RETENTION_SECURITY_EVENT_DAYS = 30
    _aged(SecurityEvent, "at", 40, kind=SecurityEventKind.LOGIN, username="u")
    # then an event of 40 days goes
    assert cleanup_run().security_events == 1 and not SecurityEvent.objects.exists()


def test_command_dry_run_prints_counts_and_removes_nothing():
    key = storage.import_save(b"PK")
    ImportReview.objects.filter(pk=ImportReviewFactory().pk).update(updated_at=NOW - dt.timedelta(days=90))
    out = io.StringIO()
    call_command("cleanup", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "[dry run] plan import drafts: 1 would remove" in text
    assert "[dry run] activity import previews: 0 would remove" in text
    assert ImportReview.objects.count() == 1 and list(storage.import_keys()) == [key]
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    assert "plan import drafts: 1 removed" in out.getvalue() and not ImportReview.objects.exists()


def test_gift_photos_no_gift_names_go_once_older_than_the_setting(coordinator):
    from ngvh.gifts import photos
    from ngvh.gifts import services as gift_services

    # given a gift with its photo and a stray photo no gift names
    gift = gift_services.gift_create(user=coordinator, name="Tranh gốm", price_band="lt1m")
    kept = gift_services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("a.png", png_bytes())).photo_name
    stray = "0" * 32 + ".png"
    default_storage.save(f"gifts/{stray}", ContentFile(png_bytes()))
    # when the clean-up runs within the day nothing goes; a day later only the stray photo goes
    assert cleanup_run(now=later(hours=23)).orphan_gift_photos == []
    assert cleanup_run(now=later(hours=25)).orphan_gift_photos == [stray]
    assert photos.stored_names() == [kept]


def test_partner_and_people_import_previews_go_with_the_activity_ones():
    from ngvh.core.xlsx import pending_keys, pending_save

    # given a preview kept by the shared import page (as partners and people do)
    key = pending_save(b"PK workbook")
    # when the clean-up runs a day later / then it goes like an activity preview
    assert cleanup_run(now=later(hours=25)).import_previews == [key]
    assert list(pending_keys()) == []
