"""The HTML pages for API tokens: list, create (the key is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def token_list(request, user_id: int | None = None):
    owner = selectors.token_owner_get(user=request.user, pk=user_id or request.user.pk)
    new_key, error = None, None
    if request.method == "POST":
        try:
            _token, new_key = services.api_token_create(
                user=request.user, owner=owner, name=request.POST.get("name", ""), request=request
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    tokens = selectors.tokens_for(user=request.user, owner=owner)
    response = render(
        request, "api/token_list.html",
        {"owner": owner, "tokens": tokens, "new_key": new_key, "error": error, "name": request.POST.get("name", "") if error else ""},
        status=400 if error else 200,
    )
    response["Cache-Control"] = "no-store"  # the new key must not stay in any cache
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_get(user=request.user, pk=pk)
    if token.revoked_at is None:
        services.api_token_revoke(user=request.user, token=token, request=request)
        messages.success(request, _("Token %(prefix)s… revoked: systems using it are refused from now on.") % {"prefix": token.prefix})
    if token.user_id == request.user.pk:
        return redirect(reverse("api:token_list"))
    return redirect(reverse("api:user_token_list", args=[token.user_id]))
