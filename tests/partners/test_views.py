"""Partner registry pages: list, partner page, forms, planner and its draft button."""

import datetime as dt

import pytest
from django.urls import reverse

from ngvh.activities.models import Activity
from ngvh.partners import services
from ngvh.partners.models import Relationship
from tests.activities.factories import small_plan
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def _rel(coordinator, plan, name="Kitakyushu", country="JP", since=dt.date(2017, 4, 1)):
    return services.relationship_create(
        user=coordinator, province=plan.province, name=name, country=country, kind="twinned", established_on=since
    )


def test_list_pins_its_queries(client, coordinator, reporter_a, plan, django_assert_num_queries):
    # given three relationships
    for i, (name, country) in enumerate([("Kitakyushu", "JP"), ("Incheon", "KR"), ("Viêng Chăn", "LA")]):
        _rel(coordinator, plan, name=name, country=country, since=dt.date(2010 + i, 1, 1))
    client.force_login(reporter_a)
    # when a reporter opens the list / then a fixed number of queries, every partner shown
    with django_assert_num_queries(6):  # session, user (with agency and demo flag), session save; one for the rows
        response = client.get(reverse("partners:list"))
    assert response.status_code == 200
    for name in ("Kitakyushu", "Incheon", "Viêng Chăn"):
        assert name in response.content.decode()


def test_coordinator_records_a_relationship_through_the_form(client, coordinator, plan):
    client.force_login(coordinator)
    # when the form is posted with a date written dd/mm/yyyy
    response = client.post(
        reverse("partners:create"), {"plan": plan.pk, "name": "Incheon", "country": "KR", "kind": "twinned", "established_on": "20/11/2007"}
    )
    # then the relationship exists and the partner page opens
    r = Relationship.objects.get()
    assert response.status_code == 302 and response.url == reverse("partners:partner", args=[r.partner_id])
    assert r.established_on == dt.date(2007, 11, 20)


def test_form_errors_are_shown_not_saved(client, coordinator, plan):
    client.force_login(coordinator)
    response = client.post(reverse("partners:create"), {"plan": plan.pk, "name": "", "country": "KR", "kind": "twinned", "established_on": "x"})
    assert response.status_code == 200 and not Relationship.objects.exists()


def test_partner_page_shows_documents_and_exchanges(client, coordinator, reporter_b, plan, agency_a):
    # given a relationship with a signed MoU and an activity naming the partner
    r = _rel(coordinator, plan)
    services.relationship_document_add(
        user=coordinator, relationship=r, title="Biên bản ghi nhớ", number="01/MOU", signed_on=dt.date(2017, 4, 1),
        signatories="Chủ tịch UBND",
    )
    a = ActivityFactory(plan=plan, agency=agency_a, title="Tuần văn hóa Kitakyushu")
    a.foreign_partners.add(r.partner)
    client.force_login(reporter_b)
    # when another agency's reporter opens the partner page
    body = client.get(reverse("partners:partner", args=[r.partner_id])).content.decode()
    # then the document's number, date, signatory and the exchange are there, and the Japanese diplomatic date
    for text in ("01/MOU", "01/04/2017", "Chủ tịch UBND", "Tuần văn hóa Kitakyushu", "21/09/1973"):
        assert text in body
    assert reverse("partners:edit", args=[r.pk]) not in body


def test_planner_button_drafts_the_activity(client, coordinator, plan):
    # given a twinning reaching 10 years in 2027
    r = _rel(coordinator, plan)
    client.force_login(coordinator)
    page = client.get(reverse("partners:anniversaries") + f"?plan={plan.pk}&year=2027").content.decode()
    assert f'value="r{r.pk}"' in page and "01/04/2027" in page
    # when the button is pressed
    response = client.post(reverse("partners:anniversary_draft"), {"plan": plan.pk, "year": "2027", "key": f"r{r.pk}"})
    # then the drafted activity opens; pressing again only says it exists
    activity = Activity.objects.get()
    assert response.url == reverse("activities:detail", args=[activity.pk])
    again = client.post(reverse("partners:anniversary_draft"), {"plan": plan.pk, "year": "2027", "key": f"r{r.pk}"})
    assert again.status_code == 302 and Activity.objects.count() == 1


def test_planner_shows_no_button_to_a_reporter(client, coordinator, reporter_a, plan):
    _rel(coordinator, plan)
    client.force_login(reporter_a)
    page = client.get(reverse("partners:anniversaries") + f"?plan={plan.pk}&year=2027").content.decode()
    assert "Kitakyushu" in page and reverse("partners:anniversary_draft") not in page


def test_public_partner_page_still_lists_a_partner_city_recorded_here(client, coordinator, plan):
    # given a twinned city recorded in the registry / when the public page opens / then it is listed
    _rel(coordinator, plan, name="Incheon", country="KR")
    assert "Incheon" in client.get(reverse("public:partners")).content.decode()


def test_import_upload_error_fix_confirm(client, coordinator, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import relationship_row, relationships_workbook

    client.force_login(coordinator)
    url = reverse("partners:import") + f"?plan={plan.pk}"
    # given a file with one row naming no country: the page lists the problem and offers no confirmation
    bad = relationships_workbook([relationship_row(), relationship_row(name="Incheon", country="")])
    response = client.post(url, {"plan": plan.pk, "file": SimpleUploadedFile("doi-tac.xlsx", bad)})
    assert response.status_code == 400 and "key" not in response.context
    assert [(p.row, p.column) for p in response.context["outcome"].problems] == [(3, "B")]
    assert 'id="problems"' in response.content.decode() and not Relationship.objects.exists()
    # when the corrected file is uploaded: a preview, still nothing saved
    good = relationships_workbook([relationship_row(), relationship_row(name="Incheon", country="Hàn Quốc")])
    response = client.post(url, {"plan": plan.pk, "file": SimpleUploadedFile("doi-tac.xlsx", good)})
    assert response.status_code == 200 and 'id="preview"' in response.content.decode() and not Relationship.objects.exists()
    key = response.context["key"]
    # then confirming saves both rows and the key cannot be used twice
    done = client.post(url, {"plan": plan.pk, "key": key, "confirm": "1"})
    assert done.status_code == 302 and done.url == reverse("partners:list") and Relationship.objects.count() == 2
    again = client.post(url, {"plan": plan.pk, "key": key, "confirm": "1"})
    assert again.status_code == 302 and Relationship.objects.count() == 2


def test_import_confirm_with_a_key_of_another_session_saves_nothing(client, coordinator, plan):
    from ngvh.core.xlsx import pending_save

    from .factories import relationship_row, relationships_workbook

    # given a workbook kept for someone else's preview
    key = pending_save(relationships_workbook([relationship_row()]))
    client.force_login(coordinator)
    # when this session tries to confirm it / then it has expired and nothing is saved
    response = client.post(reverse("partners:import") + f"?plan={plan.pk}", {"plan": plan.pk, "key": key, "confirm": "1"})
    assert response.status_code == 302 and not Relationship.objects.exists()


def test_export_and_template_download(client, coordinator, reporter_b, plan):
    import io

    from openpyxl import load_workbook

    _rel(coordinator, plan)
    client.force_login(reporter_b)
    response = client.get(reverse("partners:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.content)).worksheets[0]["A2"].value == "Kitakyushu"
    client.force_login(coordinator)
    template = client.get(reverse("partners:import_template") + f"?plan={plan.pk}")
    assert template.status_code == 200 and load_workbook(io.BytesIO(template.content))["Lists"] is not None
