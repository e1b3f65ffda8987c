from ngvh.reporting.task_status import rollup_status


def test_no_line_means_no_status():
    # given no line / when rolled up / then no status
    assert rollup_status([]) == ""
    assert rollup_status([("lead", "")]) == ""


def test_not_arisen_is_neutral():
    # given one agency done and one where the task did not arise / then the task is done
    assert rollup_status([("lead", "done_on_time"), ("coordinator", "not_arisen")]) == "done_on_time"
    # given only not-arisen lines / then the task did not arise
    assert rollup_status([("lead", "not_arisen"), ("coordinator", "not_arisen")]) == "not_arisen"


def test_worst_open_status_wins():
    # given the lead done and a coordinator overdue / then the task is overdue
    assert rollup_status([("lead", "done_on_time"), ("coordinator", "overdue")]) == "overdue"
    # given a coordinator still in progress / then the task is in progress
    assert rollup_status([("lead", "done_late"), ("coordinator", "in_progress")]) == "in_progress"
    assert rollup_status([("lead", "in_progress"), ("coordinator", "overdue")]) == "overdue"


def test_lead_decides_on_time_or_late_when_all_done():
    # given every agency done / then the lead's own done status decides
    assert rollup_status([("coordinator", "done_late"), ("lead", "done_on_time")]) == "done_on_time"
    assert rollup_status([("coordinator", "done_on_time"), ("lead", "done_late")]) == "done_late"


def test_without_lead_the_worst_done_status_is_taken():
    assert rollup_status([("coordinator", "done_on_time"), ("coordinator", "done_late")]) == "done_late"
    assert rollup_status([("coordinator", "done_on_time"), ("coordinator", "done_no_deadline")]) == "done_no_deadline"
