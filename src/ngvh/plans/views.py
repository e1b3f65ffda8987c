from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .models import AssignmentRole, ImportReviewStatus


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(user=request.user)
    from .policies import ImportReviewPolicy

    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_import": ImportReviewPolicy.can_create(request.user), "crumbs": [(_("Plans"), None)]},
    )


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _can_replace(user, plan) -> bool:
    from .policies import ImportReviewPolicy

    return ImportReviewPolicy.can_replace(user, plan)


def _can_see_history(user, obj) -> bool:
    from ngvh.accounts.policies import HistoryPolicy

    return HistoryPolicy.can_view(user, obj)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    group = request.GET.get("group", "").strip()
    agency_id = _int_or_none(request.GET.get("agency"))
    q = request.GET.get("q", "").strip()
    tasks = selectors.task_list(plan=plan, group=group, agency_id=agency_id, q=q)
    groups = list(plan.groups.all())
    rows = []
    current = None
    for task in tasks:
        if task.group_id != current:
            rows.append({"group": task.group})
            current = task.group_id
        rows.append({"task": task})
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "agencies": selectors.plan_agencies(plan=plan),
            "rows": rows,
            "task_count": len(tasks),
            "filters": {"group": group, "agency": agency_id, "q": q},
            "filtered": bool(group or agency_id or q),
            "can_replace": _can_replace(request.user, plan),
            "can_see_history": _can_see_history(request.user, plan),
            "crumbs": [(_("Plans"), reverse("plans:list")), (plan.number, None)],
        },
    )


def task_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    version = _int_or_none(request.GET.get("version"))
    task = selectors.task_get(user=request.user, plan_id=pk, code=code, version=version)
    assignments = list(task.assignments.all())
    page = selectors.task_page(
        user=request.user, task=task, year=_int_or_none(request.GET.get("year")), agency_id=_int_or_none(request.GET.get("agency"))
    )
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "page": page,
            "can_see_history": _can_see_history(request.user, task),
            "lead": [a for a in assignments if a.role == AssignmentRole.LEAD],
            "coordinators": [a for a in assignments if a.role == AssignmentRole.COORDINATOR],
            "crumbs": [
                (_("Plans"), reverse("plans:list")),
                (task.plan.number, reverse("plans:detail", args=[task.plan_id])),
                (_("Task %(code)s") % {"code": task.code}, None),
            ],
        },
    )


def task_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    results = selectors.search(user=request.user, q=q) if q else None
    return render(
        request,
        "plans/search.html",
        {
            "q": q,
            "results": results,
            "tasks": results.tasks if results else [],
            "crumbs": [(_("Plans"), reverse("plans:list")), (_("Search"), None)],
        },
    )


# ---- import review ---------------------------------------------------------------------------


def _login_first(request: HttpRequest):
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _parse_error_text(exc) -> str:
    """A refused document, with the place it points at, in the active language."""
    from ngvh.core.messages import exception_text

    return exception_text(exc)


def review_new(request: HttpRequest) -> HttpResponse:
    """Upload a plan document to check before it is stored (``?plan=`` replaces a stored plan)."""
    from django.shortcuts import redirect

    from .forms import ReviewUploadForm
    from .parsed import PlanParseError
    from .policies import ImportReviewPolicy
    from .services import import_review_create

    if (resp := _login_first(request)) is not None:
        return resp
    if not ImportReviewPolicy.can_create(request.user):
        raise Http404
    plan_id = _int_or_none(request.POST.get("plan") or request.GET.get("plan"))
    target = selectors.plan_get(user=request.user, pk=plan_id) if plan_id else None
    # Bound on every POST, even one with no file at all, so the missing file is said.
    form = ReviewUploadForm(request.POST, request.FILES) if request.method == "POST" else ReviewUploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            review = import_review_create(user=request.user, filename=upload.name, data=upload.read(), target_plan=target)
        except PlanParseError as exc:
            form.add_error("document", _parse_error_text(exc))
        else:
            return redirect("plans:review", pk=review.pk)
    crumbs = [(_("Plans"), reverse("plans:list"))]
    if target is not None:
        crumbs.append((target.number, reverse("plans:detail", args=[target.pk])))
    crumbs.append((_("Import a plan"), None))
    return render(
        request,
        "plans/review_new.html",
        {"form": form, "target": target, "drafts": selectors.import_review_list(user=request.user), "crumbs": crumbs},
        status=400 if form.errors else 200,
    )


