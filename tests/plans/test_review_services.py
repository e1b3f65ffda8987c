"""The import review: a draft kept in the database, corrected, mapped, then imported or discarded."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ngvh.agencies.models import Agency, AgencyAlias
from ngvh.plans.models import ImportReview, ImportReviewStatus, Plan, Task, TaskAssignment
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes
from ngvh.plans.services import (
    ReviewError,
    content_hash,
    import_review_confirm_agency,
    import_review_correct,
    import_review_create,
    import_review_discard,
    import_review_import,
    import_review_map_agency,
    plan_import,
    review_unknown_names,
    vocabulary_for,
)
from tests.factories import ActivityFactory, AgencyFactory

from .review_documents import HELD, ROWS, UNKNOWN, document_province, plan_docx, plan_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def quang_ninh():
    """The province the document's plan lands in (as the command-line import places it)."""
    return document_province()


@pytest.fixture
def held(quang_ninh):
    return AgencyFactory(province=quang_ninh, name=HELD)


@pytest.fixture
def draft(coordinator, held):
    return import_review_create(user=coordinator, filename="ke-hoach-12.docx", data=plan_docx())


def missing_draft() -> ImportReview:
    return ImportReview(pk=987654)


def resolve_all(coordinator, review):
    return import_review_map_agency(user=coordinator, review=review, name=UNKNOWN, agency=Agency.objects.get(name=HELD))


# --- create -------------------------------------------------------------------------------------


def test_create_keeps_the_upload_and_what_was_read(coordinator, held):
    # Given a coordinator and a Word plan with an agency the registry does not hold
    data = plan_docx()
    # When it is uploaded for review
    review = import_review_create(user=coordinator, filename="ke-hoach-12.docx", data=data)
    # Then the draft holds the bytes, the parsed tasks with their source, and nothing is imported
    review.refresh_from_db()
    assert review.status == ImportReviewStatus.DRAFT
    assert bytes(review.source_bytes) == data
    assert review.created_by == coordinator
    assert [t["code"] for t in review.parsed["tasks"]] == [t.code for t in parse_bytes(data, "x.docx").tasks]
    assert review.parsed["tasks"][2]["title"] == "Hàng năm"
    assert any(e.get("cells", [None])[0] == "3" for e in review.source_lines)
    assert review_unknown_names(review.parsed, {}, set()) == [UNKNOWN]
    assert Plan.objects.count() == 0
    assert review.history.count() == 1 and review.history.first().history_user == coordinator


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_create_is_refused_to_others(request, role):
    # Given a reporter or a leader / When they upload a plan / Then refused and nothing stored
    with pytest.raises(PermissionDenied):
        import_review_create(user=request.getfixturevalue(role), filename="p.docx", data=plan_docx())
    assert ImportReview.objects.count() == 0


@pytest.mark.parametrize(
    ("filename", "data", "words_vi", "words_en"),
    [
        ("p.docx", b"", "chọn tệp", "Choose the plan"),
        ("p.docx", b"PK\x03\x04 not really a zip", "", ""),
        ("p.txt", "Xin chào, đây không phải kế hoạch.\n".encode(), "", ""),
        ("p.exe", b"MZ\x90\x00", "", ""),
    ],
    ids=["no-file", "corrupt-docx", "not-a-plan", "unsupported"],
)
def test_bad_upload_is_refused_with_a_message_and_stores_nothing(coordinator, filename, data, words_vi, words_en):
    # Given an empty, damaged, non-plan or unsupported file
    # When uploaded
    with pytest.raises(PlanParseError) as caught:
        import_review_create(user=coordinator, filename=filename, data=data)
    # Then a message in both languages, and no draft
    assert caught.value.text("vi") and caught.value.text("en")
    assert words_vi.lower() in caught.value.text("vi").lower() and words_en in caught.value.text("en")
    assert ImportReview.objects.count() == 0


