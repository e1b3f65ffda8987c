"""People pages: scope (404), logging of every view and export, erasure, and no personal data in public or API."""

import pytest
from django.urls import get_resolver, reverse

from ngvh.people import services
from ngvh.people.models import PURPOSES, Person, PersonAccessLog

from .factories import EMAIL, NAME, person_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(reporter_a, agency_a):
    return services.person_create(user=reporter_a, data=person_data(agency=agency_a))


def test_list_pins_its_queries_and_logs_one_row_per_person(client, reporter_a, agency_a, django_assert_num_queries):
    for i in range(3):
        services.person_create(user=reporter_a, data=person_data(agency=agency_a, full_name=f"Người {i}"))
    client.force_login(reporter_a)
    with django_assert_num_queries(9):  # page chrome, the rows, one insert for the log (in a savepoint)
        response = client.get(reverse("people:list"))
    assert response.status_code == 200 and "Người 2" in response.content.decode()
    assert PersonAccessLog.objects.filter(action="list").count() == 3
    assert "no-store" in response["Cache-Control"]


def test_the_form_states_each_fields_purpose(client, reporter_a):
    client.force_login(reporter_a)
    body = client.get(reverse("people:create")).content.decode()
    for purpose in PURPOSES.values():
        assert str(purpose) in body or str(purpose).replace("'", "&#x27;") in body


def test_detail_is_logged_and_another_agency_gets_404(client, person, reporter_a, reporter_b):
    client.force_login(reporter_b)
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("people:export", args=[person.pk])).status_code == 404
    client.force_login(reporter_a)
    body = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert NAME in body and EMAIL in body
    assert list(PersonAccessLog.objects.filter(person=person).values_list("action", flat=True).order_by("id")) == ["create", "view"]


def test_export_downloads_the_persons_json(client, person, reporter_a):
    client.force_login(reporter_a)
    response = client.get(reverse("people:export", args=[person.pk]))
    assert response["Content-Type"].startswith("application/json") and NAME in response.content.decode()
    assert PersonAccessLog.objects.filter(person=person, action="export").count() == 1


def test_erase_needs_the_box_then_the_page_shows_only_the_fact(client, person, reporter_a):
    client.force_login(reporter_a)
    client.post(reverse("people:erase", args=[person.pk]))
    assert Person.objects.get().erased_at is None
    client.post(reverse("people:erase", args=[person.pk]), {"confirm": "yes"})
    body = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert Person.objects.get().erased_at is not None and NAME not in body and 'id="erased"' in body


def test_no_personal_data_on_public_pages_or_the_api(client, person, coordinator):
    # given a record / when every public page and the API's schema are read
    pages = [reverse(n) for n in ("public:home", "public:activities", "public:events", "public:partners", "public:news", "public:data")]
    for url in pages:
        assert NAME not in client.get(url).content.decode()
    client.force_login(coordinator)
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").content.decode()
    # then no page shows the person, and no API route or schema component reads this app
    api_routes = [str(p.pattern) for p in get_resolver().namespace_dict["api"][1].url_patterns]
    assert not any("people" in r or "person" in r for r in api_routes)
    assert "/api/people" not in schema and '"Person' not in schema and NAME not in schema


def test_import_upload_error_fix_confirm(client, reporter_a, agency_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ngvh.people.models import Person

    from .factories import people_workbook, person_row

    client.force_login(reporter_a)
    url = reverse("people:import")
    # given a file whose second row has no consent: the problems are listed, no confirmation offered, nothing kept
    bad = people_workbook([person_row(), person_row(name="Chưa Đồng Ý", consent_date="", scope="", method="")])
    response = client.post(url, {"file": SimpleUploadedFile("nguoi.xlsx", bad)})
    assert response.status_code == 400 and "key" not in response.context
    assert {p.row for p in response.context["outcome"].problems} == {3} and not Person.objects.exists()
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    # when the corrected file is uploaded: a preview, still nothing saved
    good = people_workbook([person_row(), person_row(name="Đã Đồng Ý")])
    response = client.post(url, {"file": SimpleUploadedFile("nguoi.xlsx", good)})
    assert response.status_code == 200 and 'id="preview"' in response.content.decode() and not Person.objects.exists()
    # then confirming saves both, with the creations logged
    done = client.post(url, {"key": response.context["key"], "confirm": "1"})
    assert done.status_code == 302 and done.url == reverse("people:list")
    assert Person.objects.filter(owner_agency=agency_a).count() == 2


def test_export_xlsx_is_private_and_logged(client, reporter_a, agency_a):
    from ngvh.people import services
    from ngvh.people.models import PersonAccessLog

    from .factories import person_data

    person = services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    client.force_login(reporter_a)
    response = client.get(reverse("people:export_xlsx"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store, private"
    assert PersonAccessLog.objects.filter(person=person, action="export", actor=reporter_a).count() == 1
    template = client.get(reverse("people:import_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxmlformats")
