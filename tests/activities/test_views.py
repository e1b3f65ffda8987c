import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from ngvh.activities import services
from ngvh.activities.models import Activity
from tests.factories import ActivityFactory

from .factories import activity_data, pdf_bytes

pytestmark = pytest.mark.django_db


def _form(plan, **extra):
    data = {"plan": plan.pk, "title": "Giao lưu văn hóa Việt – Hàn", "kind": "exhibition", "status": "done",
            "start_date": "10/05/2025", "end_date": "12/05/2025", "place_country": "VN", "place_name": "Quận Lê Chân",
            "participants_total": "100", "participants_foreign": "10", "budget_state": "1.250.000", "media_count": "2"}
    data.update(extra)
    return data


@pytest.mark.parametrize("count", [3, 30])
def test_list_runs_a_fixed_number_of_queries(client, reporter_a, agency_a, plan_a, django_assert_num_queries, count):
    # given N activities with tasks and countries
    plan, (t1, *_rest) = plan_a
    for i in range(count):
        a = ActivityFactory(plan=plan, agency=agency_a, title=f"Hoạt động {i}")
        a.tasks.add(t1)
        a.countries.create(code="JP")
    client.force_login(reporter_a)
    # when the list is shown / then the same number of queries at 3 and at 30
    with django_assert_num_queries(12):
        response = client.get(reverse("activities:list"), {"plan": plan.pk})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_search_without_diacritics_and_tone_placement(client, reporter_a, agency_a, plan_a):
    plan, _ = plan_a
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Tuần văn hóa Hải Phòng tại Thuỷ Nguyên"))
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Hội chợ du lịch"))
    client.force_login(reporter_a)
    for q in ("van hoa hai phong", "văn hoá", "THỦY NGUYÊN"):
        page = client.get(reverse("activities:list"), {"plan": plan.pk, "q": q}).context["page"]
        assert [a.title for a in page.object_list] == ["Tuần văn hóa Hải Phòng tại Thuỷ Nguyên"], q


def test_reporter_b_sees_done_activities_of_a_but_not_planned_ones(client, reporter_a, reporter_b, agency_a, plan_a):
    plan, _ = plan_a
    done = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Đã xong"))
    planned = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Dự kiến", status="planned"))
    client.force_login(reporter_b)
    titles = [a.title for a in client.get(reverse("activities:list"), {"plan": plan.pk}).context["page"].object_list]
    assert titles == ["Đã xong"]
    assert client.get(reverse("activities:detail", args=[done.pk])).status_code == 200
    assert client.get(reverse("activities:detail", args=[planned.pk])).status_code == 404
    assert client.get(reverse("activities:detail", args=[999999])).status_code == 404
    assert client.get(reverse("activities:edit", args=[done.pk])).status_code == 404


