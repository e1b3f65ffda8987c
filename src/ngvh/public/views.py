"""The public site: no login, several languages, only what may be public (see selectors)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngvh.activities import ical
from ngvh.activities.models import ActivityKind
from ngvh.plans.models import AssignmentRole

from . import opendata, selectors, services
from .content import country_name, localize
from .forms import ArticleForm, TranslationForm
from .languages import COOKIE, PUBLIC_LANGUAGES, choose
from .models import NewsDirection
from .statuses import STATUS_LABELS, STATUS_ORDER

PER_PAGE = 20


def public_page(view):
    """Run the view in the visitor's public language; ``?lang=`` also remembers it."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        asked = request.GET.get("lang")
        lang = choose(query=asked, cookie=request.COOKIES.get(COOKIE))
        request.public_language = lang
        with translation.override(lang):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
        if asked and asked.lower() == lang:
            response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax")
        response["Content-Language"] = lang
        response.headers.setdefault("Cache-Control", "public, max-age=300")
        return response

    return wrapped


def _render(request, template: str, context: dict, status: int = 200):
    lang = request.public_language
    links = []
    for code, name in PUBLIC_LANGUAGES:
        query = request.GET.copy()
        query["lang"] = code
        links.append((code, name, "?" + query.urlencode()))
    context = {
        "public_languages": links, "public_language": lang, "kind_labels": dict(ActivityKind.choices),
        "status_labels": STATUS_LABELS, **context,
    }
    return render(request, template, context, status=status)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@public_page
def home(request):
    plans = selectors.public_plans()
    articles = list(selectors.public_articles()[:3])
    lang = request.public_language
    return _render(request, "public/home.html", {
        "plans": plans, "articles": [(a, localize(a, lang)) for a in articles],
        "activities": _activity_rows(list(selectors.public_activities()[:5]), lang),
    })


@public_page
def plan(request, pk: int):
    plan = selectors.public_plan(pk=pk)
    years = selectors.public_years(plan=plan)
    year = _int(request.GET.get("year"))
    if year not in years:
        year = years[0] if years else None
    context = {"plan": plan, "years": years, "year": year}
    if year is not None:
        groups, totals = selectors.public_progress(plan=plan, year=year)
        context.update({"groups": groups, "totals": [(s, STATUS_LABELS[s], totals.get(s, 0)) for s in STATUS_ORDER],
                        "task_count": sum(totals.values())})
    return _render(request, "public/plan.html", context)


def _activity_rows(activities, lang: str) -> list[dict]:
    return [
        {"activity": a, "countries": [country_name(c.code, lang) for c in a.countries.all()],
         "place": ", ".join(p for p in (a.place_name, country_name(a.place_country, lang)) if p)}
        for a in activities
    ]


@public_page
def activities(request):
    plan_id = _int(request.GET.get("plan"))
    page = Paginator(selectors.public_activities(plan_id=plan_id), PER_PAGE).get_page(request.GET.get("page"))
    return _render(request, "public/activities.html", {
        "page": page, "rows": _activity_rows(page.object_list, request.public_language), "plans": selectors.public_plans(),
        "plan_id": plan_id,
    })


@public_page
def activity(request, pk: int):
    a = selectors.public_activity(pk=pk)
    return _render(request, "public/activity.html", {"row": _activity_rows([a], request.public_language)[0]})


@public_page
def events(request):
    today = timezone.localdate()
    year, month = _int(request.GET.get("year")) or today.year, _int(request.GET.get("month")) or today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        year, month = today.year, today.month
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    previous = start - dt.timedelta(days=1)
    following = end + dt.timedelta(days=1)
    return _render(request, "public/events.html", {
        "rows": _activity_rows(selectors.public_events(start=start, end=end), request.public_language),
        "month": start, "previous": previous, "following": following,
    })


