"""Courses are facts of the plan: every officer reads them; the organiser (a reporter of
that agency) or the focal point records them, links trainees and creates the activity."""

from __future__ import annotations

from ngvh.accounts.policies import (
    acting_agency_id,
    belongs_to,
    is_coordinator,
    is_reporter,
    is_signed_in,
    reads_everything,
)


class CoursePolicy:
    @staticmethod
    def can_view(user) -> bool:
        return is_signed_in(user) and (reads_everything(user) or is_reporter(user))

    @staticmethod
    def can_create_for(user, agency_id) -> bool:
        return (is_coordinator(user) and agency_id is not None) or (is_reporter(user) and belongs_to(user, agency_id))

    @staticmethod
    def organiser_id(user) -> int | None:
        """The agency a new course is organised by unless another is chosen: the user's own."""
        return acting_agency_id(user)

    @staticmethod
    def can_create(user) -> bool:
        """Whether ``user`` may record a course for their own agency (the list's button)."""
        return CoursePolicy.can_create_for(user, CoursePolicy.organiser_id(user))

    @staticmethod
    def organisers(user, plan):
        """The agencies ``user`` may record a course for in ``plan``: any current agency of
        the plan's province for the focal point, the user's own for a reporter."""
        from ngvh.agencies.models import Agency

        agencies = Agency.objects.filter(province_id=plan.province_id, active_until__isnull=True).order_by("name")
        return agencies if is_coordinator(user) else agencies.filter(pk=user.agency_id)

    @staticmethod
    def can_change(user, course) -> bool:
        return is_coordinator(user) or (is_reporter(user) and belongs_to(user, course.organiser_id))
