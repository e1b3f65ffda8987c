import pytest


@pytest.fixture(autouse=True)
def _storage_root(settings, tmp_path):
    """Every test keeps its import previews in its own folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "evidence"
    return settings.MEDIA_ROOT
