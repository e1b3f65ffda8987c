"""Evidence and pending imports in an S3-compatible bucket: a local S3 server (moto) on
loopback, reached over HTTP exactly as a deployment with ``NGVH_S3_*`` set reaches one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.activities import services, storage
from ngvh.activities.models import Activity, Attachment

from .factories import activity_data, pdf_bytes, png_bytes
from .test_xlsx import good_row, workbook_bytes

pytestmark = pytest.mark.django_db


def test_evidence_uploaded_through_the_app_lands_in_the_bucket_and_downloads_back(client, s3, settings, reporter_a, agency_a, plan_a):
    # given the default storage is the bucket
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    client.force_login(reporter_a)
    photo, document = png_bytes((300, 200)), pdf_bytes()
    # when a photo and a PDF are uploaded through the page
    for name, data in (("ảnh.png", photo), ("biên bản.pdf", document)):
        response = client.post(reverse("activities:attachment_add", args=[activity.pk]), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 302
    photo_row, pdf_row = Attachment.objects.order_by("id")
    # then the bucket holds both files and the thumbnail, and the local folder holds nothing
    assert s3.keys() == sorted(
        f"attachments/{n}" for n in (photo_row.stored_name, photo_row.thumbnail_name, pdf_row.stored_name)
    )
    assert not (settings.MEDIA_ROOT / "attachments").exists()
    # and each downloads through the app byte for byte
    for row, data in ((photo_row, photo), (pdf_row, document)):
        body = client.get(reverse("activities:attachment", args=[row.pk]))
        assert body.status_code == 200 and b"".join(body.streaming_content) == data
    thumb = client.get(reverse("activities:attachment_thumbnail", args=[photo_row.pk]))
    assert thumb.status_code == 200 and b"".join(thumb.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_file_gone_from_the_bucket_is_a_404_and_a_deletion_empties_the_bucket(
    client, s3, reporter_a, agency_a, plan_a, django_capture_on_commit_callbacks
):
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    kept = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("a.pdf", pdf_bytes()))
    lost = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("b.pdf", pdf_bytes()))
    # given one object was removed behind the app's back
    s3.client().delete_object(Bucket=s3.bucket, Key=f"attachments/{lost.stored_name}")
    client.force_login(reporter_a)
    # then its download is a 404, not a 500
    assert client.get(reverse("activities:attachment", args=[lost.pk])).status_code == 404
    # and deleting the other through the service removes its object once committed
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(user=reporter_a, attachment=kept)
    assert s3.keys() == []


def test_import_previewed_is_kept_in_the_bucket_until_confirmed(client, s3, reporter_a, plan_a):
    plan, _ = plan_a
    client.force_login(reporter_a)
    upload = SimpleUploadedFile("hoat-dong.xlsx", workbook_bytes([good_row(i) for i in range(3)]))
    # when an import is previewed
    preview = client.post(reverse("activities:import"), {"plan": plan.pk, "file": upload})
    key = preview.context["key"]
    # then the workbook waits in the bucket, not on this server's disk
    assert preview.status_code == 200 and s3.keys() == [f"imports/{key}.xlsx"]
    assert list(storage.import_keys()) == [key]
    # and confirming reads it back, saves the rows and removes it
    done = client.post(reverse("activities:import"), {"plan": plan.pk, "key": key, "confirm": "1"})
    assert done.status_code == 302 and Activity.objects.count() == 3
    assert s3.keys() == []


# ---- the store is down ------------------------------------------------------------------


@pytest.fixture
def s3_down(settings):
    """NGVH_S3_* name an endpoint where nothing listens (the bucket's server is down)."""
    from ngvh.config.settings import s3_storage

    from ..tools import S3Server, free_port

    server = S3Server(endpoint_url=f"http://127.0.0.1:{free_port()}", bucket="ngvh-down")
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(server.environ)}
    return server


def test_while_the_store_is_down_uploads_are_refused_with_a_message_and_downloads_answer_503(
    client, s3_down, reporter_a, agency_a, plan_a
):
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    client.force_login(reporter_a)
    # when a file is uploaded
    response = client.post(reverse("activities:attachment_add", args=[activity.pk]), {"file": SimpleUploadedFile("a.pdf", pdf_bytes())})
    # then the form says the store is not answering, and no row names a file that is not there
    assert response.status_code == 400
    assert "not answering" in response.content.decode() or "không phản hồi" in response.content.decode()
    assert not Attachment.objects.exists()
    # and a file stored earlier answers 503 with Retry-After, not a 500 and not a 404
    earlier = Attachment.objects.create(
        activity=activity, stored_name="a" * 32 + ".pdf", original_name="b.pdf", content_type="application/pdf",
        extension="pdf", size=10,
    )
    download = client.get(reverse("activities:attachment", args=[earlier.pk]))
    assert download.status_code == 503 and download["Retry-After"] == "60"


def test_while_the_store_is_down_an_import_preview_says_so(client, s3_down, reporter_a, plan_a):
    plan, _ = plan_a
    client.force_login(reporter_a)
    upload = SimpleUploadedFile("hoat-dong.xlsx", workbook_bytes([good_row(1)]))
    preview = client.post(reverse("activities:import"), {"plan": plan.pk, "file": upload})
    assert preview.status_code == 503 and "key" not in preview.context
    assert "not answering" in preview.content.decode() or "không phản hồi" in preview.content.decode()
    assert not Activity.objects.exists()


def test_a_store_that_accepts_and_never_answers_fails_the_upload_within_the_configured_timeout(
    client, settings, reporter_a, agency_a, plan_a
):
    # given an S3 endpoint that accepts connections and never answers (a hung server, the
    # worst case: botocore's defaults would hold the officer's request for minutes)
    import socket
    import time

    from ngvh.config.settings import s3_storage

    from ..tools import S3Server

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    server = S3Server(endpoint_url=f"http://127.0.0.1:{silent.getsockname()[1]}", bucket="ngvh-hung")
    environ = {**server.environ, "NGVH_S3_TIMEOUT_SECONDS": "0.5", "NGVH_S3_ATTEMPTS": "1"}
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(environ)}
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    client.force_login(reporter_a)
    try:
        # when a file is uploaded
        started = time.monotonic()
        response = client.post(reverse("activities:attachment_add", args=[activity.pk]),
                               {"file": SimpleUploadedFile("a.pdf", pdf_bytes())})
        waited = time.monotonic() - started
    finally:
        silent.close()
    # then the officer gets the store's message after the configured timeout, and nothing is kept
    assert response.status_code == 400
    assert "không phản hồi" in response.content.decode() or "not answering" in response.content.decode()
    assert waited < 10
    assert not Attachment.objects.exists()
