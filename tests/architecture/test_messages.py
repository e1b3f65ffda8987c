"""Errors are message codes translated at the edges, and the check would catch a pair."""

import textwrap
from pathlib import Path

from .messages import ALLOWED, check

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"


def test_no_code_outside_the_allowlist_words_an_error_as_a_vietnamese_english_pair():
    # given the source tree
    # when every file is searched for message_vi / message_en
    uses = check(SRC)
    # then none is found outside the allowlist, and each allowlisted place says why
    assert [str(u) for u in uses] == [], "raise a Message (ngvh.core.messages) and word it in the app's catalogue"
    assert all(len(reason) > 15 for reason in ALLOWED.values())
    assert all((SRC / key).exists() for key in ALLOWED), "an allowlisted place is gone: remove its line"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "ngvh"
    for name, body in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return src


def test_a_pair_added_outside_the_allowlist_fails_the_check(tmp_path):
    # given a service and a template of another app wording an error as a pair,
    # the plans app's warnings reading their stored English key, and an app using a Message
    src = _tree(tmp_path, {
        "gifts/services.py": 'raise GiftError(message_vi="Không có quà.", message_en="No gift.")\n',
        "gifts/templates/gifts/x.html": "{{ error.message_en }}\n",
        "plans/messages.py": 'text = warning.get("message_en") or warning.get("message")\n',
        "people/services.py": 'raise PersonError(Message("people.missing", {"name": name}))\n',
        "people/locale/vi/LC_MESSAGES/notes.txt": "message_vi\n",
    })
    # when it is checked
    uses = check(src, ALLOWED)
    # then the gifts uses are refused, the allowlisted plans file and the Message are fine
    assert [(u.path, u.line) for u in uses] == [("gifts/services.py", 1), ("gifts/templates/gifts/x.html", 1)]
    # and without the allowlist the plans file's use would be refused too
    assert ("plans/messages.py", 1) in [(u.path, u.line) for u in check(src, {})]
