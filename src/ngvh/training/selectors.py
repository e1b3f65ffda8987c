"""Reads of training courses."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from .models import Course
from .policies import CoursePolicy


def course_list(*, user, plan_id: int | None = None) -> QuerySet[Course]:
    if not CoursePolicy.can_view(user):
        return Course.objects.none()
    qs = Course.objects.select_related("organiser", "task").annotate(linked=Count("trainees"))
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    return qs.order_by("-start_date", "-id")


def course_get(*, user, pk: int) -> Course:
    found = course_list(user=user).select_related("activity").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def linkable_trainees(*, user, course: Course):
    """Trainee records of the organiser the user may read, not yet linked (ids and numbers only)."""
    from ngvh.people.models import Person
    from ngvh.people.policies import PersonPolicy

    if not CoursePolicy.can_change(user, course):
        return Person.objects.none()
    rule = PersonPolicy.visible_q(user)
    if rule is None:
        return Person.objects.none()
    return (
        Person.objects.filter(rule, owner_agency_id=course.organiser_id, category="trainee", erased_at__isnull=True)
        .exclude(courses=course).order_by("id")
    )
