from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors


def agency_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    agencies = selectors.agency_list(user=request.user, q=q)
    return render(
        request,
        "agencies/agency_list.html",
        {"agencies": agencies, "q": q, "crumbs": [(_("Agencies"), None)]},
    )


def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_get(user=request.user, pk=pk)
    assignments = list(agency.assignments.all())
    lead = [a for a in assignments if a.role == "lead"]
    coordinating = [a for a in assignments if a.role == "coordinator"]
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "lead": lead,
            "coordinating": coordinating,
            "crumbs": [(_("Agencies"), "/agencies/"), (agency.name, None)],
        },
    )
