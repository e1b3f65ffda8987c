"""Roles are read in one place: the ``policies.py`` of each app, checked from the source.

A role read is any of:

- ``.is_superuser`` or ``.is_staff`` on anything;
- ``.role``, ``.agency_id`` or ``.agency`` on a user (a name such as ``user``, ``actor``,
  ``target``, or an attribute ending in ``.user`` like ``request.user``), also through
  ``getattr(user, "agency", None)``;
- the user ``Role`` enum, or a ``role=`` / ``role__...=`` / ``is_superuser=`` keyword in a
  query on ``User``;
- an import of the role predicates of ``ngvh.accounts.policies`` (``is_coordinator``,
  ``reads_everything``, ``belongs_to``...): they are the policies' building blocks, not
  something a view, selector or service asks directly. ``is_signed_in`` is not a role.

Outside ``policies.py`` (and the models and migrations that define the fields) such a read
is refused unless ``ALLOWED`` lists the file and the attribute with the reason. Every app
under ``src/ngvh`` is checked (``apps_of``): a new app is covered from its first file.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


def apps_of(src: Path) -> list[str]:
    """Every app under ``src``: each directory of the package, so a new app is checked
    from its first file (``config`` included: settings read no role and name no status)."""
    return sorted(p.name for p in src.iterdir() if p.is_dir() and p.name != "__pycache__")

ANY_OBJECT = {"is_superuser", "is_staff"}
ON_A_USER = {"role", "agency_id", "agency"}
USER_NAMES = {"user", "actor", "target", "owner", "reader"}
PREDICATES = {"is_admin", "is_coordinator", "is_reporter", "is_leader", "reads_everything", "belongs_to"}
ROLE_KEYWORDS = ("role", "agency", "is_superuser", "is_staff")

# (path under src/ngvh, what is read): why it is not a role check.
ALLOWED: dict[tuple[str, str], str] = {
    ("accounts/services.py", "role"): "the account services write the role field itself (create, edit, log the change)",
    ("accounts/services.py", "Role"): "the account services validate the role chosen in the account form",
    ("accounts/services.py", "agency"): "the account services write the agency of the account itself",
    ("accounts/services.py", "is_superuser"): "only a superuser changes their own role: the system actor's rules, kept with the account services",
    ("accounts/forms.py", "Role"): "the account form offers the roles as choices",
    ("accounts/views.py", "role"): "the account edit form is filled with the account's current role",
    ("accounts/views.py", "agency"): "the account edit form is filled with the account's current agency",
    ("accounts/demo_authors.py", "Role"): "the demo's illustrative author accounts are created with a role (account set-up, not a check)",
    ("accounts/demo_authors.py", "role"): "the demo looks up each agency's demo login by its role to act as that person",
    ("accounts/demo_authors.py", "agency"): "the demo looks up and creates author accounts of an agency (account set-up)",
    ("accounts/demo_authors.py", "is_superuser"): "the demo's author accounts are created as plain accounts (account set-up)",
    ("accounts/system.py", "role"): "the system actor's row is created once with no role that any policy grants",
    ("bench/measure.py", "role"): "the deadline-day measurement signs in as the reporter accounts the generator created (measurement set-up, not a check)",
    ("bench/measure.py", "Role"): "the deadline-day measurement signs in as the reporter accounts the generator created (measurement set-up, not a check)",
    ("core/frame.py", "role"): "the kept site header's key holds the values the header shows (the role's name), not a decision",
    ("core/frame.py", "is_superuser"): "the kept site header's key holds the values the header shows, not a decision",
    ("accounts/system.py", "Role"): "the system actor's row is created once with no role that any policy grants",
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: reads {self.what} outside a policies.py"


def _is_user(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in USER_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr == "user"
    return False


def _on_user_model(call: ast.Call) -> bool:
    """Whether a call chain starts from ``User`` (``User.objects.filter(...).exclude(...)``)."""
    node: ast.AST = call.func
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            return node.id in {"User", "get_user_model"}
        else:
            return False


def _is_getattr(call: ast.Call) -> bool:
    """``getattr(obj, "name"...)`` with the name written out."""
    return (
        isinstance(call.func, ast.Name) and call.func.id == "getattr" and len(call.args) >= 2
        and isinstance(call.args[1], ast.Constant) and isinstance(call.args[1].value, str)
    )


def _reads(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            if node.attr in ANY_OBJECT or (node.attr in ON_A_USER and _is_user(node.value)):
                found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Name) and node.id == "Role" and isinstance(node.ctx, ast.Load):
            found.append((node.lineno, "Role"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("accounts.policies"):
            found.extend((node.lineno, a.name) for a in node.names if a.name in PREDICATES)
        elif isinstance(node, ast.Call) and _is_getattr(node):
            what = node.args[1].value
            if what in ANY_OBJECT or (what in ON_A_USER and _is_user(node.args[0])):
                found.append((node.lineno, what))
        elif isinstance(node, ast.Call) and _on_user_model(node):
            for kw in node.keywords:
                if kw.arg and kw.arg.split("__")[0] in ROLE_KEYWORDS:
                    found.append((node.lineno, kw.arg.split("__")[0]))
    return found


def _exempt(rel: Path) -> bool:
    return rel.name in {"policies.py", "models.py"} or "migrations" in rel.parts


def check(src: Path, allowed: dict[tuple[str, str], str] | None = None, apps: list[str] | None = None) -> tuple[list[Violation], list[tuple[str, str]]]:
    """The role reads outside the policies, and the ``allowed`` entries no longer needed."""
    allowed = ALLOWED if allowed is None else allowed
    violations: list[Violation] = []
    used: set[tuple[str, str]] = set()
    for app in apps_of(src) if apps is None else apps:
        for path in sorted((src / app).rglob("*.py")):
            rel = path.relative_to(src)
            if _exempt(rel):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, what in _reads(tree):
                key = (rel.as_posix(), what)
                if key in allowed:
                    used.add(key)
                else:
                    violations.append(Violation(rel.as_posix(), line, what))
    stale = sorted(set(allowed) - used)
    return violations, stale
