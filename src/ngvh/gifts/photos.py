"""Gift photos, through Django's storage API only (``default_storage``: a folder, or the
S3 bucket when ``NGVH_S3_BUCKET`` is set), never a path on disk.

A photo is accepted when its content is a JPEG, PNG or WebP image that Pillow can read,
within :data:`MAX_BYTES`; it is stored under ``gifts/`` with a random name, so nothing a
user types reaches a storage name. Pure apart from the storage: no ORM.
"""

from __future__ import annotations

import logging
import re
import secrets
import tempfile

import filetype
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from ngvh.core.files import STORAGE_ERRORS, delete_quietly, folder_files

log = logging.getLogger("ngvh.gifts")

FOLDER = "gifts"
TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|webp)")


class RefusedPhoto(ValueError):
    """The upload is not a photo we keep; the message says why, in the reader's language."""


def limit() -> int:
    return min(MAX_BYTES, settings.NGVH_MAX_UPLOAD_BYTES)


def storage_name(name: str) -> str:
    """The storage name of a photo name we generated; anything else is refused outright."""
    if not _NAME.fullmatch(name or ""):
        raise FileNotFoundError(name)
    return f"{FOLDER}/{name}"


def _too_big() -> RefusedPhoto:
    return RefusedPhoto(_("The photo is larger than %(mb)s MB. Reduce it and try again.") % {"mb": limit() // (1024 * 1024) or 1})


def store(upload) -> tuple[str, str]:
    """Check and store an upload (``chunks()`` or ``read()``, and ``size``); its name and
    content type, or :class:`RefusedPhoto`. The check runs on a private temporary file:
    only an accepted photo reaches the storage."""
    from PIL import Image, UnidentifiedImageError

    size = getattr(upload, "size", None)
    if size is not None and size > limit():
        raise _too_big()
    written = 0
    head = b""
    with tempfile.TemporaryFile() as fh:
        chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
        for chunk in chunks:
            written += len(chunk)
            if written > limit():
                raise _too_big()
            if len(head) < 8192:
                head += chunk[: 8192 - len(head)]
            fh.write(chunk)
        if written == 0:
            raise RefusedPhoto(_("The file is empty."))
        kind = filetype.guess(head)
        ext = kind.extension if kind else None
        if ext not in TYPES:
            raise RefusedPhoto(_("Upload a photo in JPEG, PNG or WebP; the type is read from the content, not the name."))
        try:
            fh.seek(0)
            with Image.open(fh) as img:
                if img.format != PILLOW_FORMATS[ext]:
                    raise RefusedPhoto(_("Upload a photo in JPEG, PNG or WebP; the type is read from the content, not the name."))
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
            raise RefusedPhoto(_("This image cannot be read. Save it again as JPEG or PNG and retry.")) from exc
        name = f"{secrets.token_hex(16)}.{ext}"
        fh.seek(0)
        try:
            saved = default_storage.save(storage_name(name), File(fh))
        except STORAGE_ERRORS as exc:
            raise RefusedPhoto(_("The file store is not answering. Nothing was saved; try again in a few minutes.")) from exc
        if saved != storage_name(name):  # a random name never collides; if it did, the row would name another file
            default_storage.delete(saved)
            raise RuntimeError(f"storage renamed {name} to {saved}")
    return name, TYPES[ext]


def open_photo(name: str):
    """The stored photo opened for reading (``FileNotFoundError`` when it is not there)."""
    return default_storage.open(storage_name(name), "rb")


def remove(name: str) -> None:
    """Delete a photo; a store that does not answer is logged, not raised (this runs after
    the change has committed, and the file left behind is one no row names)."""
    if name:
        delete_quietly(storage_name(name), what="gift photo")


def stored_names() -> list[str]:
    """Every photo in the storage (names as the rows keep them), for ``ngvh cleanup``."""
    return [f for f in folder_files(FOLDER) if _NAME.fullmatch(f)]


def modified_at(name: str):
    return default_storage.get_modified_time(storage_name(name))
