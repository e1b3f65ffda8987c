"""What every app that keeps files (evidence, gift photos, import previews) shares about
the file store: files go only through ``default_storage`` (local disk or an S3 bucket),
and a store that is down or refusing raises one of ``STORAGE_ERRORS``."""

from __future__ import annotations


def _storage_errors() -> tuple[type[BaseException], ...]:
    """What a file store that is down or refusing raises (a missing file is FileNotFoundError)."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - django-storages[s3] is a dependency
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


STORAGE_ERRORS = _storage_errors()


def delete_quietly(name: str, *, what: str) -> None:
    """Delete a stored file once the change that dropped it has committed. A file already
    gone is fine; a store that does not answer is logged, not raised: the file left behind
    is one no row names, and ``ngvh cleanup`` removes it later."""
    import logging

    from django.core.files.storage import default_storage

    try:
        default_storage.delete(name)
    except FileNotFoundError:
        return
    except STORAGE_ERRORS as exc:
        logging.getLogger("ngvh.files").warning("%s %s not deleted, left for ngvh cleanup: %s", what, name, exc)


def folder_files(folder: str) -> list[str]:
    """The file names in a storage folder ([] when the folder was never written)."""
    from django.core.files.storage import default_storage

    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return files
