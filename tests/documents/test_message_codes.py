"""Every message code of the documents app is worded in Vietnamese and in English, and the
page shows it in the reader's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from ngvh.core.messages import Message, registered
from ngvh.documents import services
from ngvh.documents.models import Consolidation

from .factories import scenario

# code: (parameters, Vietnamese, English), the words users saw before the codes
WORDING = {
    "documents.nothing_to_consolidate": (
        {"plan": "274/KH-UBND", "year": 2026},
        "Không có báo cáo nào đã được chấp nhận cho Kế hoạch 274/KH-UBND năm 2026: chưa thể tổng hợp. "
        "Hãy chấp nhận ít nhất một báo cáo của cơ quan, đơn vị trước.",
        "No accepted report for plan 274/KH-UBND in 2026: nothing to consolidate. Accept at least one agency report first.",
    ),
}


def test_every_registered_code_of_the_app_is_worded_here():
    # given the codes the app registers, then this table words each of them
    assert {code for code in registered() if code.startswith("documents.")} == set(WORDING)


@pytest.mark.parametrize("code", sorted(WORDING))
def test_each_code_reads_the_same_as_before_in_both_languages(code):
    # given a message of that code, when it is shown in each language, then the catalogue's words
    params, vi, en = WORDING[code]
    assert Message(code, params).text("vi") == vi
    assert Message(code, params).text("en") == en


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_build_page_shows_nothing_to_consolidate_in_the_readers_language(client, monkeypatch, lang):
    # given the build form sent just as the last accepted report stops being accepted
    s = scenario()

    def refuse(*, plan, year, **_kwargs):
        raise services.NothingToConsolidate(plan=plan, year=year)

    monkeypatch.setattr(services, "consolidation_build", refuse)
    client.force_login(s.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang  # the language switch's choice
    data = {"reports": [s.reports["vh"].pk], "number": "15/BC-UBND", "place": "Hải Phòng", "issued_on": "05/02/2027",
            "issuing_body": "UBND", "signer_authority": "UBND", "signer_position": "CHỦ TỊCH", "archive": "VT"}
    # when the page answers in the reader's language
    response = client.post(reverse("documents:detail", args=[s.plan.pk, s.year]), data)
    # then the form says why, in that language, and nothing is stored
    params = {"plan": s.plan.number, "year": s.year}
    assert response.status_code == 200
    assert Message("documents.nothing_to_consolidate", params).text(lang) in response.content.decode()
    assert not Consolidation.objects.exists()
