import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ngvh.activities import services, storage
from ngvh.activities.models import Activity, ActivityCountry, Attachment
from ngvh.core.text import search_key

from .factories import ForeignPartnerFactory, activity_data, exe_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def test_create_sets_year_search_text_countries_and_history(reporter_a, agency_a, plan_a):
    # given a reporter of the lead agency of I.1
    plan, (t1, _t2, _t3) = plan_a
    partner = ForeignPartnerFactory(name="Kitakyushu", country="JP")
    data = activity_data(agency=agency_a, tasks=[t1], place_country="VN", country_codes=["KR"], foreign_partner_ids=[partner.pk])
    # when the activity is recorded
    activity = services.activity_create(user=reporter_a, plan=plan, data=data)
    # then derived fields are set by the service and the change is attributed
    assert activity.year == 2025
    assert activity.search_text == search_key(" ".join([data.title, "", data.place_name, ""]))
    assert sorted(ActivityCountry.objects.filter(activity=activity).values_list("code", flat=True)) == ["JP", "KR"]
    assert list(activity.tasks.all()) == [t1]
    assert activity.history.get().history_user == reporter_a


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": dt.date(2025, 5, 12), "end_date": dt.date(2025, 5, 10)}, "end_date"),
        ({"budget_state": -1}, "budget_state"),
        ({"budget_private": -5}, "budget_private"),
        ({"budget_foreign": -5}, "budget_foreign"),
        ({"country_codes": ["XX"]}, "countries"),
        ({"place_country": "ZZ"}, "place_country"),
        ({"participants_total": 10, "participants_foreign": 11}, "participants_foreign"),
        ({"title": "  "}, "title"),
        ({"kind": "picnic"}, "kind"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_each_field_is_validated(reporter_a, agency_a, plan_a, overrides, field):
    # given data with one bad field
    plan, _tasks = plan_a
    data = activity_data(agency=agency_a, **overrides)
    # when it is recorded / then the error names that field and nothing is stored
    with pytest.raises(ValidationError) as excinfo:
        services.activity_create(user=reporter_a, plan=plan, data=data)
    assert field in excinfo.value.message_dict
    assert not Activity.objects.exists()


def test_task_must_belong_to_the_plan(reporter_a, agency_a, plan_a, agency_b):
    # given a task of another plan
    from .factories import small_plan

    plan, _ = plan_a
    _other_plan, (foreign_task, *_rest) = small_plan(lead_agency=agency_a)
    # when it is chosen / then it is refused on "tasks"
    with pytest.raises(ValidationError) as excinfo:
        services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a, tasks=[foreign_task]))
    assert "tasks" in excinfo.value.message_dict


def test_unassigned_task_needs_confirmation_then_saves(reporter_a, agency_a, plan_a):
    # given task II.1, which agency A does not hold
    plan, (_t1, _t2, t3) = plan_a
    data = activity_data(agency=agency_a, tasks=[t3])
    # when recorded without confirmation / then a warning, not a save
    with pytest.raises(services.UnassignedTasks) as excinfo:
        services.activity_create(user=reporter_a, plan=plan, data=data)
    assert [t.code for t in excinfo.value.tasks] == ["II.1"]
    assert not Activity.objects.exists()
    # when confirmed / then saved
    activity = services.activity_create(user=reporter_a, plan=plan, data=data, confirm_unassigned=True)
    assert list(activity.tasks.all()) == [t3]


def test_reporter_cannot_record_for_another_agency(reporter_a, agency_b, plan_a):
    # given a reporter of A / when recording for B / then refused
    plan, _ = plan_a
    with pytest.raises(PermissionDenied):
        services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_b))


def test_leader_cannot_create(leader, agency_a, plan_a):
    plan, _ = plan_a
    with pytest.raises(PermissionDenied):
        services.activity_create(user=leader, plan=plan, data=activity_data(agency=agency_a))


def test_coordinator_records_for_any_agency(coordinator, agency_b, plan_a):
    plan, _ = plan_a
    activity = services.activity_create(user=coordinator, plan=plan, data=activity_data(agency=agency_b))
    assert activity.agency == agency_b


def test_reporter_of_b_cannot_edit_or_delete_a(reporter_a, reporter_b, agency_a, plan_a):
    # given an activity of A
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    # when B edits or deletes it / then refused, and it is unchanged
    with pytest.raises(PermissionDenied):
        services.activity_update(user=reporter_b, activity=activity, data=activity_data(agency=agency_a, title="x"))
    with pytest.raises(PermissionDenied):
        services.activity_delete(user=reporter_b, activity=activity)
    activity.refresh_from_db()
    assert activity.title == "Lễ hội Hoa Phượng Đỏ 2025"