def events_ical(request):
    """Every public activity as an iCalendar feed anyone may subscribe to."""
    base = request.build_absolute_uri("/").rstrip("/")
    items = [
        {"id": a.pk, "title": a.title, "start": a.start_date, "end": a.end_date, "status": a.status,
         "location": ", ".join(p for p in (a.place_name, country_name(a.place_country, "vi")) if p),
         "description": a.outcome, "url": base + reverse("public:activity", args=[a.pk])}
        for a in selectors.public_activities()[:2000]
    ]
    body = ical.render_feed(name="NGVH", events=items, host=request.get_host().split(":")[0] or "ngvh", stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=900"
    response["Content-Disposition"] = 'inline; filename="ngvh-su-kien.ics"'
    return response


@public_page
def partners(request):
    lang = request.public_language
    rows = [{"partner": p, "country": country_name(p.country, lang)} for p in selectors.public_partners()]
    return _render(request, "public/partners.html", {"rows": rows})


@public_page
def news(request):
    lang = request.public_language
    page = Paginator(selectors.public_articles(), PER_PAGE).get_page(request.GET.get("page"))
    return _render(request, "public/news.html", {"page": page, "items": [(a, localize(a, lang)) for a in page.object_list]})


@public_page
def article(request, pk: int):
    a = selectors.public_article(pk=pk)
    return _render(request, "public/article.html", {"article": a, "text": localize(a, request.public_language)})


@public_page
def data(request):
    return _render(request, "public/data.html", {
        "plans": selectors.public_plans(), "dictionary": opendata.DICTIONARY, "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL, "layout_version": opendata.LAYOUT_VERSION,
    })


def _file(name: str, fmt: str, rows: list[dict], stem: str, source: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(opendata.to_csv(name, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(opendata.to_json(name, rows, source=source), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def data_file(request, pk: int, dataset: str, fmt: str):
    if dataset not in opendata.DICTIONARY or fmt not in ("csv", "json"):
        raise Http404
    plan = selectors.public_plan(pk=pk)
    source = request.build_absolute_uri(reverse("public:plan", args=[plan.pk]))
    stem = f"{plan.number.replace('/', '-')}-{dataset}"
    if dataset == "tasks":
        rows = [
            {"plan_number": plan.number, "code": t.code, "group": t.group.code, "title": t.title,
             "lead": "; ".join(a.agency.name for a in t.assignments.all() if a.role == AssignmentRole.LEAD and a.active_until is None),
             "coordinators": "; ".join(a.agency.name for a in t.assignments.all() if a.role == AssignmentRole.COORDINATOR and a.active_until is None),
             "timeframe": t.timeframe_text}
            for t in selectors.open_tasks(plan=plan)
        ]
    elif dataset == "figures":
        rows = []
        for year in sorted(selectors.public_years(plan=plan)):
            _groups, totals = selectors.public_progress(plan=plan, year=year)
            row = {"plan_number": plan.number, "year": year, "tasks": sum(totals.values()), "no_report": totals.get("", 0)}
            row.update({s: totals.get(s, 0) for s in STATUS_ORDER if s})
            rows.append(row)
    else:
        rows = [
            {"id": a.pk, "plan_number": plan.number, "title": a.title, "kind": a.kind, "start_date": a.start_date.isoformat(),
             "end_date": a.end_date.isoformat(), "place": a.place_name, "countries": "; ".join(c.code for c in a.countries.all()),
             "outcome": a.outcome}
            for a in selectors.public_activities(plan_id=plan.pk)
        ]
    return _file(dataset, fmt, rows, stem, source)


# ---- the focal point's news desk (signed in) ----------------------------------------------


@login_required
def news_manage(request):
    articles = selectors.managed_articles(user=request.user)
    return render(request, "public/news_manage.html", {"articles": articles})


@login_required
def news_edit(request, pk: int | None = None):
    article = selectors.managed_article(user=request.user, pk=pk) if pk else None
    if pk is None:
        selectors.managed_articles(user=request.user)  # 404 for those who may not manage
    form = ArticleForm(request.POST or None, instance_article=article)
    if request.method == "POST" and form.is_valid():
        try:
            if article is None:
                article = services.news_article_create(user=request.user, data=form.data_out())
            else:
                services.news_article_update(user=request.user, article=article, data=form.data_out())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Article saved."))
            return redirect("public:news_translate", pk=article.pk)
    return render(request, "public/news_form.html", {"form": form, "article": article,
                                                      "directions": NewsDirection.choices},
                  status=400 if request.method == "POST" else 200)


@login_required
def news_translate(request, pk: int):
    article = selectors.managed_article(user=request.user, pk=pk)
    existing = {t.language: t for t in article.translations.all()}
    forms = [TranslationForm(request.POST or None, prefix=code, language=code, instance=existing.get(code))
             for code, _name in PUBLIC_LANGUAGES if code != "vi"]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            for f in forms:
                services.news_translation_set(user=request.user, article=article, language=f.language, **f.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Translations saved."))
            return redirect("public:news_translate", pk=article.pk)
    return render(request, "public/news_translate.html", {"article": article, "forms": forms})


@login_required
@require_POST
def news_publish(request, pk: int):
    article = selectors.managed_article(user=request.user, pk=pk)
    published = request.POST.get("published") == "1"
    services.news_article_publish(user=request.user, article=article, published=published)
    messages.success(request, _("Article published.") if published else _("Article withdrawn from the public site."))
    return redirect("public:news_manage")
