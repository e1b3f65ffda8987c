"""The lineage panel words each restructuring by its kind, named through RestructuringKind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from ngvh.agencies.models import RestructuringKind
from ngvh.agencies.selectors import Lineage, LineageStep

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 1)


@pytest.mark.parametrize(("kind", "before", "after"), [
    (RestructuringKind.RENAME, "Formerly", "Renamed"),
    (RestructuringKind.MERGE, "Formed by merging", "Merged into"),
    (RestructuringKind.SPLIT, "Formed from part of", "Split into"),
    (RestructuringKind.DISSOLVE, "Took over the tasks of", "Dissolved; its tasks passed to"),
])
def test_each_kind_of_restructuring_has_its_own_words(agency_a, agency_b, kind, before, after):
    # given one step of the kind on either side of an agency
    step = LineageStep(None, kind, DAY, [agency_a, agency_b])
    # when the panel is rendered in English
    with translation.override("en"):
        html = render_to_string("agencies/_lineage.html", {"lineage": Lineage(predecessors=[step], successors=[step])})
    # then the step is worded for its kind on each side
    assert f"{before}\n" in html and f"{after}\n" in html
    assert agency_a.name in html and agency_b.name in html
