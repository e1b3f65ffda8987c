"""Status values are named through their ``TextChoices``, never typed as raw strings.

A raw literal is refused where it meets a status-like field (``status``, ``kind``, ``role``,
or a name ending in ``_status``/``_kind``/``_role``):

- compared: ``report.status == "accepted"``, ``a.kind != "visit"``, ``x.status in ("a", "b")``;
- assigned: ``report.status = "draft"``;
- passed as a keyword: ``filter(status="submitted")``, ``Q(report__status__in=["a", "b"])``,
  ``Activity(kind="visit")``.

Models (where the choices are defined, with their constraints) and migrations are
exempt; ``ALLOWED`` lists the other files left out, each with its reason. Every app under
``src/ngvh`` is checked (``apps_of``): a new app is covered from its first file.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


def apps_of(src: Path) -> list[str]:
    """Every app under ``src``: each directory of the package, so a new app is checked
    from its first file (``config`` included: settings read no role and name no status)."""
    return sorted(p.name for p in src.iterdir() if p.is_dir() and p.name != "__pycache__")

FIELDS = {"status", "kind", "role"}
LOOKUPS = {"in", "exact", "iexact", "ne"}

# path under src/ngvh: why its raw status strings stay.
ALLOWED: dict[str, str] = {
    "agencies/selectors.py": "agencies sits below plans: naming AssignmentRole here would import upward",
    "agencies/views.py": "agencies sits below plans: naming AssignmentRole here would import upward",
    "plans/parser.py": "the plan parser is pure (plain data, no Django models) and keeps its own vocabulary",
    "plans/parsed.py": "the parser's plain-data output, pure like the parser; mapped onto TimeframeKind on import",
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    field: str
    value: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: raw {self.value!r} for {self.field}; use its TextChoices member"


def _is_field_name(name: str) -> bool:
    return name in FIELDS or any(name.endswith("_" + f) for f in FIELDS)


def _field_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and _is_field_name(node.attr):
        return node.attr
    if isinstance(node, ast.Name) and _is_field_name(node.id):
        return node.id
    return None


def _keyword_field(arg: str) -> str | None:
    parts = arg.split("__")
    while len(parts) > 1 and parts[-1] in LOOKUPS:
        parts.pop()
    return parts[-1] if _is_field_name(parts[-1]) else None


def _literals(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [v for elt in node.elts for v in _literals(elt)]
    return []


def _found(tree: ast.AST) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for left, right in zip(sides, sides[1:], strict=False):
                for a, b in ((left, right), (right, left)):
                    field = _field_of(a)
                    if field:
                        found.extend((node.lineno, field, v) for v in _literals(b))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                field = _field_of(target) if isinstance(target, ast.Attribute) else None
                if field:
                    found.extend((node.lineno, field, v) for v in _literals(node.value))
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                field = _keyword_field(kw.arg) if kw.arg else None
                if field:
                    found.extend((node.lineno, field, v) for v in _literals(kw.value))
    return found


def _exempt(rel: Path) -> bool:
    return rel.name == "models.py" or "migrations" in rel.parts


def check(src: Path, allowed: dict[str, str] | None = None, apps: list[str] | None = None) -> tuple[list[Violation], list[str]]:
    """The raw status literals, and the ``allowed`` files no longer needing it."""
    allowed = ALLOWED if allowed is None else allowed
    violations: list[Violation] = []
    used: set[str] = set()
    for app in apps_of(src) if apps is None else apps:
        for path in sorted((src / app).rglob("*.py")):
            rel = path.relative_to(src)
            if _exempt(rel):
                continue
            found = _found(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            if rel.as_posix() in allowed:
                if found:
                    used.add(rel.as_posix())
                continue
            violations.extend(Violation(rel.as_posix(), line, field, value) for line, field, value in sorted(found))
    return violations, sorted(set(allowed) - used)
