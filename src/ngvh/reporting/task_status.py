"""The status roll-up rule: one consolidated status per task from its agencies' lines.

Pure (no ORM: plain pairs in, a status out, named by ``TaskStatus``). The rule is documented for users in docs/consolidation.md; in short:

1. Lines without a status are ignored; ``not_arisen`` is neutral: it never makes a task
   look worse (an as-events-arise task that did not arise must not count against anyone).
2. The task is only as far along as its least advanced agency: any ``overdue`` line makes
   the task overdue; otherwise any ``in_progress`` line keeps it in progress.
3. When every agency reports the work done, the lead agency decides between done on time,
   done late and done without deadline (it answers for the task); without a lead line the
   worst of the coordinators' done statuses is taken (late before no-deadline before on time).
4. Only ``not_arisen`` lines: the task did not arise this period. No line at all: ``""``
   (no report covers the task).
"""

from __future__ import annotations

from collections.abc import Iterable

from ngvh.plans.models import AssignmentRole

from .models import TaskStatus

DONE_ON_TIME = TaskStatus.DONE_ON_TIME
DONE_LATE = TaskStatus.DONE_LATE
DONE_NO_DEADLINE = TaskStatus.DONE_NO_DEADLINE
IN_PROGRESS = TaskStatus.IN_PROGRESS
OVERDUE = TaskStatus.OVERDUE
NOT_ARISEN = TaskStatus.NOT_ARISEN

DONE = (DONE_ON_TIME, DONE_LATE, DONE_NO_DEADLINE)
# Worst first, for the done statuses when no lead line decides.
_DONE_SEVERITY = {DONE_LATE: 0, DONE_NO_DEADLINE: 1, DONE_ON_TIME: 2}

# Display order of statuses in tables and charts: finished first, then open, then neutral.
STATUS_ORDER = (DONE_ON_TIME, DONE_LATE, DONE_NO_DEADLINE, IN_PROGRESS, OVERDUE, NOT_ARISEN, "")


def rollup_status(lines: Iterable[tuple[str, str]]) -> str:
    """``lines`` are ``(role, status)`` pairs, role ``"lead"`` or ``"coordinator"``."""
    lines = [(role, status) for role, status in lines if status]
    if not lines:
        return ""
    counted = [(role, status) for role, status in lines if status != NOT_ARISEN]
    if not counted:
        return NOT_ARISEN
    statuses = {status for _, status in counted}
    if OVERDUE in statuses:
        return OVERDUE
    if IN_PROGRESS in statuses:
        return IN_PROGRESS
    lead = [status for role, status in counted if role == AssignmentRole.LEAD]
    if lead:
        return lead[0]
    return min(statuses, key=lambda s: _DONE_SEVERITY.get(s, 99))
