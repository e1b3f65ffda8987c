"""Evidence files and pending import previews, through Django's storage API only.

Every read and write goes through ``default_storage`` (``STORAGES["default"]``): the
local file system under ``MEDIA_ROOT`` on one server, an S3-compatible bucket when
``NGVH_S3_BUCKET`` is set (``config/settings.py``), so any app server can serve a file
another one stored. Evidence sits under ``attachments/`` and pending activity imports
under ``imports/``, both with names we generate, so nothing a user types ever reaches a
storage name; the original name is only sanitised text for display and for the download
header. Pure apart from the storage: no ORM.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import secrets
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from ngvh.core import xlsx as core_xlsx
from ngvh.core.files import STORAGE_ERRORS, delete_quietly, folder_files

log = logging.getLogger("ngvh.activities")

ATTACHMENTS = "attachments"
IMPORTS = core_xlsx.IMPORTS
_STORED = re.compile(r"[0-9a-f]{32}(_thumb)?\.[a-z0-9]{2,5}")

# Detected extension -> MIME type. Photos, PDFs and Office files only.
ALLOWED = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
IMAGES = {"jpg", "png", "gif", "webp"}
THUMBNAIL_SIZE = (480, 480)
_ZIP_OFFICE = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


class RefusedFile(ValueError):
    """The upload is not evidence we keep; the message says why, in the reader's language."""


class StorageUnavailable(RefusedFile):
    """The file store (disk or bucket) did not answer: nothing was kept, try again later."""




def _unavailable() -> StorageUnavailable:
    return StorageUnavailable(_("The file store is not answering. Nothing was saved; try again in a few minutes."))


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    thumbnail_name: str
    extension: str
    content_type: str
    size: int
    is_image: bool


def name_of(stored_name: str) -> str:
    """The storage name for a file name we generated; anything else is refused outright."""
    if not _STORED.fullmatch(stored_name or ""):
        raise FileNotFoundError(stored_name)
    return f"{ATTACHMENTS}/{stored_name}"


def open_stored(stored_name: str):
    """The stored file opened for reading (``FileNotFoundError`` when it is not there;
    django-storages raises the same for a missing S3 key)."""
    return default_storage.open(name_of(stored_name), "rb")


def exists(stored_name: str) -> bool:
    try:
        return default_storage.exists(name_of(stored_name))
    except FileNotFoundError:
        return False


_UNSAFE = re.compile(r"[^\w\s.()\-]+", re.UNICODE)


