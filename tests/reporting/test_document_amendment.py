"""An amended plan document, reviewed on the import page against a plan already in use,
recorded as accepted amendments: one new plan version, nothing reported on lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ngvh.agencies.models import Agency
from ngvh.plans.models import ImportReviewStatus, Task
from ngvh.plans.parser import parse_bytes
from ngvh.plans.services import import_review_create, import_review_map_agency, plan_import
from ngvh.reporting.models import AmendmentProposal, AmendmentStatus
from ngvh.reporting.services import ReportingError, ReportStateError, amendment_from_document
from tests.factories import ActivityFactory, AgencyFactory
from tests.plans.review_documents import HEADER, HELD, document_province, plan_docx

pytestmark = pytest.mark.django_db

NEW_UNIT = "Trung tâm Hội nghị tỉnh Quảng Ninh"  # named by no document before

# The amended document: task 2's lead changes, task 3 is rewritten (its content and
# timeframe put right), task 4 is dropped, and a task 5 is added to a new group III.
AMENDED = [
    HEADER,
    ["I", "Quảng bá hình ảnh", "", "", ""],
    ["1", "Tổ chức tuần văn hóa Hạ Long.", "Sở Ngoại vụ", "Sở Du lịch", "Hàng năm"],
    ["2", "Quảng bá di sản vịnh Hạ Long.", "Sở Du lịch", "Sở Ngoại vụ", "2023-2025"],
    ["3", "Dịch các ấn phẩm quảng bá.", "Sở Ngoại vụ", "", "Hàng năm"],
    ["III", "Cộng đồng người Việt Nam ở nước ngoài", "", "", ""],
    ["5", "Tổ chức Xuân Quê hương cho kiều bào.", "Sở Ngoại vụ", "Sở Văn hóa và Thể thao", "Hàng năm"],
]


@pytest.fixture
def stored(coordinator):
    """The plan as first imported, with an activity recorded against task 1 (in use)."""
    province = document_province()
    Agency.objects.create(province=province, name=HELD, name_key=HELD.lower())
    parsed = parse_bytes(plan_docx(), "p.docx")
    plan = plan_import(parsed=parsed, user=coordinator).plan
    activity = ActivityFactory(plan=plan)
    activity.tasks.add(plan.tasks.get(code="1"))
    return plan


@pytest.fixture
def amended_review(coordinator, stored):
    review = import_review_create(user=coordinator, filename="ke-hoach-sua-doi.docx", data=plan_docx(AMENDED), target_plan=stored)
    return review


def test_the_document_becomes_one_plan_version_of_accepted_amendments(coordinator, stored, amended_review):
    # given a plan in use, and its amended document reviewed against it
    task1 = stored.tasks.get(code="1")
    version = stored.version
    # when the coordinator records it as an amendment from 01/01/2027
    done = amendment_from_document(user=coordinator, review=amended_review, effective_from=dt.date(2027, 1, 1),
                                   reason="Quyết định số 45/QĐ-UBND ngày 20/12/2026")
    # then the plan has one new version, and each change is one accepted proposal of that version
    stored.refresh_from_db()
    assert stored.version == version + 1 and stored.effective_from == dt.date(2027, 1, 1)
    proposals = AmendmentProposal.objects.filter(plan=stored).order_by("id")
    assert [(p.action, p.status, p.plan_version) for p in proposals] == [
        ("change", AmendmentStatus.ACCEPTED, version + 1),
        ("change", AmendmentStatus.ACCEPTED, version + 1),
        ("add", AmendmentStatus.ACCEPTED, version + 1),
        ("remove", AmendmentStatus.ACCEPTED, version + 1),
    ]
    assert len(done.proposals) == 4 and all(p.decided_by == coordinator for p in proposals)
    # and the current tasks read as the document; the untouched task 1 is the same row
    current = {t.code: t for t in Task.objects.filter(plan=stored, retired_on__isnull=True)}
    assert sorted(current) == ["1", "2", "3", "5"]
    assert current["1"].pk == task1.pk and task1.activities.count() == 1
    assert current["2"].version == 2 and current["2"].assignments.get(role="lead").agency.name == "Sở Du lịch"
    assert current["3"].title == "Dịch các ấn phẩm quảng bá." and current["3"].timeframe_kind == "annual"
    assert current["5"].group.code == "III" and current["5"].added_on == dt.date(2027, 1, 1)
    # and the removed and replaced rows are kept, retired, for what was reported on them
    assert Task.objects.get(plan=stored, code="4").retired_on == dt.date(2027, 1, 1)
    assert Task.objects.get(plan=stored, code="2", version=1).retired_on == dt.date(2027, 1, 1)
    # and the draft is closed against the plan
    amended_review.refresh_from_db()
    assert amended_review.status == ImportReviewStatus.IMPORTED and amended_review.plan == stored


def test_an_undecided_agency_refuses_and_stores_nothing(coordinator, stored):
    # given an amended document naming an agency nobody has decided on
    rows = [*AMENDED[:3], ["2", "Quảng bá di sản vịnh Hạ Long.", NEW_UNIT, "", "2023-2025"]]
    review = import_review_create(user=coordinator, filename="p.docx", data=plan_docx(rows), target_plan=stored)
    # when it is recorded
    from ngvh.plans.services import ReviewError

    with pytest.raises(ReviewError):
        amendment_from_document(user=coordinator, review=review, effective_from=dt.date(2027, 1, 1), reason="QĐ 45")
    # then nothing changed
    assert not AmendmentProposal.objects.exists() and stored.tasks.filter(retired_on__isnull=False).count() == 0
    # and once the agency is mapped it goes through
    import_review_map_agency(user=coordinator, review=review, name=NEW_UNIT, agency=Agency.objects.get(name=HELD))
    done = amendment_from_document(user=coordinator, review=review, effective_from=dt.date(2027, 1, 1), reason="QĐ 45")
    assert [p.action for p in done.proposals] == ["change", "remove", "remove"]


def test_a_reason_and_a_date_are_required_and_the_same_document_is_nothing_to_amend(coordinator, stored, amended_review):
    with pytest.raises(ReportingError):
        amendment_from_document(user=coordinator, review=amended_review, effective_from=dt.date(2027, 1, 1), reason=" ")
    with pytest.raises(ReportingError):
        amendment_from_document(user=coordinator, review=amended_review, effective_from=None, reason="QĐ 45")
    # (the first import stored every agency of the first document: nothing is left to decide)
    same = import_review_create(user=coordinator, filename="p.docx", data=plan_docx(), target_plan=stored)
    with pytest.raises(ReportStateError):
        amendment_from_document(user=coordinator, review=same, effective_from=dt.date(2027, 1, 1), reason="QĐ 45")
    assert not AmendmentProposal.objects.exists()


def test_only_a_coordinator_records_a_document_amendment(coordinator, stored, amended_review, reporter_a):
    # given a reporter (who may propose amendments, not decide them)
    from django.http import Http404

    # when they try to record the document, then it is refused and nothing changes
    with pytest.raises((PermissionDenied, Http404)):
        amendment_from_document(user=reporter_a, review=amended_review, effective_from=dt.date(2027, 1, 1), reason="QĐ 45")
    assert not AmendmentProposal.objects.exists()


def test_review_page_shows_the_changes_and_records_them(client, coordinator, stored, amended_review):
    # given the coordinator on the review page of the amended document
    client.force_login(coordinator)
    page = client.get(reverse("plans:review", args=[amended_review.pk]))
    text = page.content.decode()
    # then the changes are listed, and the form records an amendment instead of a replacement
    assert page.status_code == 200
    assert "Nhiệm vụ được bổ sung" in text and "Nhiệm vụ bị bãi bỏ" in text and "Nhiệm vụ được điều chỉnh" in text
    assert reverse("reporting:amendment_from_document", args=[amended_review.pk]) in text
    assert reverse("plans:review_import", args=[amended_review.pk]) not in text
    # when the form is sent without a date, then the page says so and nothing is stored
    url = reverse("reporting:amendment_from_document", args=[amended_review.pk])
    back = client.post(url, {"reason": "QĐ 45"}, follow=True)
    assert "Hãy cho biết ngày" in back.content.decode() or "ngày" in back.content.decode()
    assert not AmendmentProposal.objects.exists()
    # when it is sent with a date and a reason, then the plan page shows the new version
    done = client.post(url, {"effective_from": "01/01/2027", "reason": "Quyết định số 45/QĐ-UBND"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("plans:detail", args=[stored.pk])
    assert AmendmentProposal.objects.count() == 4


def test_another_agency_unit_never_reaches_the_amendment(client, stored, amended_review, reporter_a):
    client.force_login(reporter_a)
    url = reverse("reporting:amendment_from_document", args=[amended_review.pk])
    assert client.post(url, {"effective_from": "01/01/2027", "reason": "x"}).status_code == 404
    assert not AmendmentProposal.objects.exists()


def test_plans_of_another_family_member_with_new_agency_in_a_new_group(coordinator, stored):
    # given an amendment whose added task is led by an agency the plan never named
    rows = [*AMENDED, ["6", "Hợp tác với Kitakyushu.", "Ban Quản lý Khu kinh tế Quảng Ninh", "", "Hàng năm"]]
    review = import_review_create(user=coordinator, filename="p.docx", data=plan_docx(rows), target_plan=stored)
    from ngvh.plans.services import import_review_confirm_agency

    import_review_confirm_agency(user=coordinator, review=review, name="Ban Quản lý Khu kinh tế Quảng Ninh")
    done = amendment_from_document(user=coordinator, review=review, effective_from=dt.date(2027, 1, 1), reason="QĐ 45")
    # then the new agency is created in the plan's province and leads the new task
    new = Task.objects.get(plan=stored, code="6", retired_on__isnull=True)
    lead = new.assignments.get(role="lead").agency
    assert lead.name == "Ban Quản lý Khu kinh tế Quảng Ninh" and lead.province_id == stored.province_id
    assert "add" in [p.action for p in done.proposals]
    assert AgencyFactory._meta.model.objects.filter(name=lead.name).count() == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Không đọc được tệp này. Hãy kiểm tra tệp có mở được bằng Word hoặc trình đọc PDF, rồi tải lên lại."),
        ("en", "This file could not be read. Check that it opens in Word or a PDF reader, then upload it again."),
    ],
)
def test_a_document_that_no_longer_reads_is_explained_in_the_readers_language(
    client, monkeypatch, coordinator, amended_review, lang, expected
):
    # given the reviewed document fails to parse again when the amendment is recorded
    from django.conf import settings

    from ngvh.core.messages import Message
    from ngvh.plans.parsed import PlanParseError
    from ngvh.reporting import services

    def refuse(**_kwargs):
        raise PlanParseError(Message("plans.file.unreadable"))

    monkeypatch.setattr(services, "amendment_from_document", refuse)
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    # when the coordinator records the amendment
    url = reverse("reporting:amendment_from_document", args=[amended_review.pk])
    back = client.post(url, {"effective_from": "01/01/2027", "reason": "QĐ 45"}, follow=True)
    # then the review page says why in the reader's language, and nothing is stored
    assert back.redirect_chain[-1][0].startswith(reverse("plans:review", args=[amended_review.pk]))
    assert expected in back.content.decode()
    assert not AmendmentProposal.objects.exists()
