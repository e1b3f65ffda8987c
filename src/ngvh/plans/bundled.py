"""The plan shipped with the product (Hải Phòng's Kế hoạch 274/KH-UBND): the default a new
install loads, read from the package, never from outside the repository."""

from __future__ import annotations

from importlib.resources import files

BUNDLED_PLAN = "ke-hoach-274-KH-UBND-hai-phong.txt"


def bundled_plan_bytes() -> bytes:
    return files("ngvh.plans").joinpath("seeds", BUNDLED_PLAN).read_bytes()


def load_bundled_plan():
    """Imported by the system actor: the product ships it, no person chose it."""
    from ngvh.accounts.system import system_actor

    from .parser import parse_bytes
    from .services import plan_import, vocabulary_for

    data = bundled_plan_bytes()
    parsed = parse_bytes(data, BUNDLED_PLAN)
    parsed = parse_bytes(data, BUNDLED_PLAN, vocabulary=vocabulary_for(parsed.place))
    return plan_import(user=system_actor(), parsed=parsed, source_name=BUNDLED_PLAN, source_bytes=data).plan
