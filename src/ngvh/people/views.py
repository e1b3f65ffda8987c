"""Pages of the people registry. Every read of a record goes through a logging service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ngvh.core import xlsx as core_xlsx
from ngvh.core.countries import country_choices, country_name
from ngvh.core.pages import crumbs, form_errors, private
from ngvh.core.xlsx_views import import_page

from . import services, xlsx
from .forms import PersonForm
from .models import PURPOSES, ConsentMethod, PersonCategory
from .policies import PersonPolicy


def _crumbs(*items):
    return crumbs(_("People"), "people:list", *items)


def _agencies(user):
    return PersonPolicy.recordable_agencies(user)


@login_required
@never_cache
def person_list(request: HttpRequest) -> HttpResponse:
    if PersonPolicy.visible_q(request.user) is None:
        raise Http404
    category = request.GET.get("category", "")
    people = services.people_list(user=request.user, category=category)
    return private(render(
        request, "people/list.html",
        {"people": people, "category": category, "categories": PersonCategory.choices,
         "can_create": PersonPolicy.can_create(request.user), "can_import": PersonPolicy.can_import(request.user),
         "can_export": PersonPolicy.can_export_list(request.user), "crumbs": _crumbs()},
    ))


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not PersonPolicy.can_create(request.user):
        raise Http404
    form = PersonForm(request.POST or None, agencies=_agencies(request.user), initial={"owner_agency": PersonPolicy.default_agency_id(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(user=request.user, data=form.data_object())
        except ValidationError as exc:
            form_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The record has been saved with the person's consent."))
            return redirect("people:detail", person.pk)
    return private(render(request, "people/form.html", {"form": form, "title": _("Record a person"), "crumbs": _crumbs((_("New"), None))}))


@login_required
@never_cache
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, pk=pk)
    rows = [(_label(name), getattr(person, name), PURPOSES[name]) for name in PURPOSES if name != "country"]
    return private(render(
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
            form_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The record has been saved."))
            return redirect("people:detail", person.pk)
    return private(render(request, "people/form.html", {"form": form, "title": _("Edit record #%(pk)s") % {"pk": person.pk},
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
    return private(response)


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


# ---- Excel ----------------------------------------------------------------------------------


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    if not PersonPolicy.can_import(request.user):
        raise Http404
    body = xlsx.build_template(
        categories=[str(label) for _v, label in PersonCategory.choices],
        methods=[str(label) for _v, label in ConsentMethod.choices],
        countries=[f"{code} - {name}" for code, name in country_choices()],
        agencies=list(_agencies(request.user).values_list("name", flat=True)),
    )
    return core_xlsx.attachment(body, "people-template.xlsx")


@login_required
@never_cache
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing saved) → confirm (every row or none, each with its consent)."""
    if not PersonPolicy.can_import(request.user):
        raise Http404
    here = reverse("people:import")
    return private(import_page(
        request, session_key="people_import",
        run=lambda data, commit: services.people_import_xlsx(user=request.user, data=data, commit=commit),
        context={
            "title": _("Import people from Excel"), "crumbs": _crumbs((_("Import from Excel"), None)),
            "template_url": reverse("people:import_template"),
            "template_hint": _("it has drop-down lists for the category, the agencies, the countries and how consent was given."),
            "steps": [
                _("Fill in one person per row. Leave the owning agency blank for your own."),
                _("Every row needs the person's consent: the date it was given (dd/mm/yyyy), what it covers and how it was given. A row without consent is refused."),
            ],
            "preview_headers": [_("Category"), _("Full name"), _("Owning agency"), _("Consent given on"), _("How consent was given")],
            "hidden": [],
        },
        done_url=reverse("people:list"), again_url=here,
        done_message=lambda outcome: _("%(count)s records have been saved with the people's consent.") % {"count": outcome.saved},
    ))


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The records the user may change, as Excel; every record exported is logged."""
    try:
        body, _count = services.people_export_xlsx(user=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    return private(core_xlsx.attachment(body, f"people-{timezone.localdate():%Y%m%d}.xlsx"))
