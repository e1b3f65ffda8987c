from importlib import import_module

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ngvh.plans import selectors as plan_selectors

# Apps that contribute "what to do next" blocks to the home page through
# ``<app>/home.py: blocks(request) -> list[{"template": str, "data": object}]``.
HOME_APPS = ["reporting", "activities", "dashboard"]


def _home_blocks(request: HttpRequest) -> list[dict]:
    blocks: list[dict] = []
    for app in HOME_APPS:
        try:
            module = import_module(f"ngvh.{app}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"ngvh.{app}.home":
                raise
            continue
        blocks.extend(module.blocks(request))
    return blocks


def home(request: HttpRequest) -> HttpResponse:
    """Each role's home says what that person must do next; apps add their blocks."""
    plans = plan_selectors.plan_list(user=request.user)
    return render(request, "site/home.html", {"plans": plans, "home_blocks": _home_blocks(request)})
