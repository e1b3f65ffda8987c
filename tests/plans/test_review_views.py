"""The import review page: what a coordinator sees, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ngvh.plans.services import import_review_create
from tests.factories import AgencyFactory
from tests.plans.review_documents import HEADER, HELD, UNKNOWN, document_province, plan_docx

# Session, user, the draft, the province, its agencies and aliases, messages, navigation.
QUERIES = 9


def _rows(n_tasks: int) -> list[list[str]]:
    rows = [HEADER, ["I", "Quảng bá hình ảnh", "", "", ""]]
    for number in range(1, n_tasks + 1):
        lead = UNKNOWN if number == 2 else "Sở Ngoại vụ"
        rows.append([str(number), f"Nhiệm vụ {number}.", lead, "Sở Du lịch", "Hàng năm"])
    return rows


def _draft(coordinator, *, n_tasks: int, n_held: int):
    province = document_province()
    AgencyFactory(province=province, name=HELD)
    for index in range(n_held - 1):
        AgencyFactory(province=province, name=f"Trung tâm số {index}")
    return import_review_create(user=coordinator, filename="p.docx", data=plan_docx(_rows(n_tasks)))


@pytest.mark.django_db
@pytest.mark.parametrize(("n_tasks", "n_held"), [(3, 1), (15, 8)])
def test_review_page_query_count_is_fixed(client, coordinator, django_assert_num_queries, n_tasks, n_held):
    # Given a draft of a few or many tasks, in a province holding one or several agencies
    review = _draft(coordinator, n_tasks=n_tasks, n_held=n_held)
    client.force_login(coordinator)
    # When the review page is opened / Then it takes the same number of queries
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("plans:review", args=[review.pk]))
    assert response.status_code == 200
    # And it shows every task with its cells, the unknown agency and its best match
    body = response.content.decode()
    assert body.count('name="t0-code"') == 1 and f'name="t{n_tasks - 1}-timeframe_text"' in body
    assert UNKNOWN in body and HELD in body



@pytest.mark.django_db
def test_every_cell_of_a_task_can_be_corrected_on_the_page(client, coordinator):
    # Given a draft with two groups
    review = import_review_create(user=coordinator, filename="p.docx", data=plan_docx())
    client.force_login(coordinator)
    # When the coordinator changes every cell of the third task and saves
    response = client.post(
        reverse("plans:review_tasks", args=[review.pk]),
        {
            "t2-code": "3a",
            "t2-title": "Dịch các ấn phẩm quảng bá.",
            "t2-group": "II",
            "t2-lead": "Sở Du lịch",
            "t2-coordinators": "Sở Ngoại vụ\nSở Văn hóa, Thể thao và Du lịch",
            "t2-timeframe_text": "Giai đoạn 2023-2025",
        },
    )
    assert response.status_code == 302
    # Then the draft in the database holds each corrected cell, shown again on the page
    review.refresh_from_db()
    assert review.corrections["2"] == {
        "code": "3a",
        "title": "Dịch các ấn phẩm quảng bá.",
        "group": "II",
        "lead": "Sở Du lịch",
        "coordinators": ["Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch"],
        "timeframe_text": "Giai đoạn 2023-2025",
    }
    page = client.get(reverse("plans:review", args=[review.pk])).content.decode()
    assert 'value="3a"' in page and "Giai đoạn 2023-2025" in page


@pytest.mark.django_db
def test_replacing_a_stored_plan_goes_through_the_same_review_page(client, coordinator):
    from ngvh.plans.services import import_review_import

    # Given a plan stored through a review
    first = import_review_create(user=coordinator, filename="p.docx", data=plan_docx())
    from ngvh.plans.services import import_review_confirm_agency

    import_review_confirm_agency(user=coordinator, review=first, name=UNKNOWN)
    plan = import_review_import(user=coordinator, review=first).plan
    client.force_login(coordinator)
    # When the coordinator uploads a new version from the plan's page (?plan=)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p2.docx", plan_docx())
    response = client.post(reverse("plans:review_new"), {"plan": plan.pk, "document": upload})
    # Then the same review page opens, for replacing that plan
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["review"].target_plan == plan
    assert 'name="t0-code"' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "Cơ quan chưa có trong danh mục, sẽ được thêm mới: "), ("en", "Agency not in the list yet; it will be added: ")],
)
def test_review_page_words_the_parsers_warning_codes_in_the_readers_language(client, coordinator, lang, expected):
    # Given a draft whose document names an agency the registry does not hold
    from django.conf import settings

    review = _draft(coordinator, n_tasks=3, n_held=1)
    assert any(w.get("code") == "plans.warning.new_agency" for w in review.parsed["warnings"])
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    # When the review page is opened
    body = client.get(reverse("plans:review", args=[review.pk])).content.decode()
    # Then the parser's warning reads in that language
    assert expected + UNKNOWN in body


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "expected"), [("vi", "dòng 7: Nhiệm vụ 2 không có đơn vị chủ trì."), ("en", "line 7: Task 2 has no lead unit.")])
def test_a_draft_stored_before_the_codes_still_shows_its_warnings(client, coordinator, lang, expected):
    # Given a draft kept when warnings were stored as a Vietnamese and an English text
    from django.conf import settings

    review = _draft(coordinator, n_tasks=3, n_held=1)
    review.parsed["warnings"] = [
        {"line": 7, "message": "Nhiệm vụ 2 không có đơn vị chủ trì.", "message_en": "Task 2 has no lead unit."}
    ]
    review.save(update_fields=["parsed"])
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    # When the review page is opened
    response = client.get(reverse("plans:review", args=[review.pk]))
    # Then the stored text is shown, in the reader's language
    assert response.status_code == 200
    assert expected in response.content.decode()
