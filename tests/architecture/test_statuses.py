"""Status values are named through their TextChoices, and the check would catch a raw one."""

import textwrap
from pathlib import Path

from .statuses import ALLOWED, check

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"


def test_no_raw_status_string_outside_the_models():
    # given the source tree
    # when every comparison, assignment and query keyword on a status-like field is checked
    violations, stale = check(SRC)
    # then none uses a raw string, and each file left out is still needed and says why
    assert [str(v) for v in violations] == []
    assert stale == [], f"remove these files from tests/architecture/statuses.py ALLOWED: {stale}"
    assert all(len(reason) > 30 for reason in ALLOWED.values())


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "ngvh"
    for name, body in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return src


def test_a_raw_status_in_a_service_or_view_fails_the_check(tmp_path):
    # given raw statuses compared, assigned and filtered on in a service and a view,
    # one in an app no list names, the enum member used in a selector, and the raw values
    # where the choices are defined
    src = _tree(tmp_path, {
        "reporting/services.py": (
            "def accept(report, qs):\n"
            "    if report.status != 'submitted':\n"
            "        return qs.filter(report__status__in=['draft', ReportStatus.RETURNED])\n"
            "    report.status = 'accepted'\n"
        ),
        "activities/views.py": "def v(a, Q):\n    return 'done' == a.status or Q(kind='visit') or a.role in ('lead',)\n",
        "grants/services.py": "def g(grant):\n    grant.status = 'paid'\n",
        "reporting/selectors.py": "def s(qs):\n    return qs.filter(status=ReportStatus.ACCEPTED)\n",
        "reporting/models.py": "class ReportStatus:\n    DRAFT = 'draft'\n\ndef f(r):\n    return r.status == 'draft'\n",
        "reporting/migrations/0001_initial.py": "x = dict(status='draft')\n",
    })
    # when it is checked
    violations, stale = check(src, allowed={})
    # then each raw literal is refused, with its line and field
    found = sorted((v.path, v.line, v.field, v.value) for v in violations)
    assert found == [
        ("activities/views.py", 2, "kind", "visit"),
        ("activities/views.py", 2, "role", "lead"),
        ("activities/views.py", 2, "status", "done"),
        ("grants/services.py", 2, "status", "paid"),
        ("reporting/services.py", 2, "status", "submitted"),
        ("reporting/services.py", 3, "status", "draft"),
        ("reporting/services.py", 4, "status", "accepted"),
    ]
    assert stale == []


def test_a_file_left_out_passes_and_a_stale_one_is_reported(tmp_path):
    # given a demo module left out with its reason, and a left-out file with nothing raw any more
    src = _tree(tmp_path, {
        "reporting/demo.py": "def load(r):\n    r.status = 'accepted'\n",
        "plans/parser.py": "x = 1\n",
    })
    allowed = {"reporting/demo.py": "rewritten elsewhere", "plans/parser.py": "pure"}
    # when it is checked
    violations, stale = check(src, allowed=allowed)
    # then the left-out file passes and the stale entry must be removed
    assert violations == []
    assert stale == ["plans/parser.py"]
