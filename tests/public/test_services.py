"""The news desk's writes: only the focal point, with messages for bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ngvh.public.models import NewsArticle, NewsTranslation
from ngvh.public.services import (
    ArticleData,
    news_article_create,
    news_article_publish,
    news_article_update,
    news_translation_set,
)
from tests.activities.factories import ForeignPartnerFactory

pytestmark = pytest.mark.django_db


def _data(**over):
    values = {"direction": "ours", "title": "Hải Phòng mùa hoa phượng", "body": "Nội dung"}
    values.update(over)
    return ArticleData(**values)


def test_coordinator_writes_publishes_and_translates(coordinator):
    article = news_article_create(user=coordinator, data=_data())
    news_translation_set(user=coordinator, article=article, language="ko", title="하이퐁", body="본문")
    news_article_publish(user=coordinator, article=article, published=True)
    article.refresh_from_db()
    assert article.status == "published" and article.published_at
    assert article.history.first().history_user == coordinator
    # an emptied translation is removed
    news_translation_set(user=coordinator, article=article, language="ko", title="", body="")
    assert not NewsTranslation.objects.exists()


@pytest.mark.parametrize("role", ["reporter_a", "leader"])
def test_others_may_not_write_news(request, coordinator, role):
    user = request.getfixturevalue(role)
    article = news_article_create(user=coordinator, data=_data())
    for call in (
        lambda: news_article_create(user=user, data=_data()),
        lambda: news_article_update(user=user, article=article, data=_data(title="x")),
        lambda: news_article_publish(user=user, article=article, published=True),
        lambda: news_translation_set(user=user, article=article, language="ja", title="x", body="y"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert NewsArticle.objects.get().status == "draft" and NewsArticle.objects.count() == 1


def test_bad_input_is_refused_with_messages_and_nothing_stored(coordinator):
    with pytest.raises(ValidationError) as info:
        news_article_create(user=coordinator, data=_data(direction="received", title=" ", body=""))
    assert {"title", "body", "partner"} <= set(info.value.message_dict)
    article = news_article_create(user=coordinator, data=_data())
    with pytest.raises(ValidationError):
        news_translation_set(user=coordinator, article=article, language="vi", title="x", body="y")
    with pytest.raises(ValidationError):
        news_translation_set(user=coordinator, article=article, language="ja", title="題名", body="")
    assert not NewsTranslation.objects.exists()


def test_received_article_names_its_partner(coordinator):
    partner = ForeignPartnerFactory(name="Incheon", country="KR")
    article = news_article_create(user=coordinator, data=_data(direction="received", partner_id=partner.pk))
    assert article.partner == partner