def test_create_takes_unknown_agencies_from_the_parser_review_list(coordinator, held, monkeypatch):
    # Given a parser that reports an unsure agency name as a warning to review
    @dataclass(frozen=True)
    class Warning:
        code: str
        params: dict = field(default_factory=dict)
        source: str = ""
        task_code: str | None = None

    from ngvh.plans import services

    real = services.review_read

    def with_warning(**kwargs):
        parsed, lines = real(**kwargs)
        parsed.needs_review = [Warning("unknown_agency", {"name": "Ban Quản lý Vịnh Hạ Long"}, "table 1, row 3", "I.1")]
        return parsed, lines

    monkeypatch.setattr(services, "review_read", with_warning)
    # When uploaded
    review = import_review_create(user=coordinator, filename="p.docx", data=plan_docx())
    # Then that name needs a decision too
    assert review.parsed["needs_review"][0] == {
        "code": "unknown_agency", "params": {"name": "Ban Quản lý Vịnh Hạ Long"}, "source": "table 1, row 3", "task_code": "I.1",
    }
    assert "Ban Quản lý Vịnh Hạ Long" in review_unknown_names(review.parsed, {}, set())


# --- correct ------------------------------------------------------------------------------------


def test_correct_a_misread_row(coordinator, draft):
    # Given a draft whose third row has content and timeframe swapped
    # When the coordinator corrects both cells
    review = import_review_correct(
        user=coordinator, review=draft,
        rows={2: {"title": "Dịch các ấn phẩm quảng bá.", "timeframe_text": "Hàng năm", "code": draft.parsed["tasks"][2]["code"]}},
    )
    # Then only the changed cells are kept as corrections
    review.refresh_from_db()
    assert review.corrections == {"2": {"title": "Dịch các ấn phẩm quảng bá.", "timeframe_text": "Hàng năm"}}


def test_correct_refuses_bad_cells_and_saves_nothing(coordinator, draft):
    # Given a draft / When one row is fine and another has an unreadable timeframe and a used number
    first = draft.parsed["tasks"][0]["code"]
    with pytest.raises(ReviewError) as caught:
        import_review_correct(
            user=coordinator, review=draft,
            rows={0: {"title": "Tổ chức tuần văn hóa."}, 2: {"timeframe_text": "khi nào rảnh", "code": first}},
        )
    # Then both problems are named by their input, and nothing is saved
    assert set(caught.value.errors) == {"t2-timeframe_text", "t2-code"}
    draft.refresh_from_db()
    assert draft.corrections == {}


def test_correct_refuses_an_unknown_group(coordinator, draft):
    with pytest.raises(ReviewError) as caught:
        import_review_correct(user=coordinator, review=draft, rows={0: {"group": "IX"}})
    assert set(caught.value.errors) == {"t0-group"}


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_correct_is_not_found_for_others(request, draft, role):
    # Given a reporter or leader / When they correct a draft / Then the same 404 as a missing draft
    user = request.getfixturevalue(role)
    with pytest.raises(Http404):
        import_review_correct(user=user, review=draft, rows={0: {"title": "x"}})
    with pytest.raises(Http404):
        import_review_correct(user=user, review=missing_draft(), rows={0: {"title": "x"}})
    draft.refresh_from_db()
    assert draft.corrections == {}


def test_a_typed_lead_the_registry_does_not_know_needs_a_decision(coordinator, draft):
    # Given a draft / When the coordinator types a lead nobody knows
    review = import_review_correct(user=coordinator, review=draft, rows={0: {"lead": "Ban Quản lý Vịnh Hạ Long"}})
    # Then it joins the names to decide
    assert "Ban Quản lý Vịnh Hạ Long" in review_unknown_names(review.parsed, review.corrections, set())


# --- agencies -----------------------------------------------------------------------------------


def test_map_an_unknown_agency(coordinator, draft, held):
    # Given the unknown name / When mapped to the held agency / Then recorded
    review = import_review_map_agency(user=coordinator, review=draft, name=UNKNOWN, agency=held)
    assert list(review.agency_map.values()) == [{"name": UNKNOWN, "agency": held.pk}]


def test_map_refuses_an_agency_of_another_province(coordinator, draft, agency_a):
    # Given an agency of Hải Phòng / When chosen for a Quảng Ninh name / Then refused
    with pytest.raises(ReviewError):
        import_review_map_agency(user=coordinator, review=draft, name=UNKNOWN, agency=agency_a)
    draft.refresh_from_db()
    assert draft.agency_map == {}


