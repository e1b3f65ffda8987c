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