def _review_page(request: HttpRequest, review, *, errors: dict | None = None, message: str = "", posted=None, status: int = 200):
    page = selectors.import_review_page(review=review)
    if posted is not None:
        # Show what the coordinator typed, not what is stored, next to the errors.
        for task in page.tasks:
            for name in ("code", "title", "group", "lead", "timeframe_text", "coordinators"):
                key = f"t{task['index']}-{name}"
                if key in posted:
                    task["coordinators_text" if name == "coordinators" else name] = posted.get(key)
    errors = errors or {}
    by_index = {task["index"]: task for task in page.tasks}
    error_list = []
    for anchor, text in errors.items():
        index, _sep, name = anchor[1:].partition("-")
        task = by_index.get(_int_or_none(index))
        if task is not None:
            task.setdefault("errors", {})[name] = text
            text = _("Task %(code)s: %(message)s") % {"code": task["code"], "message": text}
        error_list.append((anchor, text))
    if message and not error_list:
        error_list = [("", message)]
    elif message:
        error_list.insert(0, ("", message))
    return render(
        request,
        "plans/review_detail.html",
        {
            "page": page,
            "review": review,
            "errors": error_list,
            "editable": review.status == ImportReviewStatus.DRAFT,
            "crumbs": [(_("Plans"), reverse("plans:list")), (_("Import a plan"), reverse("plans:review_new")), (review.source_name, None)],
        },
        status=status,
    )


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _login_first(request)) is not None:
        return resp
    return _review_page(request, selectors.import_review_get(user=request.user, pk=pk))


def _post_only(request: HttpRequest, pk: int):
    from django.shortcuts import redirect

    if (resp := _login_first(request)) is not None:
        return None, resp
    review = selectors.import_review_get(user=request.user, pk=pk)
    if request.method != "POST":
        return None, redirect("plans:review", pk=review.pk)
    return review, None


def review_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from .forms import review_rows_from_post
    from .services import ReviewError, import_review_correct

    review, resp = _post_only(request, pk)
    if resp is not None:
        return resp
    rows = review_rows_from_post(request.POST, len(review.parsed.get("tasks", [])))
    try:
        import_review_correct(user=request.user, review=review, rows=rows)
    except ReviewError as exc:
        return _review_page(request, review, errors=exc.errors, message=str(exc.message), posted=request.POST, status=400)
    messages.success(request, _("Corrections saved. They will be applied when you import."))
    return redirect(reverse("plans:review", args=[review.pk]) + "#tasks")


def review_agencies(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from ngvh.agencies.models import Agency

    from .services import ReviewError, import_review_confirm_agency, import_review_map_agency

    review, resp = _post_only(request, pk)
    if resp is not None:
        return resp
    page = selectors.import_review_page(review=review)
    held = {str(a.pk): a for a in page.agencies}
    try:
        for unknown in page.unknown:
            choice = request.POST.get(f"agency-{unknown.key}", "")
            if choice == "new":
                review = import_review_confirm_agency(user=request.user, review=review, name=unknown.name)
            elif choice in held:
                review = import_review_map_agency(user=request.user, review=review, name=unknown.name, agency=held[choice])
            elif choice:
                agency = Agency.objects.filter(pk=_int_or_none(choice)).first()
                if agency is None:
                    raise ReviewError(_("Choose an agency of this plan's province."))
                review = import_review_map_agency(user=request.user, review=review, name=unknown.name, agency=agency)
    except ReviewError as exc:
        return _review_page(request, selectors.import_review_get(user=request.user, pk=pk), message=str(exc.message), status=400)
    messages.success(request, _("Agency decisions saved."))
    return redirect(reverse("plans:review", args=[review.pk]) + "#agencies")


def review_import(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from .parsed import PlanParseError
    from .services import ReviewError, import_review_import

    review, resp = _post_only(request, pk)
    if resp is not None:
        return resp
    try:
        result = import_review_import(user=request.user, review=review)
    except ReviewError as exc:
        return _review_page(request, review, message=str(exc.message), status=400)
    except PlanParseError as exc:
        return _review_page(request, review, message=_parse_error_text(exc), status=400)
    if result.unchanged:
        messages.info(request, _("Plan %(number)s was already stored with this content: nothing changed.") % {"number": result.plan.number})
    elif result.replaced:
        messages.success(request, _("Plan %(number)s was replaced.") % {"number": result.plan.number})
    else:
        messages.success(request, _("Plan %(number)s was imported.") % {"number": result.plan.number})
    return redirect("plans:detail", pk=result.plan.pk)


def review_discard(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from .services import ReviewError, import_review_discard

    if (resp := _login_first(request)) is not None:
        return resp
    review = selectors.import_review_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            import_review_discard(user=request.user, review=review)
        except ReviewError as exc:
            return _review_page(request, review, message=str(exc.message), status=400)
        messages.success(request, _("The draft was discarded; nothing was imported."))
        return redirect("plans:review_new")
    return render(
        request,
        "plans/review_discard.html",
        {
            "review": review,
            "crumbs": [
                (_("Plans"), reverse("plans:list")),
                (_("Import a plan"), reverse("plans:review_new")),
                (review.source_name, reverse("plans:review", args=[review.pk])),
                (_("Discard"), None),
            ],
        },
    )