def test_map_refuses_a_name_that_is_not_unknown(coordinator, draft, held):
    with pytest.raises(ReviewError):
        import_review_map_agency(user=coordinator, review=draft, name="Sở Du lịch", agency=held)


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_map_is_not_found_for_others(request, draft, held, role):
    user = request.getfixturevalue(role)
    for review in (draft, missing_draft()):
        with pytest.raises(Http404):
            import_review_map_agency(user=user, review=review, name=UNKNOWN, agency=held)


def test_confirm_a_new_agency(coordinator, draft):
    review = import_review_confirm_agency(user=coordinator, review=draft, name=UNKNOWN)
    assert list(review.agency_map.values()) == [{"name": UNKNOWN, "new": True}]


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_confirm_is_not_found_for_others(request, draft, role):
    user = request.getfixturevalue(role)
    for review in (draft, missing_draft()):
        with pytest.raises(Http404):
            import_review_confirm_agency(user=user, review=review, name=UNKNOWN)
    draft.refresh_from_db()
    assert draft.agency_map == {}


# --- import -------------------------------------------------------------------------------------


def test_import_applies_corrections_and_the_mapping(coordinator, draft, held):
    # Given a corrected, mapped draft
    code = draft.parsed["tasks"][2]["code"]
    import_review_correct(user=coordinator, review=draft, rows={2: {"title": "Dịch các ấn phẩm quảng bá.", "timeframe_text": "Hàng năm"}})
    resolve_all(coordinator, draft)
    agencies_before = Agency.objects.count()
    # When imported
    result = import_review_import(user=coordinator, review=draft)
    # Then the plan holds the corrected task, the mapped agency leads, and the name became its alias
    plan = result.plan
    assert result.created and plan.number == "12/KH-UBND" and plan.province == held.province
    task = Task.objects.get(plan=plan, code=code)
    assert (task.title, task.timeframe_kind) == ("Dịch các ấn phẩm quảng bá.", "annual")
    second = Task.objects.get(plan=plan, code=draft.parsed["tasks"][1]["code"])
    assert TaskAssignment.objects.get(task=second, role="lead").agency == held
    assert not Agency.objects.filter(name=UNKNOWN).exists()
    assert AgencyAlias.objects.filter(agency=held, alias=UNKNOWN).exists()
    assert Agency.objects.count() == agencies_before + 2  # Sở Ngoại vụ and Sở Du lịch of Quảng Ninh
    draft.refresh_from_db()
    assert draft.status == ImportReviewStatus.IMPORTED and draft.plan == plan and draft.finished_at


def test_import_without_corrections_stores_what_the_command_line_stores(coordinator, quang_ninh):
    # Given a plain-text plan whose agencies are all known
    rows = [r for r in ROWS if "Xúc tiến" not in r[2]]
    data = plan_text(rows)
    review = import_review_create(user=coordinator, filename="p.txt", data=data)
    # When imported through the review
    plan = import_review_import(user=coordinator, review=review).plan
    # Then its content is exactly what the command-line path would store
    parsed = parse_bytes(data, "p.txt")
    parsed = parse_bytes(data, "p.txt", vocabulary=vocabulary_for(parsed.place))
    assert plan.content_sha256 == content_hash(parsed)
    assert plan.tasks.count() == len(parsed.tasks)


def test_import_confirmed_new_agency_is_created(coordinator, draft):
    import_review_confirm_agency(user=coordinator, review=draft, name=UNKNOWN)
    plan = import_review_import(user=coordinator, review=draft).plan
    assert Agency.objects.filter(province=plan.province, name=UNKNOWN).exists()


def test_import_refuses_while_an_agency_is_undecided(coordinator, draft):
    with pytest.raises(ReviewError) as caught:
        import_review_import(user=coordinator, review=draft)
    assert UNKNOWN in str(caught.value.message)
    assert Plan.objects.count() == 0
    draft.refresh_from_db()
    assert draft.status == ImportReviewStatus.DRAFT


