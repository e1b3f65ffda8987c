from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ngvh.plans import selectors as plan_selectors


def home(request: HttpRequest) -> HttpResponse:
    """Each role's home says what that person must do next; later issues add their parts."""
    plans = plan_selectors.plan_list(user=request.user)
    return render(request, "core/home.html", {"plans": plans})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
