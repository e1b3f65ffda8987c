"""The public site: multilingual pages, official figures, and nothing that is not public."""

import json

import pytest
from django.urls import reverse

from tests.factories import PlanFactory

from .factories import SECRET, public_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return public_world()


def _public_urls(w):
    plan = w.sp.plan.pk
    urls = [
        reverse("public:home"), reverse("public:plan", args=[plan]), reverse("public:plan", args=[plan]) + "?year=2025",
        reverse("public:activities"), reverse("public:activity", args=[w.shown.pk]),
        reverse("public:events") + "?year=2025&month=6", reverse("public:events_ical"), reverse("public:partners"),
        reverse("public:news"), reverse("public:article", args=[w.article.pk]), reverse("public:data"),
    ]
    urls += [reverse("public:data_file", args=[plan, d, f]) for d in ("tasks", "figures", "activities") for f in ("csv", "json")]
    return urls


def test_no_draft_returned_unpublished_or_personal_field_reaches_any_public_page_feed_or_file(client, world):
    # given reports and activities in every state, a draft article and officers' personal data
    # when every public page, the feed and every open-data file are read in every language
    for url in _public_urls(world):
        for lang in ("vi", "en", "ja", "ru"):
            response = client.get(url, {"lang": lang})
            assert response.status_code == 200, url
            body = response.content.decode("utf-8")
            # then none of it appears
            for secret in (SECRET, "bimat@example.org", "canbo@example.org", "canbo-bimat"):
                assert secret not in body, f"{secret} on {url} ({lang})"
    # and the published, accepted activity does appear
    assert "Tuần phim Nhật Bản công khai" in client.get(reverse("public:activities")).content.decode()


def test_hidden_activities_answer_404(client, world):
    for activity in world.hidden:
        assert client.get(reverse("public:activity", args=[activity.pk])).status_code == 404


def test_public_figures_count_accepted_reports_only(client, world):
    # given I.1 done by an accepted report, I.2 done late in a draft and I.4 overdue in a returned one
    response = client.get(reverse("public:plan", args=[world.sp.plan.pk]), {"year": 2025})
    html = response.content.decode()
    # then only I.1 counts; the others have no accepted report
    assert 'data-status="done_on_time">1<' in html
    assert 'data-status="done_late">0<' in html and 'data-status="overdue">0<' in html
    assert 'data-status="none">4<' in html
    data = json.loads(client.get(reverse("public:data_file", args=[world.sp.plan.pk, "figures", "json"])).content)
    assert data["rows"] == [{"plan_number": "274/KH-UBND", "year": 2025, "tasks": 5, "done_on_time": 1, "done_late": 0,
                             "done_no_deadline": 0, "in_progress": 0, "overdue": 0, "not_arisen": 0, "no_report": 4}]
    assert data["licence"] == "CC BY 4.0" and data["layout_version"] == 1


@pytest.mark.parametrize(("lang", "word"), [("vi", "Tin tức"), ("en", "News"), ("ja", "ニュース"), ("ko", "소식"),
                                             ("zh-hans", "新闻"), ("ru", "Новости")])
def test_the_interface_speaks_each_public_language(client, world, lang, word):
    response = client.get(reverse("public:news"), {"lang": lang})
    assert response["Content-Language"] == lang
    assert f'<html lang="{lang}">' in response.content.decode()
    assert word in response.content.decode()
    # the choice is remembered for the next page, and does not change the officers' language
    assert client.cookies["ngvh_public_language"].value == lang
    assert "django_language" not in client.cookies


def test_article_in_the_readers_language_or_vietnamese_with_a_note(client, world):
    url = reverse("public:article", args=[world.article.pk])
    ja = client.get(url, {"lang": "ja"}).content.decode()
    assert "北九州の春祭り" in ja and "日本語の本文" in ja
    ru = client.get(url, {"lang": "ru"}).content.decode()
    assert "Lễ hội mùa xuân Kitakyushu" in ru and 'lang="vi"' in ru
    assert "Эта статья пока не переведена" in ru


def test_country_names_in_the_readers_language(client, world):
    assert "Japan" in client.get(reverse("public:partners"), {"lang": "en"}).content.decode()
    assert "日本" in client.get(reverse("public:partners"), {"lang": "ja"}).content.decode()
    assert "Nhật Bản" in client.get(reverse("public:partners"), {"lang": "vi"}).content.decode()


def test_public_ical_lists_published_events(client, world):
    body = client.get(reverse("public:events_ical")).content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == 1
    assert "Tuần phim Nhật Bản công khai" in body


def test_csv_opens_in_excel_and_neutralises_formulas(client, world):
    type(world.shown).objects.filter(pk=world.shown.pk).update(outcome='=HYPERLINK("http://x")')
    raw = client.get(reverse("public:data_file", args=[world.sp.plan.pk, "activities", "csv"])).content
    assert raw.startswith("\ufeff".encode())
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")


def test_unpublished_plan_and_unknown_dataset_are_404(client, world):
    hidden = PlanFactory(is_published=False)
    assert client.get(reverse("public:plan", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("public:data_file", args=[hidden.pk, "tasks", "csv"])).status_code == 404
    assert client.get(reverse("public:data_file", args=[world.sp.plan.pk, "users", "csv"])).status_code == 404


def test_every_page_links_the_public_site(client, coordinator):
    client.force_login(coordinator)
    assert reverse("public:home") in client.get(reverse("plans:list")).content.decode()


def test_public_pages_run_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("public:activities"))
    with django_assert_max_num_queries(8):
        client.get(reverse("public:news"))
