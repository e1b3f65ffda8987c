"""Gift photos: checked by content, stored under a random name through default_storage,
served only to readers of the catalogue."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.gifts import photos, services

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG", size=(20, 10)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def stored() -> list[str]:
    """The files in the storage's gifts folder."""
    try:
        return default_storage.listdir("gifts")[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def gift(coordinator):
    return services.gift_create(user=coordinator, name="Tranh gốm Chu Đậu", price_band="1m-5m")


@pytest.mark.parametrize(("fmt", "ext", "content_type"), [("PNG", "png", "image/png"), ("JPEG", "jpg", "image/jpeg"),
                                                         ("WEBP", "webp", "image/webp")])
def test_a_photo_is_stored_under_a_random_name(coordinator, gift, fmt, ext, content_type):
    # given a photo uploaded under a name that tries to leave the folder
    upload = SimpleUploadedFile("../../etc/passwd.gif", image_bytes(fmt), content_type="text/plain")
    # when saved
    gift = services.gift_photo_set(user=coordinator, gift=gift, upload=upload)
    # then the type comes from the content and the name is ours, in the gifts folder of the storage
    assert gift.photo_type == content_type and gift.photo_name.endswith(f".{ext}") and "passwd" not in gift.photo_name
    assert default_storage.exists(f"gifts/{gift.photo_name}")
    assert gift.history.first().history_user == coordinator


@pytest.mark.parametrize("content", [b"GIF89a" + b"\0" * 40, b"%PDF-1.4 not a photo", b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                                     b"\x89PNG\r\n\x1a\n broken"])
def test_anything_but_a_readable_jpeg_png_or_webp_is_refused(coordinator, gift, content):
    with pytest.raises(ValidationError) as exc:
        services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("anh.png", content))
    assert "photo" in exc.value.message_dict
    gift.refresh_from_db()
    assert gift.photo_name == "" and stored() == []


def test_a_photo_over_the_limit_is_refused(coordinator, gift, monkeypatch):
    monkeypatch.setattr(photos, "MAX_BYTES", 100)
    with pytest.raises(ValidationError):
        services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("anh.png", image_bytes(size=(300, 300))))


def test_replacing_removes_the_earlier_file_once_committed(coordinator, gift, django_capture_on_commit_callbacks):
    first = services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("a.png", image_bytes())).photo_name
    with django_capture_on_commit_callbacks(execute=True):
        second = services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("b.jpg", image_bytes("JPEG"))).photo_name
    assert not default_storage.exists(f"gifts/{first}") and default_storage.exists(f"gifts/{second}")
    with django_capture_on_commit_callbacks(execute=True):
        services.gift_photo_remove(user=coordinator, gift=gift)
    gift.refresh_from_db()
    assert gift.photo_name == gift.photo_type == "" and not default_storage.exists(f"gifts/{second}")


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_only_the_focal_point_changes_the_photo(request, gift, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.gift_photo_set(user=user, gift=gift, upload=SimpleUploadedFile("a.png", image_bytes()))
    with pytest.raises(PermissionDenied):
        services.gift_photo_remove(user=user, gift=gift)
    assert stored() == []


def test_photo_is_served_to_signed_in_readers_only_and_shown_on_the_pages(client, coordinator, reporter_b, gift):
    # given a gift with a photo, uploaded through the page
    client.force_login(coordinator)
    response = client.post(reverse("gifts:photo_upload", args=[gift.pk]), {"photo": SimpleUploadedFile("a.png", image_bytes())})
    assert response.status_code == 302
    # when a reporter of another agency opens the pages and the photo
    client.force_login(reporter_b)
    detail = client.get(reverse("gifts:detail", args=[gift.pk])).content.decode()
    listing = client.get(reverse("gifts:list")).content.decode()
    photo = client.get(reverse("gifts:photo", args=[gift.pk]))
    # then both pages show it through the checked URL, served as a PNG that is never cached
    url = reverse("gifts:photo", args=[gift.pk])
    assert f'class="gift-photo" id="gift-photo" src="{url}"' in detail and f'class="gift-thumb" src="{url}"' in listing
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png" and photo["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in photo["Cache-Control"] and b"".join(photo.streaming_content) == default_storage.open(
        f"gifts/{gift.__class__.objects.get(pk=gift.pk).photo_name}").read()
    # and signed out, the photo is not there
    client.logout()
    assert client.get(url).status_code == 302


def test_a_refused_upload_shows_the_message(client, coordinator, gift):
    client.force_login(coordinator)
    response = client.post(reverse("gifts:photo_upload", args=[gift.pk]), {"photo": SimpleUploadedFile("a.png", b"%PDF-1.4")})
    assert response.status_code == 400 and "JPEG, PNG" in response.content.decode()


def test_a_gift_without_photo_has_no_photo_url(client, reporter_a, gift):
    client.force_login(reporter_a)
    assert client.get(reverse("gifts:photo", args=[gift.pk])).status_code == 404


def test_backups_keep_the_gift_photos(coordinator, gift):
    from ngvh.core.backup import stored_files

    # given a gift with a photo / when a backup lists the files it keeps / then the photo is among them
    name = services.gift_photo_set(user=coordinator, gift=gift, upload=SimpleUploadedFile("a.png", image_bytes())).photo_name
    assert f"gifts/{name}" in list(stored_files())
