"""Fuzz: damaged uploads go through the parser and the import service, parsed or refused.

Why: a damaged .docx once crashed the import with zlib.error, XMLSyntaxError or KeyError.
Every mutated .docx, .pdf or .txt must end as a stored plan or as a refusal with a message
in both languages, and a refused import must leave every table as it was.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngvh.accounts.system import system_actor
from ngvh.agencies.models import Agency, AgencyAlias
from ngvh.plans.bundled import bundled_plan_bytes
from ngvh.plans.models import Plan, Task, TaskAssignment, TaskGroup
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes
from ngvh.plans.services import plan_import

from .test_parser_formats import SEED_DOCX

SEED_TXT = bundled_plan_bytes()
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Plan, TaskGroup, Task, TaskAssignment, Agency, AgencyAlias))


def _mutate(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    mutated = bytearray(data)
    for position, value in changes:
        mutated[position % len(mutated)] = value
    return bytes(mutated)


def _parse_then_import(data: bytes, name: str) -> None:
    """Parse and store inside a savepoint rolled back afterwards, so examples stay apart."""
    before = _counts()
    with transaction.atomic():
        try:
            plan = plan_import(user=system_actor(), parsed=parse_bytes(data, name), source_name=name, source_bytes=data)
        except PlanParseError as refused:  # PlanImportRefused is one too
            assert refused.text("vi").strip() and refused.text("en").strip()
            assert _counts() == before, "a refused import wrote rows"
        else:
            assert plan.plan.pk and Task.objects.filter(plan=plan.plan).exists()
        transaction.set_rollback(True)


changes = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=8)


@pytest.mark.django_db
@FUZZ
@given(changes, st.sampled_from(["plan.docx", "plan.pdf", "plan.txt"]))
def test_mutated_word_bytes_are_imported_or_refused(changes, name):
    # Given the seed .docx with a few bytes changed, uploaded as .docx, .pdf or .txt
    # When it is parsed and imported / Then it is stored, or refused with nothing written
    _parse_then_import(_mutate(SEED_DOCX, changes), name)


@pytest.mark.django_db
@FUZZ
@given(changes)
def test_mutated_text_bytes_are_imported_or_refused(changes):
    # Given the seed text with a few bytes changed (broken UTF-8, stray tabs, lost digits)
    # When it is parsed and imported / Then it is stored, or refused with nothing written
    _parse_then_import(_mutate(SEED_TXT, changes), "plan.txt")


lines = SEED_TXT.decode("utf-8").split("\n")


@pytest.mark.django_db
@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["drop", "double", "swap"]), st.integers(0, len(lines) - 1)),
                min_size=1, max_size=6))
def test_shuffled_text_lines_are_imported_or_refused(edits):
    # Given the seed text with lines dropped, doubled or swapped (rows out of place)
    text = list(lines)
    for edit, index in edits:
        index %= len(text)
        if edit == "drop":
            del text[index]
        elif edit == "double":
            text.insert(index, text[index])
        else:
            text[index], text[index - 1] = text[index - 1], text[index]
    # When it is parsed and imported / Then it is stored, or refused with nothing written
    _parse_then_import("\n".join(text).encode("utf-8"), "plan.txt")


def test_a_pdf_with_damaged_bytes_is_refused_not_crashed():
    # Given the start of a PDF followed by garbage
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 4
    # When parsed / Then it is refused with a message
    with pytest.raises(PlanParseError) as refused:
        parse_bytes(data, "plan.pdf")
    assert refused.value.text("vi") and refused.value.text("en")
