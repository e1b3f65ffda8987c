"""Gifts catalogue pages. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ngvh.core.pages import crumbs, form_errors

from . import photos, selectors, services
from .forms import GiftForm, GiveForm, PhotoForm
from .policies import GiftPolicy


def _crumbs(*items):
    return crumbs(_("Cultural gifts"), "gifts:list", *items)


@login_required
def gift_list(request: HttpRequest) -> HttpResponse:
    if not GiftPolicy.can_view(request.user):
        raise Http404
    return render(request, "gifts/list.html", {
        "gifts": list(selectors.gift_list(user=request.user)), "can_manage": GiftPolicy.can_manage(request.user), "crumbs": _crumbs(),
    })


@login_required
def gift_create(request: HttpRequest) -> HttpResponse:
    if not GiftPolicy.can_manage(request.user):
        raise Http404
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gift = services.gift_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The gift has been added to the catalogue."))
            return redirect("gifts:detail", gift.pk)
    return render(request, "gifts/form.html", {"form": form, "title": _("Add a gift"), "crumbs": _crumbs((_("New"), None))})


@login_required
def gift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gift = selectors.gift_get(user=request.user, pk=pk)
    delegations = selectors.givable_delegations(user=request.user, gift=gift)
    form = GiveForm(request.POST or None, delegations=delegations)
    status = 200
    if request.method == "POST":
        from ngvh.delegations.selectors import delegation_get

        if form.is_valid():
            try:
                delegation = delegation_get(user=request.user, pk=form.cleaned_data["delegation"])
                services.gift_give(user=request.user, gift=gift, delegation=delegation, given_on=form.cleaned_data["given_on"])
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("The gift has been recorded."))
                return redirect("gifts:detail", gift.pk)
        status = 400
    return render(request, "gifts/detail.html", {
        "gift": gift, "presentations": selectors.presentations_of(user=request.user, gift=gift), "form": form,
        "can_give": bool(delegations) or request.method == "POST", "crumbs": _crumbs((gift.name, None)),
        "can_change_photo": GiftPolicy.can_change_photo(request.user, gift), "photo_form": PhotoForm(),
    }, status=status)


@login_required
@require_POST
def gift_photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Set, replace or remove (``remove`` posted) the gift's photo."""
    gift = selectors.gift_get(user=request.user, pk=pk)
    if not GiftPolicy.can_change_photo(request.user, gift):
        raise Http404
    form = PhotoForm(request.POST, request.FILES)
    try:
        if request.POST.get("remove"):
            services.gift_photo_remove(user=request.user, gift=gift)
            messages.success(request, _("The photo has been removed."))
            return redirect("gifts:detail", gift.pk)
        if form.is_valid():
            services.gift_photo_set(user=request.user, gift=gift, upload=form.cleaned_data["photo"])
            messages.success(request, _("The photo has been saved."))
            return redirect("gifts:detail", gift.pk)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        form_errors(form, exc)
    delegations = selectors.givable_delegations(user=request.user, gift=gift)
    return render(request, "gifts/detail.html", {
        "gift": gift, "presentations": selectors.presentations_of(user=request.user, gift=gift),
        "form": GiveForm(delegations=delegations), "can_give": bool(delegations), "crumbs": _crumbs((gift.name, None)),
        "can_change_photo": True, "photo_form": form,
    }, status=400)


@login_required
@require_GET
def gift_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The gift's photo, for signed-in readers of the catalogue only (the catalogue is internal)."""
    gift = selectors.gift_get(user=request.user, pk=pk)
    if not gift.photo_name:
        raise Http404
    try:
        handle = photos.open_photo(gift.photo_name)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except photos.STORAGE_ERRORS:
        return HttpResponse(
            _("The file store is not answering. Try again in a few minutes."), status=503,
            content_type="text/plain; charset=utf-8", headers={"Retry-After": "60"},
        )
    response = FileResponse(handle, content_type=gift.photo_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response
