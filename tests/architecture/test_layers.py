"""The app graph is layered, and the check would catch a break of it."""

import textwrap
from pathlib import Path

from .layers import LAYERS, check

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"


def test_no_app_imports_an_app_above_it():
    # given the source tree
    # when every import between apps is checked against the layers
    violations, exceptions, unplaced = check(SRC)
    # then every app has its place, nothing imports upward, and each exception says why
    assert unplaced == [], f"place these apps in tests/architecture/layers.py LAYERS: {unplaced}"
    assert [str(v) for v in violations] == []
    assert all(len(e.reason) > 15 for e in exceptions)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "ngvh"
    for name, body in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    for app in {name.split("/")[0] for name in files}:
        (src / app / "apps.py").touch()
    return src


def test_a_deliberate_upward_import_fails_the_check(tmp_path):
    # given core importing reporting at module level, and plans doing it in a function
    src = _tree(tmp_path, {
        "core/text.py": "from ngvh.reporting.models import AnnualReport\n",
        "plans/services.py": "def f():\n    from ngvh.reporting import versions\n",
        "reporting/models.py": "from ngvh.plans.models import Task\n",
    })
    # when it is checked
    violations, exceptions, _unplaced = check(src, LAYERS)
    # then both upward imports are refused, and the downward one is fine
    found = {(v.source, v.target, v.inside_function) for v in violations}
    assert found == {("core", "ngvh.reporting.models", False), ("plans", "ngvh.reporting", True)}
    assert exceptions == []


def test_an_upward_import_inside_a_function_passes_only_with_its_reason(tmp_path):
    # given the same function import, now with a comment saying why
    src = _tree(tmp_path, {
        "plans/services.py": (
            "def f():\n"
            "    # upward: an amendment changes what the official figures show\n"
            "    from ngvh.reporting import versions\n"
        ),
        "core/x.py": "# upward: a module-level import is never excused\nfrom ngvh.plans import models\n",
    })
    # when it is checked
    violations, exceptions, _unplaced = check(src, LAYERS)
    # then the commented function import is an exception; the module-level one still fails
    assert [(e.source, e.reason) for e in exceptions] == [("plans", "an amendment changes what the official figures show")]
    assert [(v.source, v.inside_function) for v in violations] == [("core", False)]


def test_an_app_without_a_place_is_reported(tmp_path):
    # given a new app the layers do not list
    src = _tree(tmp_path, {"newapp/models.py": "x = 1\n"})
    # when it is checked
    _violations, _exceptions, unplaced = check(src, LAYERS)
    # then it must be placed
    assert unplaced == ["newapp"]
