"""The bundled plan and the demo accounts.

Demo accounts exist only in demo mode (``NGVH_DEMO``, on for ``make run``); each app may
add illustrative data through a ``demo.py`` module with ``load(*, plan, stdout)``,
always marked as illustrative.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.db import transaction

from ngvh.plans.bundled import load_bundled_plan

DEMO_PASSWORD = "ngvh-demo-2026"

DEMO_ACCOUNTS = [
    # username, full name, agency, role
    ("dieuphoi", "Nguyễn Thị Điều Phối", "Sở Ngoại vụ", "coordinator"),
    ("vhtt", "Trần Văn Văn Hóa", "Sở Văn hóa và Thể thao", "reporter"),
    ("dulich", "Lê Thị Du Lịch", "Sở Du lịch", "reporter"),
    # the agency formed by the 2025 merger of the two above (agencies.demo applies it)
    ("vhttdl", "Hoàng Văn Hợp Nhất", "Sở Văn hóa, Thể thao và Du lịch", "reporter"),
    ("noivu", "Đỗ Thị Nội Vụ", "Sở Nội vụ", "reporter"),
    ("lanhdao", "Phạm Văn Lãnh Đạo", "Văn phòng Ủy ban nhân dân thành phố", "leader"),
]

DEMO_APPS = ["agencies", "activities", "reporting", "documents", "partners"]


@transaction.atomic
def demo_accounts_ensure(*, plan) -> list[tuple[str, str, str, str]]:
    from ngvh.accounts.services import demo_account_ensure
    from ngvh.accounts.system import system_actor
    from ngvh.agencies.services import agencies_ensure

    if not settings.NGVH_DEMO:
        raise RuntimeError("demo accounts are only created in demo mode (NGVH_DEMO=1)")
    agencies = agencies_ensure(province=plan.province, names=[a[2] for a in DEMO_ACCOUNTS])
    actor = system_actor()
    created = []
    for username, full_name, agency_name, role in DEMO_ACCOUNTS:
        user, _was_created = demo_account_ensure(
            actor=actor, username=username, full_name=full_name, agency=agencies[agency_name], role=role,
            password=DEMO_PASSWORD, email=f"{username}@demo.invalid",
        )
        created.append((username, DEMO_PASSWORD, agency_name, user.get_role_display()))
    return created


def load_demo(*, stdout=None) -> tuple[object, list]:
    plan = load_bundled_plan()
    accounts = demo_accounts_ensure(plan=plan) if settings.NGVH_DEMO else []
    for app in DEMO_APPS:
        try:
            module = import_module(f"ngvh.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"ngvh.{app}.demo":
                raise
            continue
        module.load(plan=plan, stdout=stdout)
    return plan, accounts
