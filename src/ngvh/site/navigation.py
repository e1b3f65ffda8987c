"""Header navigation. Each entry: (url name, label, predicate on the user).

Entries whose URL does not exist yet are skipped, so apps can be added one at a time.
"""

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from ngvh.core.fixed_urls import fixed_url


def _signed_in(user) -> bool:
    return user.is_authenticated


def _accounts(user) -> bool:
    from ngvh.accounts.policies import UserPolicy

    return UserPolicy.can_manage(user)


def _news(user) -> bool:
    from ngvh.public.policies import NewsArticlePolicy

    return NewsArticlePolicy.can_manage(user)


def _people(user) -> bool:
    from ngvh.people.policies import PersonPolicy

    return PersonPolicy.visible_q(user) is not None


NAV = [
    ("activities:list", _("Activities"), _signed_in),
    ("reporting:home", _("Reports"), _signed_in),
    ("dashboard:home", _("Dashboard"), _signed_in),
    ("partners:list", _("Partners"), _signed_in),
    ("delegations:list", _("Delegations"), _signed_in),
    ("people:list", _("People"), _people),
    ("budget:list", _("Budget"), _signed_in),
    ("accounts:user_list", _("Accounts"), _accounts),
    ("public:news_manage", _("News exchange"), _news),
]


def nav_for(user) -> list[dict]:
    items = []
    for name, label, allowed in NAV:
        if not allowed(user):
            continue
        try:
            items.append({"url": fixed_url(name), "label": label})
        except NoReverseMatch:
            continue
    return items
