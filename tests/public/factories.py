"""A public-site world: one plan, reports in every state, activities in every state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ngvh.activities.models import Activity
from ngvh.public.services import (
    ArticleData,
    news_article_create,
    news_article_publish,
    news_translation_set,
)
from ngvh.reporting.models import ReportLine, ReportStatus
from tests.activities.factories import ForeignPartnerFactory
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    AnnualReportFactory,
    ReportingYearFactory,
    UserFactory,
)
from tests.reporting.factories import small_plan

SECRET = "BÍMẬT"  # written into every field that must never be public


@dataclass
class PublicWorld:
    sp: object
    shown: Activity
    partner: object
    article: object
    hidden: list


def public_world() -> PublicWorld:
    sp = small_plan()
    sp.plan.is_published = True
    sp.plan.save()
    ry = ReportingYearFactory(plan=sp.plan, year=2025)
    now = timezone.now()
    accepted = AnnualReportFactory(reporting_year=ry, agency=sp.a, status=ReportStatus.ACCEPTED, submitted_at=now,
                                   first_submitted_at=now, accepted_at=now)
    returned = AnnualReportFactory(reporting_year=ry, agency=sp.b, status=ReportStatus.RETURNED, return_reason=SECRET)
    draft = AnnualReportFactory(reporting_year=ry, agency=sp.c, status=ReportStatus.DRAFT, difficulties=SECRET)
    t1 = sp.tasks["I.1"]
    acc_line = ReportLine.objects.create(report=accepted, task=t1, role="lead", status="done_on_time", progress=100, results="Công bố")
    ret_line = ReportLine.objects.create(report=returned, task=sp.tasks["I.4"], role="lead", status="overdue", results=SECRET)
    draft_line = ReportLine.objects.create(report=draft, task=sp.tasks["I.2"], role="lead", status="done_late", results=SECRET)
    agency_mail = AgencyFactory(name="Sở Bí mật", email="bimat@example.org")
    officer = UserFactory(username="canbo-bimat", email="canbo@example.org", first_name=SECRET, agency=agency_mail)

    def activity(title, *, status="done", published=True, line=None):
        a = ActivityFactory(plan=sp.plan, agency=sp.a, title=title, status=status, description=SECRET, created_by=officer,
                            place_name="Nhà hát lớn", place_country="VN", start_date=dt.date(2025, 6, 2), outcome="Thành công")
        if published:
            Activity.objects.filter(pk=a.pk).update(published_at=now)
        if line is not None:
            line.activities.add(a)
        return a

    shown = activity("Tuần phim Nhật Bản công khai", line=acc_line)
    hidden = [
        activity(f"{SECRET} chưa công khai", published=False, line=acc_line),
        activity(f"{SECRET} báo cáo bị trả lại", line=ret_line),
        activity(f"{SECRET} báo cáo nháp", line=draft_line),
        activity(f"{SECRET} không thuộc báo cáo"),
        activity(f"{SECRET} dự kiến", status="planned", published=False, line=acc_line),
    ]
    partner = ForeignPartnerFactory(name="Kitakyushu", country="JP", kind="locality")
    article = news_article_create(user=sp.coordinator, data=ArticleData(
        direction="received", partner_id=partner.pk, title="Lễ hội mùa xuân Kitakyushu", body="Nội dung tiếng Việt", summary="Tóm tắt"))
    news_translation_set(user=sp.coordinator, article=article, language="ja", title="北九州の春祭り", body="日本語の本文")
    news_article_publish(user=sp.coordinator, article=article, published=True)
    news_article_create(user=sp.coordinator, data=ArticleData(direction="ours", title=f"{SECRET} bản nháp", body=SECRET))
    return PublicWorld(sp=sp, shown=shown, partner=partner, article=article, hidden=hidden)
