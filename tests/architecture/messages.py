"""One translation system: no code outside the allowlist words an error as a hard-coded
Vietnamese/English pair (``message_vi=``/``message_en=``). Parsers and services say what
went wrong as an ``ngvh.core.messages.Message`` (a code and parameters); views and
commands translate it with gettext, and the words live in the apps' catalogues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PAIR = re.compile(r"\bmessage_(?:vi|en)\b")
SUFFIXES = {".py", ".html", ".txt"}

# path (relative to src/ngvh) or folder (ending in "/"): why it may still name the pair
ALLOWED = {
    # not an error's words: the keys of the plan warnings that `ngvh plan parse --json`
    # prints (rendered from the codes) and that review drafts stored before the codes hold
    "plans/messages.py": "the plan warnings' message/message_en keys of the parse JSON and of older drafts",
}


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def _allowed(rel: str, allowed: dict[str, str]) -> bool:
    return any(rel == key or (key.endswith("/") and rel.startswith(key)) for key in allowed)


def check(src: Path, allowed: dict[str, str] = ALLOWED) -> list[Use]:
    """Every use of the pair in ``src`` (the ``ngvh`` package) outside ``allowed``."""
    uses = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(src).as_posix()
        if "locale" in Path(rel).parts or _allowed(rel, allowed):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if PAIR.search(line):
                uses.append(Use(rel, number, line.strip()))
    return uses
