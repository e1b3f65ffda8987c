from ngvh.accounts.policies import is_coordinator, is_signed_in


class PlanPolicy:
    """A published plan is public (the People's Committee issued it); import is the focal point's job."""

    @staticmethod
    def can_view(user, plan) -> bool:
        return plan.is_published or is_signed_in(user)

    @staticmethod
    def can_import(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_edit_settings(user, plan) -> bool:
        return is_coordinator(user)