def test_an_import_that_fails_midway_stores_nothing(coordinator, draft, monkeypatch):
    # Given a decided draft, and a database that fails once tasks are written
    resolve_all(coordinator, draft)
    agencies_before = set(Agency.objects.values_list("pk", flat=True))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(TaskAssignment.objects, "bulk_create", broken)
    # When imported
    with pytest.raises(RuntimeError):
        import_review_import(user=coordinator, review=draft)
    # Then no plan, no task, no agency, no alias, and the draft is still a draft
    assert Plan.objects.count() == 0 and Task.objects.count() == 0
    assert set(Agency.objects.values_list("pk", flat=True)) == agencies_before
    assert not AgencyAlias.objects.exists()
    draft.refresh_from_db()
    assert draft.status == ImportReviewStatus.DRAFT


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_import_is_not_found_for_others(request, coordinator, draft, role):
    resolve_all(coordinator, draft)
    user = request.getfixturevalue(role)
    for review in (draft, missing_draft()):
        with pytest.raises(Http404):
            import_review_import(user=user, review=review)
    assert Plan.objects.count() == 0


# --- replacement (the amendment path of a stored plan) -----------------------------------------


def test_review_can_replace_a_stored_plan(coordinator, quang_ninh):
    # Given a stored plan, and a new text of it with one task more
    rows = [r for r in ROWS if "Xúc tiến" not in r[2]]
    stored = plan_import(parsed=parse_bytes(plan_text(rows[:3]), "p.txt"), user=coordinator).plan
    review = import_review_create(user=coordinator, filename="p.txt", data=plan_text(rows), target_plan=stored)
    # When imported
    result = import_review_import(user=coordinator, review=review)
    # Then the same plan now holds every task
    assert result.replaced and result.plan.pk == stored.pk
    assert stored.tasks.count() == len(parse_bytes(plan_text(rows), "p.txt").tasks)


def test_replacing_a_plan_with_activities_is_refused_and_stores_nothing(coordinator, quang_ninh):
    rows = [r for r in ROWS if "Xúc tiến" not in r[2]]
    stored = plan_import(parsed=parse_bytes(plan_text(rows[:3]), "p.txt"), user=coordinator).plan
    activity = ActivityFactory(plan=stored)
    activity.tasks.add(stored.tasks.first())
    review = import_review_create(user=coordinator, filename="p.txt", data=plan_text(rows), target_plan=stored)
    with pytest.raises(PlanParseError) as caught:
        import_review_import(user=coordinator, review=review)
    assert "amendment" in caught.value.text("en")
    assert stored.tasks.count() == 1
    review.refresh_from_db()
    assert review.status == ImportReviewStatus.DRAFT


# --- discard ------------------------------------------------------------------------------------


def test_discard_closes_the_draft(coordinator, draft):
    import_review_discard(user=coordinator, review=draft)
    draft.refresh_from_db()
    assert draft.status == ImportReviewStatus.DISCARDED and draft.finished_at
    with pytest.raises(ReviewError):
        import_review_correct(user=coordinator, review=draft, rows={0: {"title": "x"}})
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_discard_is_not_found_for_others(request, draft, role):
    user = request.getfixturevalue(role)
    for review in (draft, missing_draft()):
        with pytest.raises(Http404):
            import_review_discard(user=user, review=review)
    draft.refresh_from_db()
    assert draft.status == ImportReviewStatus.DRAFT


def test_a_plan_whose_tasks_are_numbered_in_the_text_is_read_into_a_draft(coordinator):
    # Given Nghệ An's plan without a task table (one task names no lead)
    from ngvh.plans.selectors import import_review_page
    from tests.plans.body_task_documents import NGHE_AN, as_docx

    # When it is uploaded for review
    review = import_review_create(user=coordinator, filename="ke-hoach-215.docx", data=as_docx(NGHE_AN))
    # Then the draft holds the four tasks, each citing its line, and flags the one without a lead
    assert [(t["code"], t["source"]) for t in review.parsed["tasks"]] == [
        ("1.1", "line 19"), ("1.2", "line 24"), ("2.1", "line 29"), ("2.2", "line 33"),
    ]
    assert [(w["code"], w["task_code"]) for w in review.parsed["needs_review"]] == [("no_lead", "2.2")]
    # and the review page shows each task beside the line it was read from
    page = import_review_page(review=review)
    entries = [row["task"]["source_entry"] for row in page.rows if "task" in row]
    assert [e["text"].split(" ", 1)[0] for e in entries] == ["1.1.", "1.2.", "2.1.", "2.2."]
