"""Gifts catalogue pages. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import GiftForm, GiveForm
from .policies import GiftPolicy


def _crumbs(*items):
    return [(_("Cultural gifts"), reverse("gifts:list")), *items]


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
            _form_errors(form, exc)
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
                _form_errors(form, exc)
            else:
                messages.success(request, _("The gift has been recorded."))
                return redirect("gifts:detail", gift.pk)
        status = 400
    return render(request, "gifts/detail.html", {
        "gift": gift, "presentations": selectors.presentations_of(user=request.user, gift=gift), "form": form,
        "can_give": bool(delegations) or request.method == "POST", "crumbs": _crumbs((gift.name, None)),
    }, status=status)
