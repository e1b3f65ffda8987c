"""Who writes ``ngvh demo``'s illustrative data.

The demo creates its activities and reports through the services, as the people would,
so every step needs an author the policies accept. An agency's demo login
(``site.demo.DEMO_ACCOUNTS``, demo mode only) is that author when there is one; otherwise
the demo makes an illustrative author for the agency: marked ``is_demo``, with no email
and no password anyone could type, so nobody signs in as it and no mail goes to it.
"""

from __future__ import annotations

from .models import Role, User


def _illustrative(*, agency, role: str) -> User:
    from .services import demo_account_ensure
    from .system import system_actor

    suffix = "" if role == Role.REPORTER else f"-{role}"
    user, _created = demo_account_ensure(
        actor=system_actor(), username=f"minhhoa-{agency.pk}{suffix}", full_name=f"Cán bộ minh họa — {agency.name}",
        agency=agency, role=role, password=None,
    )
    return user


def demo_author(*, agency) -> User:
    """Who writes the agency's activities and report: its demo reporter, else its demo
    coordinator (the focal point writes its own report), else an illustrative reporter."""
    writers = list(
        User.objects.filter(agency=agency, is_active=True, is_demo=True, role__in=[Role.REPORTER, Role.COORDINATOR])
        .order_by("id")
    )
    for role in (Role.REPORTER, Role.COORDINATOR):
        found = next((u for u in writers if u.role == role), None)
        if found is not None:
            return found
    return _illustrative(agency=agency, role=Role.REPORTER)


def demo_coordinator(*, agency) -> User:
    """Who reviews the demo's reports for the focal point ``agency``: its demo coordinator
    (``dieuphoi``), else an illustrative one."""
    found = (
        User.objects.filter(agency=agency, is_active=True, is_demo=True, role=Role.COORDINATOR, is_superuser=False)
        .order_by("id").first()
    )
    return found or _illustrative(agency=agency, role=Role.COORDINATOR)


def province_coordinator(*, province) -> User | None:
    """Who records the demo's partner relationships: the province's first active
    coordinator (not the system admin), or ``None`` when it has none."""
    return (
        User.objects.filter(is_active=True, role=Role.COORDINATOR, is_superuser=False, agency__province=province)
        .order_by("id").first()
    )
