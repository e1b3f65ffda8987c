from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services


def outbox_failures(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mails = list(selectors.outbox_failures_for(request.user))
    return render(request, "outbox/failures.html", {"mails": mails, "crumbs": [(_("Mail outbox"), None)]})


@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mail = selectors.outbox_mail_for(request.user, pk)
    services.outbox_mail_retry(actor=request.user, mail=mail)
    messages.success(request, _("The mail is back in the queue and will be sent again."))
    return redirect("outbox:failures")
