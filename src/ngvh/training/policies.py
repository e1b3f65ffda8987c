"""Courses are facts of the plan: every officer reads them; the organiser (a reporter of
that agency) or the focal point records them, links trainees and creates the activity."""

from __future__ import annotations

from ngvh.accounts.policies import (
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
    def can_change(user, course) -> bool:
        return is_coordinator(user) or (is_reporter(user) and belongs_to(user, course.organiser_id))