def test_b_cannot_download_a_private_attachment_same_404_as_missing(client, reporter_a, reporter_b, agency_a, plan_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    private = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("a.pdf", pdf_bytes()))
    public = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("b.pdf", pdf_bytes()), is_public=True)
    client.force_login(reporter_b)
    hidden = client.get(reverse("activities:attachment", args=[private.pk]))
    missing = client.get(reverse("activities:attachment", args=[private.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    shown = client.get(reverse("activities:attachment", args=[public.pk]))
    assert shown.status_code == 200 and shown["Content-Disposition"].startswith("attachment;")
    page = client.get(reverse("activities:detail", args=[activity.pk]))
    assert "a.pdf" not in page.content.decode() and "b.pdf" in page.content.decode()


def test_create_with_unassigned_task_shows_a_warning_then_saves_when_confirmed(client, reporter_a, plan_a):
    plan, (_t1, _t2, t3) = plan_a
    client.force_login(reporter_a)
    # when II.1 (not assigned to A) is chosen
    response = client.post(reverse("activities:create"), _form(plan, tasks=[t3.pk]))
    # then a warning with a confirmation box, input kept, nothing saved
    body = response.content.decode()
    assert response.status_code == 200 and 'name="confirm_unassigned"' in body and "II.1" in body
    assert 'value="Giao lưu văn hóa Việt – Hàn"' in body
    assert not Activity.objects.exists()
    # when confirmed / then saved
    response = client.post(reverse("activities:create"), _form(plan, tasks=[t3.pk], confirm_unassigned="on"))
    assert response.status_code == 302
    assert Activity.objects.get().budget_state == 1_250_000


def test_create_errors_are_summarised_and_input_kept(client, reporter_a, plan_a):
    plan, _ = plan_a
    client.force_login(reporter_a)
    response = client.post(reverse("activities:create"), _form(plan, end_date="01/05/2025", budget_state="-5"))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in body and 'href="#id_end_date"' in body and 'href="#id_budget_state"' in body
    assert 'value="Quận Lê Chân"' in body


def test_exe_renamed_pdf_is_refused_in_the_form(client, reporter_a, plan_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import exe_bytes

    plan, _ = plan_a
    client.force_login(reporter_a)
    response = client.post(reverse("activities:create"), {**_form(plan), "evidence": SimpleUploadedFile("x.pdf", exe_bytes())})
    assert response.status_code == 400 and not Activity.objects.exists()
    assert 'href="#id_evidence"' in response.content.decode()


def test_leader_cannot_open_the_form(client, leader, plan_a):
    plan, _ = plan_a
    client.force_login(leader)
    assert client.get(reverse("activities:create"), {"plan": plan.pk}).status_code == 404
    assert client.post(reverse("activities:create"), _form(plan)).status_code == 404


def test_ical_feed_is_valid_and_needs_a_valid_token(client, reporter_a, agency_a, plan_a):
    plan, _ = plan_a
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Lễ hội Hoa Phượng Đỏ"))
    token = services.calendar_token_ensure(user=reporter_a, plan=plan, agency=agency_a)
    # when fetched with the token (no session) / then a calendar that parses back
    response = client.get(reverse("activities:feed", args=[token.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Lễ hội Hoa Phượng Đỏ"]
    assert events[0].decoded("DTSTART").isoformat() == "2025-05-10" and events[0].decoded("DTEND").isoformat() == "2025-05-13"
    # when the token is wrong, missing or its owner deactivated / then 404
    assert client.get(reverse("activities:feed", args=["x" * 43])).status_code == 404
    assert client.get("/activities/calendar/feed/.ics").status_code == 404
    reporter_a.is_active = False
    reporter_a.save()
    assert client.get(reverse("activities:feed", args=[token.token])).status_code == 404


def test_calendar_month_shows_activities_and_links(client, reporter_a, agency_a, plan_a):
    plan, _ = plan_a
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Triển lãm tháng năm"))
    client.force_login(reporter_a)
    body = client.get(reverse("activities:calendar"), {"year": 2025, "month": 5, "plan": plan.pk}).content.decode()
    assert body.count("Triển lãm tháng năm") >= 3  # three days in the grid, plus the month list
    assert "month=4" in body and "month=6" in body


def test_export_both_formats_use_the_filters(client, reporter_a, agency_a, plan_a):
    from openpyxl import load_workbook

    plan, _ = plan_a
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="=cmd|' /C calc'!A0"))
    services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title="Khác hẳn"))
    client.force_login(reporter_a)
    csv_body = client.get(reverse("activities:export_csv"), {"plan": plan.pk, "q": "cmd"}).content.decode("utf-8-sig")
    assert "'=cmd" in csv_body and "Khác hẳn" not in csv_body
    xlsx = client.get(reverse("activities:export_xlsx"), {"plan": plan.pk, "q": "cmd"}).content
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert ws.cell(row=2, column=2).value == "'=cmd|' /C calc'!A0" and ws.max_row == 2


def test_import_preview_then_confirm(client, reporter_a, plan_a):
    from .test_xlsx import good_row, workbook_bytes

    plan, _ = plan_a
    client.force_login(reporter_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("hoat-dong.xlsx", workbook_bytes([good_row(i) for i in range(3)]))
    preview = client.post(reverse("activities:import"), {"plan": plan.pk, "file": upload})
    assert preview.status_code == 200 and not Activity.objects.exists()
    key = preview.context["key"]
    done = client.post(reverse("activities:import"), {"plan": plan.pk, "key": key, "confirm": "1"})
    assert done.status_code == 302 and Activity.objects.count() == 3


def test_demo_is_idempotent_and_marked(plan_a, client, coordinator):
    from ngvh.activities import demo

    plan, _ = plan_a
    first = demo.load(plan=plan)
    assert first > 0 and demo.load(plan=plan) == 0
    assert not Activity.objects.filter(is_demo=False).exists()
    assert set(Activity.objects.values_list("year", flat=True)) == {2023, 2024, 2025, 2026}
    client.force_login(coordinator)
    assert "tag--demo" in client.get(reverse("activities:list"), {"plan": plan.pk}).content.decode()


def test_exports_number_rows_1_to_n_not_by_database_id(client, reporter_a, agency_a, plan_a):
    from openpyxl import load_workbook

    # given three activities whose ids are not 1, 2, 3
    plan, _ = plan_a
    ActivityFactory.create_batch(5, plan=plan, agency=agency_a)
    Activity.objects.all().delete()
    for title in ("Một", "Hai", "Ba"):
        services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, title=title))
    client.force_login(reporter_a)
    # when they are exported in Vietnamese
    body = client.get(reverse("activities:export_xlsx"), {"plan": plan.pk}, HTTP_ACCEPT_LANGUAGE="vi").content
    ws = load_workbook(io.BytesIO(body)).worksheets[0]
    # then the first column is STT 1…n
    assert ws.cell(row=1, column=1).value == "STT"
    assert [ws.cell(row=r, column=1).value for r in range(2, 5)] == [1, 2, 3]


def test_list_and_detail_show_country_names_not_codes(client, reporter_a, agency_a, plan_a):
    # given an activity that reached Japan and the Czech Republic, with a Korean partner
    from .factories import ForeignPartnerFactory

    plan, (t1, *_rest) = plan_a
    a = ActivityFactory(plan=plan, agency=agency_a, title="Tuần văn hóa Nhật – Séc")
    a.countries.create(code="JP")
    a.countries.create(code="CZ")
    a.foreign_partners.add(ForeignPartnerFactory(name="Thành phố Incheon", country="KR"))
    client.force_login(reporter_a)
    # when the list and the activity's page are shown in Vietnamese
    listing = client.get(reverse("activities:list"), {"plan": plan.pk}).content.decode()
    detail = client.get(reverse("activities:detail", args=[a.pk])).content.decode()
    # then the countries read as the Ministry names them, never as ISO codes
    assert "Nhật Bản" in listing and "Séc" in listing
    assert "· JP" not in listing and "· CZ" not in listing
    assert "Thành phố Incheon (Hàn Quốc)" in detail and "(KR)" not in detail
