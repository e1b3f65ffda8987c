"""Roles are read only in the policies, and the check would catch a role read elsewhere."""

import textwrap
from pathlib import Path

from .policies import ALLOWED, check

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"


def test_no_role_is_read_outside_the_policies():
    # given the source tree
    # when every role read is checked
    violations, stale = check(SRC)
    # then each is in a policies.py or allowed with its reason, and no allowance is left over
    assert [str(v) for v in violations] == []
    assert stale == [], f"remove these entries from tests/architecture/policies.py ALLOWED: {stale}"
    assert all(len(reason) > 30 for reason in ALLOWED.values())


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "ngvh"
    for name, body in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return src


def test_a_role_read_in_a_view_or_selector_fails_the_check(tmp_path):
    # given role reads in a view, a selector and a mail module, one in an app no list names,
    # and the same reads in a policy
    src = _tree(tmp_path, {
        "reporting/views.py": (
            "from ngvh.accounts.policies import is_signed_in, reads_everything\n"
            "def v(request):\n"
            "    if request.user.is_superuser or request.user.role == 'coordinator':\n"
            "        return request.user.agency_id\n"
        ),
        "plans/selectors.py": "def s(user, qs):\n    return qs.filter(agency_id=user.agency_id)\n",
        "reporting/mail.py": "def m():\n    return User.objects.filter(role=Role.COORDINATOR).exclude(agency=None)\n",
        "reporting/policies.py": "def p(user):\n    return user.is_superuser or user.role == Role.LEADER\n",
        "grants/context.py": "def c(request):\n    return getattr(request.user, 'agency', None), getattr(x, 'is_staff')\n",
        "plans/models.py": "class Task:\n    def f(self, a):\n        return a.role == 'lead' and a.agency_id\n",
    })
    # when it is checked
    violations, stale = check(src, allowed={})
    # then every read outside the policies is refused, and an assignment's role is not a user's
    found = sorted((v.path, v.line, v.what) for v in violations)
    assert found == [
        ("grants/context.py", 2, "agency"),
        ("grants/context.py", 2, "is_staff"),
        ("plans/selectors.py", 2, "agency_id"),
        ("reporting/mail.py", 2, "Role"),
        ("reporting/mail.py", 2, "agency"),
        ("reporting/mail.py", 2, "role"),
        ("reporting/views.py", 1, "reads_everything"),
        ("reporting/views.py", 3, "is_superuser"),
        ("reporting/views.py", 3, "role"),
        ("reporting/views.py", 4, "agency_id"),
    ]
    assert stale == []


def test_an_allowed_read_passes_and_a_stale_allowance_is_reported(tmp_path):
    # given a form offering the roles, allowed with its reason, and an allowance for a file that no longer reads one
    src = _tree(tmp_path, {"accounts/forms.py": "CHOICES = Role.choices\n"})
    allowed = {
        ("accounts/forms.py", "Role"): "the account form offers the roles as choices",
        ("accounts/views.py", "role"): "nothing reads it any more",
    }
    # when it is checked
    violations, stale = check(src, allowed=allowed)
    # then the allowed read passes and the leftover allowance must be removed
    assert violations == []
    assert stale == [("accounts/views.py", "role")]