def sanitise_name(name: str) -> str:
    """Keep a readable name, drop any folder part, control characters and leading dots."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" .")
    name = re.sub(r"\s+", " ", name)
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 110] + dot + ext[:8]) if dot else name[:120]
    return name or "file"


def download_name(original: str, extension: str) -> str:
    """The name a browser saves: the sanitised stem with the extension of the real type."""
    stem = sanitise_name(original).rsplit(".", 1)[0] if "." in sanitise_name(original) else sanitise_name(original)
    return f"{stem or 'file'}.{extension}"


def detect(head: bytes, data=None) -> str | None:
    """Extension of the content's real type, or None. Zip files (``data``: a path or a
    seekable file) are opened to tell a Word, Excel or PowerPoint file from any other archive."""
    kind = filetype.guess(head)
    ext = kind.extension if kind else None
    if ext == "zip" and data is not None:
        try:
            with zipfile.ZipFile(data) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return None  # NotImplementedError: a damaged header claiming a zip version Python cannot read
        for prefix, office in _ZIP_OFFICE.items():
            if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
                return office
        return None
    return ext if ext in ALLOWED else None


def store(upload) -> StoredFile:
    """Store an upload (a Django ``UploadedFile`` or any object with ``chunks()``/``read()``
    and ``size``) under a random name, or raise :class:`RefusedFile`.

    The upload is checked in a private temporary file first (size, real type, a readable
    image); only an accepted file reaches the storage."""
    limit = settings.NGVH_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise RefusedFile(_too_big(limit))
    if size == 0:
        raise RefusedFile(_("The file is empty."))
    token = secrets.token_hex(16)
    written = 0
    head = b""
    with tempfile.TemporaryFile() as fh:
        chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
        for chunk in chunks:
            written += len(chunk)
            if written > limit:
                raise RefusedFile(_too_big(limit))
            if len(head) < 8192:
                head += chunk[: 8192 - len(head)]
            fh.write(chunk)
        if written == 0:
            raise RefusedFile(_("The file is empty."))
        fh.seek(0)
        ext = detect(head, fh)
        if ext is None:
            raise RefusedFile(
                _("This file type is not accepted. Upload a photo (JPEG, PNG, GIF, WebP), a PDF or an Office document; the type is read from the content, not the name.")
            )
        is_image = ext in IMAGES
        thumbnail = _thumbnail(fh) if is_image else b""
        stored_name = f"{token}.{ext}"
        thumb_name = f"{token}_thumb.jpg" if is_image else ""
        fh.seek(0)
        try:
            _save(name_of(stored_name), File(fh))
        except STORAGE_ERRORS as exc:
            raise _unavailable() from exc
        if thumb_name:
            try:
                _save(name_of(thumb_name), ContentFile(thumbnail))
            except BaseException as exc:
                try:
                    remove(stored_name)
                except STORAGE_ERRORS:
                    pass  # left for ngvh cleanup: no row names it
                if isinstance(exc, STORAGE_ERRORS):
                    raise _unavailable() from exc
                raise
        return StoredFile(stored_name, thumb_name, ext, ALLOWED[ext], written, is_image)


def _save(name: str, content) -> None:
    saved = default_storage.save(name, content)
    if saved != name:  # a random name never collides; if it did, the row would name another file
        default_storage.delete(saved)
        raise RuntimeError(f"storage renamed {name} to {saved}")


def _too_big(limit: int) -> str:
    return _("The file is larger than %(mb)s MB. Reduce it or split it.") % {"mb": limit // (1024 * 1024) or 1}


def _thumbnail(fh) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        fh.seek(0)
        with Image.open(fh) as img:
            img.verify()
        fh.seek(0)
        with Image.open(fh) as img:
            img = img.convert("RGB")
            img.thumbnail(THUMBNAIL_SIZE)
            buffer = io.BytesIO()
            img.save(buffer, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise RefusedFile(_("This image cannot be read. Save it again as JPEG or PNG and retry.")) from exc
    return buffer.getvalue()


def remove(*names: str) -> None:
    """Delete stored files. A store that does not answer is logged, not raised: this runs
    after a deletion has committed, and the file left behind is one no row names, which
    ``ngvh cleanup`` removes later."""
    for name in names:
        try:
            stored = name_of(name)
        except FileNotFoundError:
            continue  # empty, or not a name we generated
        delete_quietly(stored, what="evidence file")


def stored_names() -> Iterator[str]:
    """Every evidence file in the storage (names as the rows keep them)."""
    yield from (f for f in folder_files(ATTACHMENTS) if _STORED.fullmatch(f))


def modified_at(stored_name: str) -> dt.datetime:
    return default_storage.get_modified_time(name_of(stored_name))


# ---- pending activity imports -----------------------------------------------------------
# Kept by ``core.xlsx`` for every app's import preview (``imports/``, a random key).


def import_name(key: str) -> str:
    return core_xlsx.pending_name(key)


def import_save(data: bytes) -> str:
    """Keep an import's workbook between its preview and its confirmation; the key.
    :class:`StorageUnavailable` when the store does not answer."""
    return core_xlsx.pending_save(data, unavailable=StorageUnavailable)


def import_read(key: str) -> bytes:
    """The workbook a preview kept (``FileNotFoundError`` when gone or never there)."""
    return core_xlsx.pending_read(key)


def import_remove(key: str) -> None:
    core_xlsx.pending_remove(key)


def import_keys() -> Iterator[str]:
    return core_xlsx.pending_keys()


def import_modified_at(key: str) -> dt.datetime:
    return core_xlsx.pending_modified_at(key)
