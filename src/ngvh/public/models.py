"""News exchanged with partner cities, each article in several languages.

Vietnamese is the article's own text (``NewsArticle``); other languages are translations
(``NewsTranslation``). A reader in a language with no translation reads the Vietnamese.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .languages import PUBLIC_LANGUAGES


class NewsDirection(models.TextChoices):
    RECEIVED = "received", _("Received from a partner city")
    OURS = "ours", _("Ours, for partner cities")


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NewsArticle(models.Model):
    direction = models.CharField(_("direction"), max_length=20, choices=NewsDirection.choices)
    status = models.CharField(_("status"), max_length=20, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    partner = models.ForeignKey(
        "activities.ForeignPartner", null=True, blank=True, on_delete=models.PROTECT, related_name="news",
        verbose_name=_("partner city"),
    )
    title = models.CharField(_("title (Vietnamese)"), max_length=300)
    summary = models.TextField(_("summary (Vietnamese)"), blank=True)
    body = models.TextField(_("text (Vietnamese)"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(direction__in=NewsDirection.values), name="news_direction_valid"),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True) | Q(status="published", published_at__isnull=False),
                name="news_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(direction="received") | Q(partner__isnull=False), name="news_received_names_partner"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED


class NewsTranslation(models.Model):
    article = models.ForeignKey(NewsArticle, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=[c for c in PUBLIC_LANGUAGES if c[0] != "vi"])
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="news_translation_once_per_language"),
            models.CheckConstraint(condition=~Q(language="vi"), name="news_translation_not_vietnamese"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"
