"""Activity pages. Thin: selectors read, services write, policies decide."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ngvh.accounts.policies import HistoryPolicy
from ngvh.agencies.models import Agency
from ngvh.core.countries import country_choices, country_name
from ngvh.plans import selectors as plan_selectors

from . import ical, selectors, services, storage, xlsx
from .forms import ActivityForm, AttachmentForm, ImportForm
from .models import ActivityKind, ActivityStatus
from .policies import ActivityPolicy, AttachmentPolicy


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _plan(request: HttpRequest):
    """The plan in question: ?plan=, else the most recent one (None if none imported)."""
    plans = plan_selectors.plan_list(user=request.user)
    wanted = _int(request.GET.get("plan") or request.POST.get("plan"))
    for plan in plans:
        if plan.pk == wanted:
            return plan, plans
    return (plans[0] if plans else None), plans


def _filters(request: HttpRequest, plan) -> selectors.ActivityFilters:
    g = request.GET
    kind = g.get("kind", "")
    status = g.get("status", "")
    return selectors.ActivityFilters(
        plan_id=plan.pk if plan else None,
        year=_int(g.get("year")),
        task_id=_int(g.get("task")),
        group_id=_int(g.get("group")),
        agency_id=_int(g.get("agency")),
        kind=kind if kind in ActivityKind.values else "",
        country=g.get("country", "")[:2].upper(),
        status=status if status in ActivityStatus.values else "",
        q=g.get("q", "").strip()[:200],
        sort=g.get("sort") if g.get("sort") in selectors.SORTS else "newest",
    )


def _agencies(plan):
    return Agency.objects.filter(province_id=plan.province_id).order_by("name") if plan else Agency.objects.none()


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    plan, plans = _plan(request)
    filters = _filters(request, plan)
    page = selectors.activity_page(user=request.user, filters=filters, page=request.GET.get("page", 1))
    tasks = list(plan.tasks.select_related("group").order_by("order")) if plan else []
    groups = list({t.group_id: t.group for t in tasks}.values())
    this_year = timezone.localdate().year
    first_year = min(plan.issued_on.year, this_year) if plan else this_year
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "plan": plan,
            "plans": plans,
            "page": page,
            "filters": filters,
            "tasks": tasks,
            "groups": groups,
            "agencies": list(_agencies(plan).only("id", "name")),
            "years": list(range(max(this_year + 1, 2030), first_year - 1, -1)),
            "kinds": ActivityKind.choices,
            "statuses": ActivityStatus.choices,
            "countries": country_choices(),
            "sorts": [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("title", _("Title")), ("budget", _("State budget"))],
            "query": query.urlencode(),
            "can_create": ActivityPolicy.can_create(request.user),
            "crumbs": [(_("Activities"), None)],
        },
    )


def _form(request, plan, *, data=None, files=None, initial=None, with_evidence=True):
    return ActivityForm(
        data,
        files,
        initial=initial,
        plan=plan,
        agencies=_agencies(plan),
        can_choose_agency=ActivityPolicy.can_choose_agency(request.user),
        with_evidence=with_evidence,
    )


def _save(request, form, *, plan, activity=None):
    """Create or update from a valid form; returns the activity or None (form re-shown)."""
    c = form.cleaned_data
    try:
        with transaction.atomic():
            partner_ids = [p.pk for p in c.get("foreign_partners") or []]
            if c.get("new_partner_name"):
                partner = services.foreign_partner_ensure(
                    user=request.user, name=c["new_partner_name"], country=c["new_partner_country"], kind=c.get("new_partner_kind") or "locality"
                )
                partner_ids.append(partner.pk)
            data = form.to_data(agency_id=ActivityPolicy.default_agency_id(request.user), foreign_partner_ids=partner_ids)
            confirm = bool(c.get("confirm_unassigned"))
            if activity is None:
                saved = services.activity_create(user=request.user, plan=plan, data=data, confirm_unassigned=confirm)
            else:
                saved = services.activity_update(user=request.user, activity=activity, data=data, confirm_unassigned=confirm)
            if c.get("evidence"):
                services.attachment_add(user=request.user, activity=saved, upload=c["evidence"], is_public=bool(c.get("evidence_public")))
            return saved
    except services.UnassignedTasks as exc:
        form.unassigned = exc.tasks
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            target = {"file": "evidence"}.get(field, field)
            form.add_error(target if target in form.fields else None, errors)
    except PermissionDenied as exc:
        raise Http404 from exc
    return None


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    if plan is None or not ActivityPolicy.can_create(request.user):
        raise Http404
    if request.method == "POST":
        form = _form(request, plan, data=request.POST, files=request.FILES)
        if form.is_valid():
            activity = _save(request, form, plan=plan)
            if activity is not None:
                messages.success(request, _("The activity has been recorded."))
                return redirect("activities:detail", pk=activity.pk)
    else:
        initial = {"status": ActivityStatus.DONE, "place_country": "VN"}
        task_id = _int(request.GET.get("task"))
        if task_id and plan.tasks.filter(pk=task_id, retired_on__isnull=True).exists():
            initial["tasks"] = [task_id]  # "Record an activity for this task" on the task page
        form = _form(request, plan, initial=initial)
    return _render_form(request, form, plan=plan, activity=None)


def _render_form(request, form, *, plan, activity):
    crumbs = [(_("Activities"), reverse("activities:list"))]
    if activity is not None:
        crumbs += [(activity.title[:60], reverse("activities:detail", args=[activity.pk])), (_("Edit"), None)]
    else:
        crumbs += [(_("Record an activity"), None)]
    status = 200 if not form.is_bound or form.is_valid() else 400
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "plan": plan, "activity": activity, "unassigned": getattr(form, "unassigned", []), "crumbs": crumbs},
        status=200 if getattr(form, "unassigned", None) else status,
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    can_edit = ActivityPolicy.can_edit(request.user, activity)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "attachments": selectors.attachments_for(user=request.user, activity=activity),
            "countries": [(c.code, country_name(c.code)) for c in activity.countries.all()],
            "place_country_name": country_name(activity.place_country),
            "can_edit": can_edit,
            "attachment_form": AttachmentForm() if can_edit else None,
            "history": selectors.activity_history(activity=activity),
            "can_see_history": HistoryPolicy.can_view(request.user, activity),
            "crumbs": [(_("Activities"), reverse("activities:list")), (activity.title[:60], None)],
        },
    )


@login_required
@require_POST
def activity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_edit(user=request.user, pk=pk)
    published = request.POST.get("published") == "1"
    try:
        services.activity_publish(user=request.user, activity=activity, published=published)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Shown on the public site.") if published else _("No longer shown on the public site."))
    return redirect(reverse("activities:detail", args=[pk]) + "#publish")


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_edit(user=request.user, pk=pk)
    plan = activity.plan
    if request.method == "POST":
        form = _form(request, plan, data=request.POST, files=request.FILES, with_evidence=False)
        if form.is_valid():
            saved = _save(request, form, plan=plan, activity=activity)
            if saved is not None:
                messages.success(request, _("The changes have been saved."))
                return redirect("activities:detail", pk=saved.pk)
    else:
        form = _form(request, plan, initial=ActivityForm.initial_from(activity), with_evidence=False)
    return _render_form(request, form, plan=plan, activity=activity)


@login_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_edit(user=request.user, pk=pk)
    if request.method == "POST":
        services.activity_delete(user=request.user, activity=activity)
        messages.success(request, _("The activity “%(title)s” has been deleted.") % {"title": activity.title})
        return redirect("activities:list")
    return render(
        request,
        "activities/activity_confirm_delete.html",
        {
            "activity": activity,
            "attachment_count": activity.attachments.count(),
            "crumbs": [
                (_("Activities"), reverse("activities:list")),
                (activity.title[:60], reverse("activities:detail", args=[activity.pk])),
                (_("Delete"), None),
            ],
        },
    )


# ---- attachments ------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_edit(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                user=request.user, activity=activity, upload=form.cleaned_data["file"],
                is_public=form.cleaned_data["is_public"], caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("The file has been added."))
            return redirect(reverse("activities:detail", args=[pk]) + "#evidence")
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                form.add_error("file", errors)
    return render(
        request,
        "activities/attachment_form.html",
        {"activity": activity, "attachment_form": form, "crumbs": [
            (_("Activities"), reverse("activities:list")),
            (activity.title[:60], reverse("activities:detail", args=[activity.pk])),
            (_("Add evidence"), None),
        ]},
        status=400,
    )


def _file_response(stored_name: str, *, content_type: str, name: str, inline: bool) -> HttpResponse:
    try:
        handle = storage.open_stored(stored_name)
    except FileNotFoundError as exc:  # a name we did not make, or a file gone
        raise Http404 from exc
    except storage.STORAGE_ERRORS:
        return HttpResponse(
            _("The file store is not answering. Try again in a few minutes."), status=503,
            content_type="text/plain; charset=utf-8", headers={"Retry-After": "60"},
        )
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    return _file_response(
        attachment.stored_name, content_type=attachment.content_type,
        name=storage.download_name(attachment.original_name, attachment.extension), inline=attachment.is_image,
    )


@login_required
@require_GET
def attachment_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    if not attachment.thumbnail_name:
        raise Http404
    return _file_response(attachment.thumbnail_name, content_type="image/jpeg", name="thumbnail.jpg", inline=True)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    if not AttachmentPolicy.can_delete(request.user, attachment):
        raise Http404
    services.attachment_delete(user=request.user, attachment=attachment)
    messages.success(request, _("The file has been removed."))
    return redirect(reverse("activities:detail", args=[attachment.activity_id]) + "#evidence")


# ---- calendar ---------------------------------------------------------------------------


@login_required
def calendar_month(request: HttpRequest) -> HttpResponse:
    plan, plans = _plan(request)
    today = timezone.localdate()
    year = _int(request.GET.get("year")) or today.year
    month = _int(request.GET.get("month")) or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    agency_id = _int(request.GET.get("agency"))
    cal = selectors.month_calendar(user=request.user, year=year, month=month, plan_id=plan.pk if plan else None, agency_id=agency_id)
    delegations = _calendar_delegations(request.user, cal, plan, agency_id)
    return render(
        request,
        "activities/calendar.html",
        {
            "cal": cal,
            "delegations": delegations,
            "plan": plan,
            "today": today,
            "agency_id": agency_id,
            "agencies": list(_agencies(plan).only("id", "name")),
            "extra": f"&agency={agency_id}" if agency_id else "",
            "crumbs": [(_("Activities"), reverse("activities:list")), (_("Calendar"), None)],
        },
    )


def _calendar_delegations(user, cal, plan, agency_id) -> list:
    """Delegations and press crews of the month that have no activity yet (an activity shows itself)."""
    import calendar as pycal

    # upward: the calendar also shows the delegations planned for the month, which the
    # delegations app (above activities, as each delegation becomes an activity) keeps
    from ngvh.delegations.selectors import calendar_delegations

    first = dt.date(cal.year, cal.month, 1)
    last = dt.date(cal.year, cal.month, pycal.monthrange(cal.year, cal.month)[1])
    found = calendar_delegations(user=user, first=first, last=last, plan_id=plan.pk if plan else None, agency_id=agency_id)
    for week in cal.weeks:
        for day in week:
            day["delegations"] = [d for d in found if d.start_date <= day["date"] <= d.end_date] if day["in_month"] else []
    return found


@login_required
def calendar_subscribe(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    if plan is None:
        raise Http404
    if request.method == "POST":
        agency = None
        if request.POST.get("scope") == "agency":
            agency = Agency.objects.filter(pk=_int(request.POST.get("agency")) or ActivityPolicy.default_agency_id(request.user)).first()
            if agency is None:
                raise Http404
        try:
            token = services.calendar_token_ensure(user=request.user, plan=plan, agency=agency)
            if request.POST.get("reset"):
                services.calendar_token_reset(user=request.user, token=token)
                messages.success(request, _("A new address has been made; the old one no longer works."))
        except PermissionDenied as exc:
            raise Http404 from exc
        return redirect(reverse("activities:subscribe") + f"?plan={plan.pk}")
    tokens = selectors.calendar_tokens_for(user=request.user, plan=plan)
    rows = []
    for token in tokens.values():
        rows.append({"token": token, "url": request.build_absolute_uri(reverse("activities:feed", args=[token.token]))})
    return render(
        request,
        "activities/subscribe.html",
        {
            "plan": plan,
            "rows": rows,
            "user_agency_id": ActivityPolicy.default_agency_id(request.user),
            "agencies": list(_agencies(plan).only("id", "name")),
            "crumbs": [(_("Activities"), reverse("activities:list")), (_("Calendar"), reverse("activities:calendar")), (_("Subscribe"), None)],
        },
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public address, private token: the token alone grants its owner's view."""
    subscription = selectors.calendar_token_get(token=token)
    activities = selectors.feed_activities(token=subscription)
    base = request.build_absolute_uri("/").rstrip("/")
    name = subscription.plan.number + (f" — {subscription.agency.name}" if subscription.agency_id else "")
    events = [
        {
            "id": a.pk,
            "title": a.title,
            "start": a.start_date,
            "end": a.end_date,
            "status": a.status,
            "location": ", ".join(p for p in [a.place_name, country_name(a.place_country)] if p),
            "description": f"{a.agency.name}\n{a.outcome}".strip(),
            "url": base + reverse("activities:detail", args=[a.pk]),
        }
        for a in activities
    ]
    events += _feed_delegations(subscription, base)
    body = ical.render_feed(name=name, events=events, host=request.get_host().split(":")[0] or "ngvh", stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _feed_delegations(subscription, base: str) -> list[dict]:
    """The subscriber's delegations and press crews without an activity yet, as feed events."""
    # upward: the feed carries the planned delegations too, kept by the delegations app
    from ngvh.delegations.models import DelegationStatus
    from ngvh.delegations.selectors import calendar_delegations

    today = dt.date.today()
    found = calendar_delegations(
        user=subscription.user, first=dt.date(today.year - 2, 1, 1), last=dt.date(today.year + 5, 12, 31),
        plan_id=subscription.plan_id, agency_id=subscription.agency_id, limit=500,
    )
    host = base.split("//")[-1].split(":")[0] or "ngvh"
    return [
        {
            "id": d.pk,
            "uid": f"delegation-{d.pk}@{host}",
            "title": f"{d.get_kind_display()}: {d.title}",
            "start": d.start_date,
            "end": d.end_date,
            "status": ActivityStatus.DONE if d.status == DelegationStatus.DONE else ActivityStatus.PLANNED,
            "location": ", ".join(p for p in [d.place_name, country_name(d.country)] if p),
            "description": f"{d.lead_agency.name} · {d.get_status_display()}",
            "url": base + reverse("delegations:detail", args=[d.pk]),
        }
        for d in found
    ]


# ---- Excel ------------------------------------------------------------------------------


def _export_rows(request, plan):
    filters = _filters(request, plan)
    headers = [
        _("No."), _("Title"), _("Kind"), _("Status"), _("Start date"), _("End date"), _("Recording agency"), _("Tasks"),
        _("Place"), _("Country of the place"), _("Countries reached"), _("Partner agencies"), _("Participants"),
        _("Of which foreign"), _("State budget (đồng)"), _("Socialised/private funds (đồng)"), _("Foreign funds (đồng)"),
        _("Media coverage"), _("Outcome"), _("Description"), _("Illustrative"),
    ]

    def rows():
        # STT 1…n: a database id means nothing to the reader of a Vietnamese export.
        for number, a in enumerate(selectors.activity_rows_for_export(user=request.user, filters=filters), start=1):
            yield [
                number, a.title, a.get_kind_display(), a.get_status_display(), a.start_date, a.end_date, a.agency.name,
                ", ".join(t.code for t in a.tasks.all()), a.place_name, country_name(a.place_country),
                ", ".join(country_name(c.code) for c in a.countries.all()), "; ".join(p.name for p in a.partner_agencies.all()),
                a.participants_total, a.participants_foreign, a.budget_state, a.budget_private, a.budget_foreign,
                a.media_count, a.outcome, a.description, _("yes") if a.is_demo else "",
            ]

    return headers, rows()


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    plan, _plans = _plan(request)
    headers, rows = _export_rows(request, plan)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        body = xlsx.export_csv(headers=headers, rows=rows)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        body = xlsx.export_xlsx(headers=headers, rows=rows, sheet_title=_("Activities"))
        response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="activities-{stamp}.{fmt}"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    plan, _plans = _plan(request)
    if plan is None or not ActivityPolicy.can_import(request.user):
        raise Http404
    body = xlsx.build_template(
        kinds=[str(label) for _v, label in ActivityKind.choices],
        statuses=[str(label) for _v, label in ActivityStatus.choices],
        task_codes=list(plan.tasks.order_by("order").values_list("code", flat=True)),
        countries=[f"{code} - {name}" for code, name in country_choices()],
    )
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="activities-template.xlsx"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing saved) → confirm (all rows or none)."""
    plan, _plans = _plan(request)
    if plan is None or not ActivityPolicy.can_import(request.user):
        raise Http404
    crumbs = [(_("Activities"), reverse("activities:list")), (_("Import from Excel"), None)]
    context = {"plan": plan, "crumbs": crumbs, "form": ImportForm()}
    if request.method == "POST" and request.POST.get("confirm"):
        key = request.POST.get("key", "")
        pending = request.session.get("activity_import", {})
        if key not in pending or not key.isalnum():
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect(reverse("activities:import") + f"?plan={plan.pk}")
        try:
            data = storage.import_read(key)
        except FileNotFoundError:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect(reverse("activities:import") + f"?plan={plan.pk}")
        except storage.STORAGE_ERRORS:
            messages.error(request, _("The file store is not answering. Try again in a few minutes."))
            return redirect(reverse("activities:import") + f"?plan={plan.pk}")
        outcome = services.activities_import_xlsx(user=request.user, plan=plan, data=data, commit=True)
        if outcome.committed:
            storage.import_remove(key)
            pending.pop(key, None)
            request.session["activity_import"] = pending
            messages.success(request, _("%(count)s activities have been saved.") % {"count": outcome.saved})
            return redirect(reverse("activities:list") + f"?plan={plan.pk}")
        context.update({"outcome": outcome})
        return render(request, "activities/import.html", context, status=400)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.NGVH_MAX_UPLOAD_BYTES:
                form.add_error("file", _("The file is too large."))
            else:
                data = upload.read()
                outcome = services.activities_import_xlsx(user=request.user, plan=plan, data=data, commit=False)
                context["outcome"] = outcome
                if outcome.ok and outcome.checked.rows:
                    try:
                        key = storage.import_save(data)
                    except storage.StorageUnavailable as exc:
                        form.add_error("file", str(exc))
                        return render(request, "activities/import.html", {**context, "outcome": None}, status=503)
                    pending = request.session.get("activity_import", {})
                    pending[key] = dt.datetime.now().isoformat()
                    request.session["activity_import"] = pending
                    context["key"] = key
                return render(request, "activities/import.html", context, status=200 if outcome.ok else 400)
        return render(request, "activities/import.html", context, status=400)
    return render(request, "activities/import.html", context)
