"""Evidence files on disk: type by content, random names, thumbnails.

Files live under ``MEDIA_ROOT/attachments`` with names we generate, so nothing a user
types ever reaches a path; the original name is only sanitised text for display and
for the download header. Pure apart from the file system: no ORM.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

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


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    thumbnail_name: str
    extension: str
    content_type: str
    size: int
    is_image: bool


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "attachments"


def path_of(stored_name: str) -> Path:
    """The file for a name we generated; anything else is refused outright."""
    if not re.fullmatch(r"[0-9a-f]{32}(_thumb)?\.[a-z0-9]{2,5}", stored_name or ""):
        raise FileNotFoundError(stored_name)
    return root() / stored_name


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


def detect(head: bytes, data_path: Path | None = None) -> str | None:
    """Extension of the content's real type, or None. Zip files are opened to tell a
    Word, Excel or PowerPoint file from any other archive."""
    kind = filetype.guess(head)
    ext = kind.extension if kind else None
    if ext == "zip" and data_path is not None:
        try:
            with zipfile.ZipFile(data_path) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            return None
        for prefix, office in _ZIP_OFFICE.items():
            if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
                return office
        return None
    return ext if ext in ALLOWED else None


def store(upload) -> StoredFile:
    """Write an upload (a Django ``UploadedFile`` or any object with ``chunks()``/``read()``
    and ``size``) under a random name, or raise :class:`RefusedFile`."""
    limit = settings.NGVH_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise RefusedFile(_too_big(limit))
    if size == 0:
        raise RefusedFile(_("The file is empty."))
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    tmp = folder / f"{token}.part"
    written = 0
    head = b""
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        with os.fdopen(fd, "wb") as fh:
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
        ext = detect(head, tmp)
        if ext is None:
            raise RefusedFile(
                _("This file type is not accepted. Upload a photo (JPEG, PNG, GIF, WebP), a PDF or an Office document; the type is read from the content, not the name.")
            )
        is_image = ext in IMAGES
        thumb = ""
        if is_image:
            thumb = _thumbnail(tmp, token)
        final = folder / f"{token}.{ext}"
        os.replace(tmp, final)
        return StoredFile(f"{token}.{ext}", thumb, ext, ALLOWED[ext], written, is_image)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _too_big(limit: int) -> str:
    return _("The file is larger than %(mb)s MB. Reduce it or split it.") % {"mb": limit // (1024 * 1024) or 1}


def _thumbnail(path: Path, token: str) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.verify()
        with Image.open(path) as img:
            img = img.convert("RGB")
            img.thumbnail(THUMBNAIL_SIZE)
            buffer = io.BytesIO()
            img.save(buffer, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise RefusedFile(_("This image cannot be read. Save it again as JPEG or PNG and retry.")) from exc
    name = f"{token}_thumb.jpg"
    (root() / name).write_bytes(buffer.getvalue())
    return name


def remove(*names: str) -> None:
    for name in names:
        if not name:
            continue
        try:
            path_of(name).unlink(missing_ok=True)
        except FileNotFoundError:
            continue
