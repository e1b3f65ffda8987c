"""Permission rows for the public site (open to all) and the focal point's news desk."""

from django.urls import reverse

from ngvh.public.services import ArticleData, news_article_create
from tests.factories import PlanFactory
from tests.security.matrix import DENIED, NOT_FOUND, PUBLIC, Row, expect

from .factories import public_world

DESK = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)


def _world(w):
    return w.once("public-world", public_world)


def _article(w):
    return w.once("desk-article", lambda: news_article_create(
        user=w.users["coordinator"], data=ArticleData(direction="ours", title="Tin", body="Nội dung")))


def _plan(w):
    return w.once("public-plan", PlanFactory)


ROWS = [
    Row("public:home", lambda w: reverse("public:home"), PUBLIC),
    Row("public:plan", lambda w: reverse("public:plan", args=[_plan(w).pk]), PUBLIC),
    Row("public:plan", lambda w: reverse("public:plan", args=[PlanFactory(is_published=False).pk]), expect(
        anonymous=NOT_FOUND, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND, coordinator=NOT_FOUND)),
    Row("public:data_file", lambda w: reverse("public:data_file", args=[_plan(w).pk, "tasks", "csv"]), PUBLIC),
    Row("public:activities", lambda w: reverse("public:activities"), PUBLIC),
    Row("public:activity", lambda w: reverse("public:activity", args=[_world(w).shown.pk]), PUBLIC),
    Row("public:activity", lambda w: reverse("public:activity", args=[_world(w).hidden[0].pk]), expect(
        anonymous=NOT_FOUND, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND, coordinator=NOT_FOUND)),
    Row("public:events", lambda w: reverse("public:events"), PUBLIC),
    Row("public:events_ical", lambda w: reverse("public:events_ical"), PUBLIC),
    Row("public:partners", lambda w: reverse("public:partners"), PUBLIC),
    Row("public:news", lambda w: reverse("public:news"), PUBLIC),
    Row("public:article", lambda w: reverse("public:article", args=[_world(w).article.pk]), PUBLIC),
    Row("public:data", lambda w: reverse("public:data"), PUBLIC),
    Row("public:news_manage", lambda w: reverse("public:news_manage"), DESK),
    Row("public:news_create", lambda w: reverse("public:news_create"), DESK),
    Row("public:news_create", lambda w: reverse("public:news_create"), DESK, method="POST",
        data=lambda w: {"direction": "ours", "title": "Tin mới", "body": "Nội dung"}),
    Row("public:news_edit", lambda w: reverse("public:news_edit", args=[_article(w).pk]), DESK),
    Row("public:news_translate", lambda w: reverse("public:news_translate", args=[_article(w).pk]), DESK),
    Row("public:news_publish", lambda w: reverse("public:news_publish", args=[_article(w).pk]), DESK, method="POST",
        data=lambda w: {"published": "1"}),
]
