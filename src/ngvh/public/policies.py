"""The focal point (Sở Ngoại vụ) runs the news exchange with partner cities."""

from ngvh.accounts.policies import is_coordinator


class NewsArticlePolicy:
    @staticmethod
    def can_manage(user) -> bool:
        return is_coordinator(user)
