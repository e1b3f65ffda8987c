"""Writes on training courses, with the acting user in the history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngvh.core.text import nfc

from .models import Course
from .policies import CoursePolicy


@transaction.atomic
def course_create(
    *, user, plan, title: str, organiser, start_date: dt.date, end_date: dt.date | None = None, task=None,
    place_name: str = "", trainee_count: int = 0,
) -> Course:
    if not CoursePolicy.can_create_for(user, organiser.pk if organiser else None):
        raise PermissionDenied
    errors = {}
    if not nfc(title):
        errors["title"] = [_("Enter the course's title.")]
    if start_date is None:
        errors["start_date"] = [_("Enter the start date.")]
    elif end_date and end_date < start_date:
        errors["end_date"] = [_("The end date cannot be before the start date.")]
    if task is not None and task.plan_id != plan.pk:
        errors["task"] = [_("Choose a task of this plan.")]
    if errors:
        raise ValidationError(errors)
    course = Course(
        plan=plan, task=task, title=nfc(title), organiser=organiser, start_date=start_date, end_date=end_date or start_date,
        place_name=nfc(place_name), trainee_count=trainee_count or 0, created_by=user,
    )
    course._history_user = user
    course.save()
    return course


@transaction.atomic
def course_trainee_add(*, user, course: Course, person) -> Course:
    """Link a trainee record of the people registry (the organiser's own records only)."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not CoursePolicy.can_change(user, course):
        raise PermissionDenied
    from ngvh.people.policies import PersonPolicy

    if not PersonPolicy.can_view(user, person) or person.owner_agency_id != course.organiser_id or person.erased_at:
        raise PermissionDenied
    if person.category != "trainee":
        raise ValidationError(_("Only a trainee record can be linked to a course."))
    course.trainees.add(person)
    linked = course.trainees.count()
    if course.trainee_count < linked:
        course.trainee_count = linked
        course._history_user = user
        course.save(update_fields=["trainee_count"])
    return course


@transaction.atomic
def course_activity_create(*, user, course: Course):
    """The course as a training activity of the organiser, against its task."""
    from ngvh.activities.data import ActivityData
    from ngvh.activities.models import ActivityKind, ActivityStatus
    from ngvh.activities.services import activity_create

    course = Course.objects.select_for_update().get(pk=course.pk)
    if not CoursePolicy.can_change(user, course):
        raise PermissionDenied
    if course.activity_id:
        raise ValidationError(_("This course already has its activity."))
    done = course.end_date < dt.date.today()
    activity = activity_create(
        user=user, plan=course.plan, confirm_unassigned=True,
        data=ActivityData(
            title=course.title, kind=ActivityKind.TRAINING, status=ActivityStatus.DONE if done else ActivityStatus.PLANNED,
            start_date=course.start_date, end_date=course.end_date, agency_id=course.organiser_id, place_name=course.place_name,
            task_ids=[course.task_id] if course.task_id else [], participants_total=course.trainee_count,
        ),
    )
    course.activity = activity
    course._history_user = user
    course.save(update_fields=["activity"])
    return activity
