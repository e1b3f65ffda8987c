"""Writes of the news exchange. Only the focal point writes; every change keeps a history row."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngvh.core.text import nfc

from .languages import CODES
from .models import NewsArticle, NewsDirection, NewsStatus, NewsTranslation
from .policies import NewsArticlePolicy


@dataclass
class ArticleData:
    direction: str
    title: str
    body: str
    summary: str = ""
    source: str = ""
    partner_id: int | None = None


def _check(data: ArticleData) -> None:
    errors = {}
    if data.direction not in NewsDirection.values:
        errors["direction"] = [_("Choose whether the article was received or is ours.")]
    if not nfc(data.title).strip():
        errors["title"] = [_("Enter the title.")]
    if not nfc(data.body).strip():
        errors["body"] = [_("Enter the text.")]
    if data.direction == NewsDirection.RECEIVED and not data.partner_id:
        errors["partner"] = [_("Name the partner city the article came from.")]
    if errors:
        raise ValidationError(errors)


def _fill(article: NewsArticle, data: ArticleData) -> None:
    article.direction = data.direction
    article.title = nfc(data.title).strip()
    article.summary = nfc(data.summary).strip()
    article.body = nfc(data.body).strip()
    article.source = nfc(data.source).strip()
    article.partner_id = data.partner_id


@transaction.atomic
def news_article_create(*, user, data: ArticleData) -> NewsArticle:
    if not NewsArticlePolicy.can_manage(user):
        raise PermissionDenied
    _check(data)
    article = NewsArticle(created_by=user)
    _fill(article, data)
    article._history_user = user
    article.save()
    return article


@transaction.atomic
def news_article_update(*, user, article: NewsArticle, data: ArticleData) -> NewsArticle:
    if not NewsArticlePolicy.can_manage(user):
        raise PermissionDenied
    article = NewsArticle.objects.select_for_update().get(pk=article.pk)
    _check(data)
    _fill(article, data)
    article._history_user = user
    article.save()
    return article


@transaction.atomic
def news_article_publish(*, user, article: NewsArticle, published: bool) -> NewsArticle:
    if not NewsArticlePolicy.can_manage(user):
        raise PermissionDenied
    article = NewsArticle.objects.select_for_update().get(pk=article.pk)
    article.status = NewsStatus.PUBLISHED if published else NewsStatus.DRAFT
    article.published_at = (article.published_at or timezone.now()) if published else None
    article._history_user = user
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def news_translation_set(*, user, article: NewsArticle, language: str, title: str, body: str, summary: str = "") -> NewsTranslation | None:
    """Store the article in one more language; an empty title and text remove it."""
    if not NewsArticlePolicy.can_manage(user):
        raise PermissionDenied
    if language not in CODES or language == "vi":
        raise ValidationError({"language": [_("Choose a language other than Vietnamese.")]})
    title, body, summary = nfc(title).strip(), nfc(body).strip(), nfc(summary).strip()
    existing = NewsTranslation.objects.select_for_update().filter(article=article, language=language).first()
    if not title and not body:
        if existing:
            existing._history_user = user
            existing.delete()
        return None
    if not title or not body:
        raise ValidationError({"title" if not title else "body": [_("A translation needs both a title and a text.")]})
    translation = existing or NewsTranslation(article=article, language=language)
    translation.title, translation.body, translation.summary = title, body, summary
    translation._history_user = user
    translation.save()
    return translation
