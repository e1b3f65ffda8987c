"""The permission matrix: one row per URL (and method), one expected outcome per role.

Each app lists its rows in ``tests/<app>/permission_rows.py`` as ``ROWS``; the matrix
test collects them all and fails for any URL pattern of the project that has none.

A row's ``build(world)`` creates what the URL needs and returns the URL. ``world`` holds
the five roles' users (``world.users[role]``; anonymous is ``None``), the agencies of the
two reporters (``world.agency_a``/``world.agency_b``) and ``world.focal`` (Sở Ngoại vụ).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OK = "ok"  # status below 400 and not sent to the login page
DENIED = "denied"  # 403, or (anonymous) a redirect to the login page
NOT_FOUND = "404"  # looks exactly like a missing object

ROLES = ("anonymous", "reporter_a", "reporter_b", "leader", "coordinator")


@dataclass
class World:
    users: dict
    agency_a: object
    agency_b: object
    focal: object
    cache: dict = field(default_factory=dict)

    def once(self, key: str, make: Callable[[], object]):
        """Build a shared object once per test (several builders may need the same plan)."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


@dataclass(frozen=True)
class Row:
    name: str  # "namespace:url_name"
    build: Callable[[World], str]
    expect: dict[str, str]
    method: str = "GET"
    data: Callable[[World], dict] | None = None

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expected outcome for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.name}[{self.method}]"


def expect(anonymous=OK, reporter_a=OK, reporter_b=OK, leader=OK, coordinator=OK) -> dict[str, str]:
    return {
        "anonymous": anonymous, "reporter_a": reporter_a, "reporter_b": reporter_b, "leader": leader,
        "coordinator": coordinator,
    }


PUBLIC = expect()
SIGNED_IN = expect(anonymous=DENIED)
# A page a role may not see looks missing to that role, as a forbidden object does.
COORDINATOR_PAGE = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)
COORDINATOR_OBJECT = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)
