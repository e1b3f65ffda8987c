from ngvh.accounts.policies import is_coordinator, is_signed_in, is_system

from .models import ImportReviewStatus


class PlanPolicy:
    """A published plan is public (the People's Committee issued it); import is the focal point's job."""

    @staticmethod
    def can_view(user, plan) -> bool:
        return plan.is_published or is_signed_in(user)

    @staticmethod
    def can_import(user) -> bool:
        # The system actor: ``ngvh plan import`` and the bundled plan a new install loads.
        return is_coordinator(user) or is_system(user)

    @staticmethod
    def can_edit_settings(user, plan) -> bool:
        return is_coordinator(user)


class ImportReviewPolicy:
    """Checking an uploaded plan before it is stored is part of importing: the focal point's job.

    A draft holds the whole uploaded document, so only coordinators see drafts at all.
    """

    @staticmethod
    def can_create(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_view(user, review) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_edit(user, review) -> bool:
        return is_coordinator(user) and review.status == ImportReviewStatus.DRAFT

    @staticmethod
    def can_replace(user, plan) -> bool:
        return is_coordinator(user)
