"""Who may see and change activities, their evidence and their calendars.

Activities are facts the city counts, so the rule is:

- **Coordinators** (Sở Ngoại vụ, and the system admin) read and change every activity.
- **Leaders** read every activity and every attachment; they change nothing.
- **Reporters** create, edit and delete their own agency's activities. They read their
  own agency's activities in every status, and other agencies' activities once those
  are *done*: a done activity is a public fact of the plan's implementation, while a
  planned or cancelled one is still the other agency's working draft.
- **Attachments** follow the activity, with one more limit: a reporter never sees
  another agency's attachment unless that attachment is marked public. Forbidden and
  missing give the same 404 (the selectors enforce it with :meth:`visible_q`).
- Nobody signed out sees anything here.
"""

from __future__ import annotations

from django.db.models import Q

from ngvh.accounts.policies import (
    acting_agency_id,
    belongs_to,
    is_coordinator,
    is_reporter,
    is_signed_in,
    reads_everything,
)

from .models import ActivityStatus


class ActivityPolicy:
    @staticmethod
    def visible_q(user) -> Q | None:
        """Filter on ``Activity`` giving what ``user`` may read; ``None`` means nothing."""
        if reads_everything(user):
            return Q()
        if is_reporter(user) and user.agency_id:
            return Q(agency_id=user.agency_id) | Q(status=ActivityStatus.DONE)
        return None

    @staticmethod
    def can_view(user, activity) -> bool:
        if reads_everything(user):
            return True
        if not is_reporter(user):
            return False
        return belongs_to(user, activity.agency_id) or activity.status == ActivityStatus.DONE

    @staticmethod
    def can_create(user) -> bool:
        return is_coordinator(user) or (is_reporter(user) and user.agency_id is not None)

    @staticmethod
    def can_choose_agency(user) -> bool:
        """Coordinators record for any agency; a reporter's agency is fixed to their own."""
        return is_coordinator(user)

    @staticmethod
    def default_agency_id(user) -> int | None:
        """The agency an activity is recorded for when none is chosen: the user's own."""
        return acting_agency_id(user)

    @staticmethod
    def recordable_agency_ids(user) -> set[int | None] | None:
        """The agencies ``user`` may record activities for; ``None`` means any."""
        return None if is_coordinator(user) else {acting_agency_id(user)}

    @staticmethod
    def can_record_for(user, agency_id: int | None) -> bool:
        """Which agency an activity may be recorded for: a reporter only their own."""
        if is_coordinator(user):
            return agency_id is not None
        return is_reporter(user) and belongs_to(user, agency_id)

    @staticmethod
    def can_record_for_task(user, agency_ids) -> bool:
        """Whether to offer recording an activity for a task held by ``agency_ids``: the
        focal point for any task, a reporter for the tasks of their own agency."""
        if is_coordinator(user):
            return True
        return is_reporter(user) and user.agency_id is not None and user.agency_id in set(agency_ids)

    @staticmethod
    def can_edit(user, activity) -> bool:
        return is_coordinator(user) or (is_reporter(user) and belongs_to(user, activity.agency_id))

    can_delete = can_edit

    @staticmethod
    def can_publish(user, activity, *, in_accepted_report: bool) -> bool:
        """The agency (or the focal point) shows a done activity of an accepted report."""
        return ActivityPolicy.can_edit(user, activity) and activity.status == ActivityStatus.DONE and in_accepted_report

    @staticmethod
    def can_import(user) -> bool:
        return ActivityPolicy.can_create(user)


class AttachmentPolicy:
    @staticmethod
    def visible_q(user) -> Q | None:
        """Filter on ``Attachment``; the activity rule plus the public flag for others."""
        if reads_everything(user):
            return Q()
        if is_reporter(user) and user.agency_id:
            return Q(activity__agency_id=user.agency_id) | Q(is_public=True, activity__status=ActivityStatus.DONE)
        return None

    @staticmethod
    def can_view(user, attachment) -> bool:
        activity = attachment.activity
        if not ActivityPolicy.can_view(user, activity):
            return False
        return reads_everything(user) or belongs_to(user, activity.agency_id) or attachment.is_public

    @staticmethod
    def can_add(user, activity) -> bool:
        return ActivityPolicy.can_edit(user, activity)

    @staticmethod
    def can_delete(user, attachment) -> bool:
        return ActivityPolicy.can_edit(user, attachment.activity)


class CalendarTokenPolicy:
    """Anyone signed in may subscribe to what they can read; the feed re-applies the
    reading rule of its owner every time it is fetched."""

    @staticmethod
    def can_create(user, agency_id: int | None) -> bool:
        return is_signed_in(user) and (reads_everything(user) or is_reporter(user))

    @staticmethod
    def feed_active(token) -> bool:
        return is_signed_in(token.user)
