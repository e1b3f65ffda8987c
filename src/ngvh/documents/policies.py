from ngvh.accounts.policies import is_coordinator, reads_everything


class ConsolidationPolicy:
    """The city report is the focal point's work; leaders read it; reporters never see it
    (it quotes other agencies' reports before the city has issued it)."""

    @staticmethod
    def can_view(user) -> bool:
        return reads_everything(user)

    @staticmethod
    def can_build(user) -> bool:
        return is_coordinator(user)

    @staticmethod
    def can_edit(user, consolidation) -> bool:
        return is_coordinator(user)
