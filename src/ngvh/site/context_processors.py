from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def ngvh(request: HttpRequest) -> dict:
    """Header facts shown on every page: the user's agency and role, the demo banner.

    A signed-in user is loaded by ``ngvh.accounts.backends.AccountBackend`` with the agency
    joined and the demo flag answered in the same query; a user loaded otherwise (anonymous,
    an API token) still gets both, in their own queries.
    """
    from ngvh.accounts.backends import DEMO_PRESENT
    from ngvh.accounts.policies import acting_agency
    from ngvh.site.demo_state import demo_data_present
    from ngvh.site.navigation import nav_for

    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    demo = getattr(user, DEMO_PRESENT, None) if signed_in else None
    return {
        "ngvh_demo_present": SimpleLazyObject(demo_data_present) if demo is None else demo,
        "ngvh_nav": nav_for(user) if user is not None else [],
        "ngvh_user_agency": acting_agency(user) if signed_in else None,
    }
