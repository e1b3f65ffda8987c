"""Pages of the people registry. Every read of a record goes through a logging service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ngvh.accounts.policies import is_coordinator
from ngvh.agencies.models import Agency
from ngvh.core.countries import country_name

from . import services
from .forms import PersonForm
from .models import PURPOSES, PersonCategory
from .policies import PersonPolicy


def _crumbs(*items):
    return [(_("People"), reverse("people:list")), *items]


def _agencies(user):
    if is_coordinator(user):
        qs = Agency.objects.filter(active_until__isnull=True)
        if user.agency_id:
            qs = qs.filter(province_id=user.agency.province_id)
        return qs.order_by("name")
    return Agency.objects.filter(pk=user.agency_id)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@never_cache
def person_list(request: HttpRequest) -> HttpResponse:
    if PersonPolicy.visible_q(request.user) is None:
        raise Http404
    category = request.GET.get("category", "")
    people = services.people_list(user=request.user, category=category)
    return _private(render(
        request, "people/list.html",
        {"people": people, "category": category, "categories": PersonCategory.choices,
         "can_create": PersonPolicy.can_create(request.user), "crumbs": _crumbs()},
    ))


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not PersonPolicy.can_create(request.user):
        raise Http404
    form = PersonForm(request.POST or None, agencies=_agencies(request.user), initial={"owner_agency": request.user.agency_id})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(user=request.user, data=form.data_object())
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The record has been saved with the person's consent."))
            return redirect("people:detail", person.pk)
    return _private(render(request, "people/form.html", {"form": form, "title": _("Record a person"), "crumbs": _crumbs((_("New"), None))}))


@login_required
@never_cache
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, pk=pk)
    rows = [(_label(name), getattr(person, name), PURPOSES[name]) for name in PURPOSES if name != "country"]
    return _private(render(
        request, "people/detail.html",
        {"person": person, "rows": rows, "country": country_name(person.country) if person.country else "",
         "can_change": PersonPolicy.can_change(request.user, person), "crumbs": _crumbs((f"#{person.pk}", None))},
    ))


def _label(name: str) -> str:
    from .models import Person

    return str(Person._meta.get_field(name).verbose_name)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, pk=pk)
    if not PersonPolicy.can_change(request.user, person) or person.erased_at:
        raise Http404
    initial = {name: getattr(person, name) for name in PersonForm.base_fields if name != "owner_agency"}
    initial["owner_agency"] = person.owner_agency_id
    form = PersonForm(request.POST or None, initial=initial, agencies=_agencies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(user=request.user, person=person, data=form.data_object())
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The record has been saved."))
            return redirect("people:detail", person.pk)
    return _private(render(request, "people/form.html", {"form": form, "title": _("Edit record #%(pk)s") % {"pk": person.pk},
                                                         "crumbs": _crumbs((f"#{person.pk}", None))}))


@login_required
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, pk=pk)
    try:
        body = services.person_export(user=request.user, person=person)
    except PermissionDenied as exc:
        raise Http404 from exc
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return _private(response)


@login_required
@require_POST
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("people:detail", person.pk)
    try:
        services.person_erase(user=request.user, person=person)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The person's data has been erased; only the fact of the erasure is kept."))
    return redirect("people:detail", person.pk)
