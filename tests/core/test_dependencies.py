"""What the code imports is declared, and the lock file pins everything declared."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def _imported_top_modules(folder: Path) -> set[str]:
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"ngvh", "tests", "__future__"}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_module_the_code_imports_comes_from_a_declared_dependency():
    # given the dependencies declared for running and for testing
    project = _project()
    runtime = _names(project["dependencies"])
    testing = runtime | _names(project["optional-dependencies"]["test"])
    distributions = packages_distributions()

    def undeclared(folder: Path, declared: set[str]) -> dict:
        out = {}
        for module in sorted(_imported_top_modules(folder)):
            dists = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
            if not dists & declared:
                out[module] = sorted(dists)
        return out

    # when the imports of the product and of the tests are read
    # then each one is declared (the product's among the runtime dependencies)
    assert undeclared(ROOT / "src", runtime) == {}
    assert undeclared(ROOT / "tests", testing) == {}


def test_the_lock_file_pins_every_declared_dependency():
    # given the declared dependencies and the lock file
    project = _project()
    declared = _names(project["dependencies"]) | _names(project["optional-dependencies"]["test"])
    pinned = {
        line.split("==")[0].strip().lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.lstrip().startswith("#")
    }
    # when they are compared
    # then nothing declared is left unpinned (run `make lock` after changing pyproject.toml)
    assert declared - pinned == set()
