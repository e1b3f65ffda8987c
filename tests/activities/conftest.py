import pytest


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    """Every test writes evidence into its own folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "evidence"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan_a(agency_a, agency_b):
    from .factories import small_plan

    return small_plan(lead_agency=agency_a, other_agency=agency_b)
