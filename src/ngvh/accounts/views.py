from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import (
    LoginForm,
    OutboxPasswordResetForm,
    SecurityLogFilterForm,
    UserFilterForm,
    UserForm,
)
from .history import history_entries, history_kind
from .models import SecurityEventKind
from .policies import HistoryPolicy, SecurityEventPolicy, UserPolicy

PAGE_SIZE = 50


# ---- log in / out, passwords ------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.security_event_record(kind=SecurityEventKind.LOGIN, actor=form.get_user(), target=form.get_user(), request=self.request)
        return response

    def form_invalid(self, form):
        services.security_event_record(
            kind=SecurityEventKind.LOGIN_FAILED, username=self.request.POST.get("username", ""), request=self.request
        )
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.security_event_record(kind=SecurityEventKind.LOGOUT, actor=request.user, target=request.user, request=request)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = OutboxPasswordResetForm

    def form_valid(self, form):
        # Say the same thing whether or not the address is known: no account discovery.
        services.security_event_record(
            kind=SecurityEventKind.PASSWORD_RESET_REQUESTED, request=self.request,
            details={"email": form.cleaned_data["email"]},
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, actor=form.user, target=form.user, request=self.request)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, actor=self.request.user, target=self.request.user, request=self.request)
        return response


# ---- account administration ------------------------------------------------------------


def _signed_in_or_login(request: HttpRequest):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _page(request: HttpRequest, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _crumbs(*items):
    return [(_("Accounts"), reverse("accounts:user_list")), *items]


def user_list(request: HttpRequest) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    if not UserPolicy.can_manage(request.user):
        raise Http404
    form = UserFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.user_list(
        user=request.user, q=(data.get("q") or "").strip(), agency_id=data["agency"].pk if data.get("agency") else None,
        role=data.get("role") or "", active=data.get("active") or "",
    )
    page = _page(request, qs)
    return render(
        request, "accounts/user_list.html",
        {"form": form, "page": page, "filtered": any(data.values()) if data else False, "crumbs": [(_("Accounts"), None)]},
    )


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def user_create(request: HttpRequest) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    if not UserPolicy.can_manage(request.user):
        raise Http404
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.user_create(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Account created. A link to set the password was sent to %(email)s.") % {"email": target.email})
            return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/user_form.html", {"form": form, "crumbs": _crumbs((_("New account"), None))})


def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    target = selectors.user_get(user=request.user, pk=pk)
    events = list(selectors.security_events(user=request.user, target=target)[:20])
    return render(
        request, "accounts/user_detail.html",
        {"target": target, "events": events, "can_edit": UserPolicy.can_edit(request.user, target),
         "crumbs": _crumbs((target.display_name, None))},
    )


def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    target = selectors.user_get(user=request.user, pk=pk)
    if not UserPolicy.can_edit(request.user, target):
        raise Http404
    initial = {"full_name": target.full_name, "email": target.email, "agency": target.agency, "role": target.role}
    form = UserForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, target=target, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Account saved."))
            return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request, "accounts/user_form.html",
        {"form": form, "target": target,
         "crumbs": _crumbs((target.display_name, reverse("accounts:user_detail", args=[target.pk])), (_("Edit"), None))},
    )


ACTIONS = {
    "deactivate": (
        services.user_deactivate,
        _("Deactivate this account?"),
        _("The person can no longer log in. Their records and reports keep their name. You can reactivate the account later."),
        _("Account deactivated."),
    ),
    "reactivate": (
        services.user_reactivate,
        _("Reactivate this account?"),
        _("The person can log in again with their password."),
        _("Account reactivated."),
    ),
    "force_reset": (
        services.user_force_password_reset,
        _("Force a password reset?"),
        _("The current password stops working at once and open sessions end. A link to set a new password is emailed to the account's address."),
        _("Password reset: a link was sent to the account's email address."),
    ),
}


def _user_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    target = selectors.user_get(user=request.user, pk=pk)
    if not UserPolicy.can_edit(request.user, target):
        raise Http404
    service, title, explanation, done = ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            service(actor=request.user, target=target, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, str(done))
            return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request, "accounts/user_confirm.html",
        {"target": target, "title": title, "explanation": explanation, "error": error, "action": action,
         "crumbs": _crumbs((target.display_name, reverse("accounts:user_detail", args=[target.pk])), (title, None))},
    )


def user_deactivate(request, pk):
    return _user_action(request, pk, "deactivate")


def user_reactivate(request, pk):
    return _user_action(request, pk, "reactivate")


def user_force_reset(request, pk):
    return _user_action(request, pk, "force_reset")


def user_history(request: HttpRequest, pk: int) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    target = selectors.user_get(user=request.user, pk=pk)
    if not HistoryPolicy.can_view(request.user, target):
        raise Http404
    return render(
        request, "accounts/history.html",
        {"object": target, "entries": history_entries(target), "title": _("Change history: %(name)s") % {"name": target.display_name},
         "crumbs": _crumbs((target.display_name, reverse("accounts:user_detail", args=[target.pk])), (_("History"), None))},
    )


def object_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """History of the records the apps register (plans, tasks, annual reports, activities),
    for their pages to link to ("Lịch sử xử lý")."""
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    registered = history_kind(kind)
    obj = registered[0].objects.filter(pk=pk).first() if registered is not None else None
    if obj is None or not HistoryPolicy.can_view(request.user, obj):
        raise Http404
    page = registered[1](obj)
    return render(
        request, "accounts/history.html",
        {"object": obj, "entries": history_entries(obj), "title": _("Change history: %(name)s") % {"name": page.label},
         "crumbs": [page.section, (page.label, page.back), (_("History"), None)]},
    )


def security_log(request: HttpRequest) -> HttpResponse:
    if (resp := _signed_in_or_login(request)) is not None:
        return resp
    if not SecurityEventPolicy.can_view(request.user):
        raise Http404
    form = SecurityLogFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    page = _page(request, selectors.security_events(user=request.user, kind=kind))
    return render(
        request, "accounts/security_log.html",
        {"form": form, "page": page, "kind": kind, "crumbs": _crumbs((_("Security log"), None))},
    )
