import io

import pytest
from django.urls import reverse
from docx import Document

from ngvh.documents.models import Consolidation
from ngvh.documents.services import consolidation_build

from .factories import scenario

pytestmark = pytest.mark.django_db


def _detail(s):
    return reverse("documents:detail", args=[s.plan.pk, s.year])


def test_coordinator_builds_from_the_form(client):
    s = scenario()
    client.force_login(s.coordinator)
    # given the build form lists the accepted reports, all chosen
    page = client.get(_detail(s))
    assert page.status_code == 200
    assert 'id="build-button"' in page.content.decode()
    # when the coordinator posts with one report and a number
    data = {
        "reports": [s.reports["vh"].pk], "number": "15/BC-UBND", "place": "Hải Phòng", "issued_on": "05/02/2027",
        "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "signer_form": "TM.", "signer_authority": "ỦY BAN NHÂN DÂN",
        "signer_position": "CHỦ TỊCH", "signer_name": "Nguyễn Văn A", "recipients": "Bộ Ngoại giao\n- TT Thành ủy;",
        "archive": "VT, Ng.v", "include_appendix": "on",
    }
    response = client.post(_detail(s), data)
    assert response.status_code == 302
    c = Consolidation.objects.get()
    assert c.report_ids == [s.reports["vh"].pk]
    assert c.recipients == ["Bộ Ngoại giao", "TT Thành ủy"]
    assert c.issued_on.isoformat() == "2027-02-05"
    # then the page shows the consolidated statuses and the download links
    body = client.get(_detail(s)).content.decode()
    assert 'id="download-docx"' in body and "Đã hoàn thành quá hạn" in body


def test_bad_input_is_explained_and_kept(client):
    s = scenario()
    client.force_login(s.coordinator)
    response = client.post(_detail(s), {"number": "15/BC-UBND", "place": "Hải Phòng", "issued_on": "31/02/2027",
                                        "issuing_body": "X", "signer_authority": "Y", "signer_position": "Z", "archive": "VT"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body
    assert "dd/mm/yyyy" in body  # the date message says what to type
    assert 'value="31/02/2027"' in body  # input kept
    assert not Consolidation.objects.exists()


def test_edit_passage_then_download_docx(client):
    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    url = reverse("documents:edit", args=[s.plan.pk, s.year])
    page = client.get(url)
    assert page.status_code == 200
    assert f"From the report #{s.reports['dl'].pk}" in page.content.decode() or f"#{s.reports['dl'].pk}" in page.content.decode()
    response = client.post(url, {"intro": "Mở đầu viết lại bởi Sở Ngoại vụ."})
    assert response.status_code == 302
    docx = client.get(reverse("documents:docx", args=[s.plan.pk, s.year]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(docx.content))
    assert any(p.text == "Mở đầu viết lại bởi Sở Ngoại vụ." for p in doc.paragraphs)
    xlsx = client.get(reverse("documents:xlsx", args=[s.plan.pk, s.year]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_leader_reads_but_cannot_build_or_edit(client):
    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.leader)
    assert client.get(_detail(s)).status_code == 200
    assert client.get(reverse("documents:docx", args=[s.plan.pk, s.year])).status_code == 200
    assert client.post(_detail(s), {"reports": [s.reports["vh"].pk]}).status_code == 404
    assert client.get(reverse("documents:edit", args=[s.plan.pk, s.year])).status_code == 404
    assert client.post(reverse("documents:edit", args=[s.plan.pk, s.year]), {"intro": "x"}).status_code == 404
    assert Consolidation.objects.get().edits == {}


def test_reporter_sees_nothing(client):
    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.reporter)
    for name in ("documents:detail", "documents:edit", "documents:docx", "documents:xlsx"):
        assert client.get(reverse(name, args=[s.plan.pk, s.year])).status_code == 404
    assert client.get(reverse("documents:index")).status_code == 404
    assert client.post(_detail(s), {"reports": [s.reports["vh"].pk]}).status_code == 404


def test_anonymous_is_sent_to_login(client):
    s = scenario()
    response = client.get(_detail(s))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_empty_states(client):
    s = scenario()
    client.force_login(s.coordinator)
    body = client.get(reverse("documents:detail", args=[s.plan.pk, 2031])).content.decode()
    assert 'class="empty"' in body and "build-button" not in body  # nothing accepted for 2031: no form
    assert client.get(reverse("documents:index")).status_code == 200


def test_detail_page_query_count_is_fixed(client, django_assert_num_queries):
    from tests.factories import AgencyFactory

    from .factories import accepted_report, aware

    s = scenario()
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    client.force_login(s.coordinator)
    client.get(_detail(s))
    # 7 for the report itself; the reports not accepted, those changed since the build; the
    # comparison: rates (3), done activities, agencies' activities, task statuses (3 a year)
    with django_assert_num_queries(15) as small:
        client.get(_detail(s))
    # when five more agencies' reports are accepted and the report rebuilt
    for i in range(5):
        accepted_report(reporting_year=s.reporting_year, agency=AgencyFactory(name=f"Quận {i}"), submitted=aware(s.year, 11, 1))
    consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(_detail(s))
