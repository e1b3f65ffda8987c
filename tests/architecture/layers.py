"""The app graph's one rule, checked from the source: an app imports only the apps below it.

``LAYERS`` lists the apps from the bottom up. An import of a higher app is refused at
module level. Inside a function it is allowed only where a comment beginning with
``upward:`` (on the import's line or right above its block of imports) says why: such
an import is a deliberate exception, visible where it is made and listed by this check.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

LAYERS = [
    "core",        # text keys, template tags, middleware: knows no domain
    "outbox",      # mail written with the change, sent with retries
    "accounts",    # users, roles, security log, the history reader
    "agencies",    # provinces, agencies, restructurings
    "plans",       # plans, groups, tasks and who holds them
    "activities",  # activities, evidence, activity figures
    "reporting",   # reporting years, annual reports, official figures
    "budget",      # yearly estimates against actual spending (read by the report and the dashboard)
    "documents",   # the consolidated city report (.docx, .xlsx)
    "dashboard",   # dashboards over everything below
    "people",      # personal data (Nghị định 13/2023): collaborators, trainees, contacts
    "partners",    # foreign partners' relationships, documents, anniversaries
    "delegations", # delegations and press crews
    "gifts",       # cultural gifts given to partners
    "training",    # training courses
    "public",      # the public site and open data
    "api",         # the REST API
    "site",        # home page, navigation, demo data: puts the apps together
    "bench",       # the benchmark, a developer's tool
]


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    source: str
    target: str
    inside_function: bool

    def __str__(self) -> str:
        where = "inside a function without an 'upward:' comment" if self.inside_function else "at module level"
        return f"{self.path}:{self.line}: {self.source} imports {self.target} ({where})"


@dataclass(frozen=True)
class Exception_:
    path: str
    line: int
    source: str
    target: str
    reason: str


def _imported(node: ast.AST, rel: tuple[str, ...]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = rel[: len(rel) - node.level]
            return [".".join(("ngvh", *base, *([node.module] if node.module else [])))]
        return [node.module] if node.module else []
    return []


def _reason(lines: list[str], lineno: int) -> str:
    """The ``upward:`` comment on the import's line or above it, over the comments and the
    other imports of the same block (one comment may explain a group of imports)."""
    candidates = [lines[lineno - 1]]
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith(("#", "from ", "import ")):
        candidates.append(lines[i])
        i -= 1
    for text in candidates:
        if "# upward:" in text:
            return text.split("# upward:", 1)[1].strip()
    return ""


def check(src: Path, layers: list[str] = LAYERS) -> tuple[list[Violation], list[Exception_], list[str]]:
    """Violations, the commented exceptions, and apps missing from ``layers``."""
    rank = {app: i for i, app in enumerate(layers)}
    violations: list[Violation] = []
    exceptions: list[Exception_] = []
    unplaced: set[str] = set()
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).parts
        if len(rel) < 2 or "migrations" in rel or rel[0] in ("config",):
            continue
        app = rel[0]
        if app not in rank:
            if (src / app / "apps.py").exists():
                unplaced.add(app)
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        in_function = {
            id(sub)
            for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
            for sub in ast.walk(fn) if isinstance(sub, (ast.Import, ast.ImportFrom))
        }
        for node in ast.walk(tree):
            for module in _imported(node, rel):
                parts = module.split(".")
                if parts[0] != "ngvh" or len(parts) < 2:
                    continue
                target = parts[1]
                if target not in rank:
                    if (src / target / "apps.py").exists():
                        unplaced.add(target)
                    continue
                if rank[target] <= rank[app] and not (rank[target] == rank[app] and target != app):
                    continue
                shown = str(path.relative_to(src.parent))
                reason = _reason(lines, node.lineno) if id(node) in in_function else ""
                if reason:
                    exceptions.append(Exception_(shown, node.lineno, app, module, reason))
                else:
                    violations.append(Violation(shown, node.lineno, app, module, id(node) in in_function))
    return violations, exceptions, sorted(unplaced)
