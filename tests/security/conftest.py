import pytest


@pytest.fixture(autouse=True)
def _evidence_in_a_temporary_folder(settings, tmp_path):
    """Rows that upload evidence must not write into the developer's var/ folder."""
    settings.MEDIA_ROOT = tmp_path / "evidence"
