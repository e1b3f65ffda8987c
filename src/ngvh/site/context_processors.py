from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def ngvh(request: HttpRequest) -> dict:
    """Header facts shown on every page: the user's agency and role, the demo banner."""
    from ngvh.accounts.policies import acting_agency
    from ngvh.site.demo_state import demo_data_present
    from ngvh.site.navigation import nav_for

    user = getattr(request, "user", None)
    return {
        "ngvh_demo_present": SimpleLazyObject(demo_data_present),
        "ngvh_nav": nav_for(user) if user is not None else [],
        "ngvh_user_agency": acting_agency(user),
    }