def test_update_and_delete_keep_history(reporter_a, agency_a, plan_a):
    # given an activity / when renamed then deleted
    plan, _ = plan_a
    activity = services.activity_create(user=reporter_a, plan=plan, data=activity_data(agency=agency_a))
    services.activity_update(user=reporter_a, activity=activity, data=activity_data(agency=agency_a, title="Tên mới"))
    pk = activity.pk
    services.activity_delete(user=reporter_a, activity=activity)
    # then three history rows by the reporter
    history = Activity.history.filter(id=pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert {h.history_user_id for h in history} == {reporter_a.pk}


# ---- attachments ------------------------------------------------------------------------


def _activity(user, agency, plan):
    return services.activity_create(user=user, plan=plan, data=activity_data(agency=agency))


def test_image_is_stored_under_a_random_name_with_thumbnail(reporter_a, agency_a, plan_a, settings):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    # when a photo is uploaded
    upload_bytes = png_bytes()
    upload = SimpleUploadedFile("ảnh lễ hội.png", upload_bytes, content_type="image/png")
    attachment = services.attachment_add(user=reporter_a, activity=activity, upload=upload)
    # then it sits in the storage (MEDIA_ROOT here) with a name we chose, plus a thumbnail
    path = Path(default_storage.path(storage.name_of(attachment.stored_name)))
    assert path.is_file() and str(path).startswith(str(settings.MEDIA_ROOT))
    assert "lễ" not in attachment.stored_name and attachment.is_image and attachment.content_type == "image/png"
    assert storage.exists(attachment.thumbnail_name)
    with storage.open_stored(attachment.stored_name) as fh:
        assert fh.read() == upload_bytes
    assert attachment.original_name == "ảnh lễ hội.png"


def test_exe_renamed_pdf_is_refused(reporter_a, agency_a, plan_a, settings):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    # when an executable is uploaded as a PDF
    upload = SimpleUploadedFile("bao-cao.pdf", exe_bytes(), content_type="application/pdf")
    # then it is refused and nothing stays on disk
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(user=reporter_a, activity=activity, upload=upload)
    assert "file" in excinfo.value.message_dict
    assert not Attachment.objects.exists()
    assert list(storage.stored_names()) == []


def test_real_pdf_with_wrong_extension_gets_the_real_extension(reporter_a, agency_a, plan_a):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    upload = SimpleUploadedFile("bien-ban.exe", pdf_bytes())
    attachment = services.attachment_add(user=reporter_a, activity=activity, upload=upload)
    assert attachment.extension == "pdf"
    assert storage.download_name(attachment.original_name, attachment.extension) == "bien-ban.pdf"


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\windows\\evil.pdf", "/tmp/x/../../a.pdf", "\x00..pdf"])
def test_path_traversal_in_file_names_is_harmless(reporter_a, agency_a, plan_a, settings, name):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    # when a hostile name is uploaded
    attachment = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile(name, pdf_bytes()))
    # then the stored file is inside the evidence folder and the name keeps no folder part
    path = Path(default_storage.path(storage.name_of(attachment.stored_name))).resolve()
    assert path.parent == (settings.MEDIA_ROOT / "attachments").resolve()
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert not attachment.original_name.startswith(".")


@pytest.mark.parametrize("name", ["../ngvh.sqlite3", "imports/" + "a" * 32 + ".pdf", "", "A" * 32 + ".pdf"])
def test_storage_names_refuse_names_we_did_not_make(name):
    with pytest.raises(FileNotFoundError):
        storage.name_of(name)
    with pytest.raises(FileNotFoundError):
        storage.open_stored(name)
    with pytest.raises(FileNotFoundError):
        storage.import_read(name)


def test_size_limit(reporter_a, agency_a, plan_a, settings):
    settings.NGVH_MAX_UPLOAD_BYTES = 100
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    with pytest.raises(ValidationError):
        services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("a.png", png_bytes((400, 400))))


def test_reporter_b_cannot_attach_to_a(reporter_a, reporter_b, agency_a, plan_a):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    with pytest.raises(PermissionDenied):
        services.attachment_add(user=reporter_b, activity=activity, upload=SimpleUploadedFile("a.pdf", pdf_bytes()))


def test_attachment_delete_removes_the_file_after_commit(reporter_a, reporter_b, agency_a, plan_a, django_capture_on_commit_callbacks):
    plan, _ = plan_a
    activity = _activity(reporter_a, agency_a, plan)
    attachment = services.attachment_add(user=reporter_a, activity=activity, upload=SimpleUploadedFile("a.pdf", pdf_bytes()))
    assert storage.exists(attachment.stored_name)
    # reporter B may not
    with pytest.raises(PermissionDenied):
        services.attachment_delete(user=reporter_b, attachment=attachment)
    # reporter A may; the file goes once committed
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(user=reporter_a, attachment=attachment)
    assert not storage.exists(attachment.stored_name)


# ---- partners and calendar tokens -------------------------------------------------------


def test_foreign_partner_registry_is_reused(reporter_a):
    first = services.foreign_partner_ensure(user=reporter_a, name="Kitakyushu", country="jp")
    again = services.foreign_partner_ensure(user=reporter_a, name="  KITAKYUSHU ", country="JP")
    assert first == again


def test_foreign_partner_country_must_be_real(reporter_a):
    with pytest.raises(ValidationError):
        services.foreign_partner_ensure(user=reporter_a, name="Atlantis", country="QQ")


def test_leader_cannot_add_partners(leader):
    with pytest.raises(PermissionDenied):
        services.foreign_partner_ensure(user=leader, name="Incheon", country="KR")


def test_calendar_token_is_stable_and_resettable(reporter_a, reporter_b, plan_a, agency_a):
    plan, _ = plan_a
    token = services.calendar_token_ensure(user=reporter_a, plan=plan, agency=agency_a)
    assert services.calendar_token_ensure(user=reporter_a, plan=plan, agency=agency_a) == token
    old = token.token
    with pytest.raises(PermissionDenied):
        services.calendar_token_reset(user=reporter_b, token=token)
    assert services.calendar_token_reset(user=reporter_a, token=token).token != old

