"""Training course pages. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngvh.core.pages import crumbs, form_errors, requested
from ngvh.plans import selectors as plan_selectors

from . import selectors, services
from .forms import CourseForm, TraineeForm
from .policies import CoursePolicy


def _plan(request: HttpRequest):
    return requested(request, plan_selectors.plan_list(user=request.user))


def _crumbs(*items):
    return crumbs(_("Training courses"), "training:list", *items)


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    if not CoursePolicy.can_view(request.user):
        raise Http404
    plan = _plan(request)
    courses = list(selectors.course_list(user=request.user, plan_id=plan.pk if plan else None)[:500])
    can_create = CoursePolicy.can_create(request.user)
    return render(request, "training/list.html", {"courses": courses, "plan": plan, "can_create": can_create, "crumbs": _crumbs()})


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    if plan is None or not CoursePolicy.can_create(request.user):
        raise Http404
    form = CourseForm(request.POST or None, tasks=plan.tasks.filter(retired_on__isnull=True).order_by("order"),
                      agencies=CoursePolicy.organisers(request.user, plan),
                      initial={"organiser": CoursePolicy.organiser_id(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The course has been recorded."))
            return redirect("training:detail", course.pk)
    return render(request, "training/form.html", {"form": form, "plan": plan, "title": _("Record a training course"),
                                                  "crumbs": _crumbs((_("New"), None))})


def _detail(request, course, form=None, status=200):
    return render(request, "training/detail.html", {
        "course": course, "can_change": CoursePolicy.can_change(request.user, course), "form": form or TraineeForm(),
        "crumbs": _crumbs((course.title, None)),
    }, status=status)


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.course_get(user=request.user, pk=pk))


@login_required
@require_POST
def course_trainee_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    if not CoursePolicy.can_change(request.user, course):
        raise Http404
    form = TraineeForm(request.POST)
    if form.is_valid():
        person = selectors.linkable_trainees(user=request.user, course=course).filter(pk=form.cleaned_data["person"]).first()
        if person is None:
            form.add_error("person", _("No trainee record of the organiser has this number, or it is already linked."))
        else:
            try:
                services.course_trainee_add(user=request.user, course=course, person=person)
            except (PermissionDenied, ValidationError) as exc:
                form.add_error("person", getattr(exc, "messages", [_("This record cannot be linked.")]))
            else:
                messages.success(request, _("The trainee has been linked."))
                return redirect("training:detail", course.pk)
    return _detail(request, selectors.course_get(user=request.user, pk=pk), form=form, status=400)


@login_required
@require_POST
def course_activity(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    try:
        activity = services.course_activity_create(user=request.user, course=course)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("training:detail", course.pk)
    messages.success(request, _("The activity has been created."))
    return redirect("activities:detail", activity.pk)
