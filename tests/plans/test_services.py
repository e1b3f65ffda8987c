"""Storing an imported plan: idempotence, refusal, replacement, and the no-write guarantee."""

import dataclasses

import pytest

from ngvh.accounts.system import system_actor
from ngvh.agencies.models import Agency, AgencyAlias
from ngvh.plans.bundled import BUNDLED_PLAN, bundled_plan_bytes
from ngvh.plans.models import Plan, Task, TaskAssignment
from ngvh.plans.parsed import PlanParseError
from ngvh.plans.parser import parse_bytes
from ngvh.plans.services import PlanImportRefused, plan_import
from tests.factories import ActivityFactory


def _parsed():
    return parse_bytes(bundled_plan_bytes(), BUNDLED_PLAN)


def _counts():
    return (Plan.objects.count(), Task.objects.count(), TaskAssignment.objects.count(), Agency.objects.count())


@pytest.mark.django_db
def test_import_seed_stores_18_tasks_with_leads_and_coordinators():
    # When the bundled plan is imported
    result = plan_import(user=system_actor(), parsed=_parsed())
    # Then the plan holds 18 tasks, each with exactly one current lead
    plan = result.plan
    assert result.created
    assert plan.tasks.count() == 18
    assert plan.groups.count() == 4
    for task in plan.tasks.all():
        assert task.assignments.filter(role="lead").count() == 1
    i1 = plan.tasks.get(code="I.1")
    assert list(i1.assignments.filter(role="coordinator").values_list("agency__name", flat=True)) == [
        "Sở Văn hóa và Thể thao",
        "Sở Du lịch",
    ]
    assert i1.related_units is True
    assert plan.report_deadline_month == 11 and plan.report_deadline_day == 15


@pytest.mark.django_db
def test_import_creates_agencies_once_with_canonical_names():
    plan_import(user=system_actor(), parsed=_parsed())
    names = set(Agency.objects.values_list("name", flat=True))
    assert "Sở Văn hóa và Thể thao" in names
    assert "Sở Thông tin và Truyền thông" in names
    assert "Sở Văn hóa& Thể thao" not in names
    assert "Sở Thông tin-Truyền thông" not in names
    # placeholders are not agencies
    assert not any(n.lower().startswith("các đơn vị") for n in names)


@pytest.mark.django_db
def test_importing_the_same_document_twice_changes_nothing():
    # Given the plan imported once
    first = plan_import(user=system_actor(), parsed=_parsed())
    before = _counts()
    # When the same document is imported again
    second = plan_import(user=system_actor(), parsed=_parsed())
    # Then nothing changes
    assert second.unchanged and second.plan.pk == first.plan.pk
    assert _counts() == before


@pytest.mark.django_db
def test_changed_document_is_refused_without_replace_and_nothing_is_written():
    # Given the plan imported once
    plan_import(user=system_actor(), parsed=_parsed())
    before = _counts()
    changed = _parsed()
    changed.tasks[0] = dataclasses.replace(changed.tasks[0], title="Nội dung đã sửa")
    # When a changed version is imported without --replace
    with pytest.raises(PlanImportRefused) as excinfo:
        plan_import(user=system_actor(), parsed=changed)
    # Then it is refused with a pointer to the amendment flow, in vi and en
    assert excinfo.value.message.code == "plans.store.different_content"
    assert "điều chỉnh" in excinfo.value.text("vi") and "amendment" in excinfo.value.text("en")
    assert _counts() == before
    assert Task.objects.get(code="I.1").title != "Nội dung đã sửa"


@pytest.mark.django_db
def test_changed_document_replaces_with_replace():
    plan_import(user=system_actor(), parsed=_parsed())
    changed = _parsed()
    changed.tasks[0] = dataclasses.replace(changed.tasks[0], title="Nội dung đã sửa")
    result = plan_import(user=system_actor(), parsed=changed, replace=True)
    assert result.replaced
    assert Task.objects.get(code="I.1").title == "Nội dung đã sửa"
    assert Task.objects.count() == 18


@pytest.mark.django_db
def test_replace_is_refused_once_activities_point_at_tasks():
    plan = plan_import(user=system_actor(), parsed=_parsed()).plan
    activity = ActivityFactory(plan=plan, agency=Agency.objects.get(name="Sở Ngoại vụ"))
    activity.tasks.add(plan.tasks.get(code="I.1"))
    changed = _parsed()
    changed.tasks[0] = dataclasses.replace(changed.tasks[0], title="Nội dung đã sửa")
    with pytest.raises(PlanImportRefused):
        plan_import(user=system_actor(), parsed=changed, replace=True)
    assert Task.objects.get(code="I.1").title != "Nội dung đã sửa"


@pytest.mark.django_db
def test_failure_half_way_leaves_nothing_written():
    # Given a parsed plan whose last task names a group that does not exist
    broken = _parsed()
    broken.tasks.append(dataclasses.replace(broken.tasks[-1], code="IX.1", group="IX"))
    # When it is stored / Then it is refused with a message, not a KeyError
    with pytest.raises(PlanImportRefused) as refused:
        plan_import(user=system_actor(), parsed=broken)
    assert "IX.1" in refused.value.text("vi") and "IX.1" in refused.value.text("en")
    # And nothing is written
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_unreadable_document_writes_nothing():
    with pytest.raises(PlanParseError):
        parse_bytes("Không phải kế hoạch\n".encode(), "x.txt")
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_abbreviations_of_the_recipients_list_become_aliases():
    # Spellings that only differ by "&", "-", case or tone placement share the name's key;
    # abbreviations do not, so they are stored as aliases of the agency.
    plan_import(user=system_actor(), parsed=_parsed())
    aliases = dict(AgencyAlias.objects.values_list("alias", "agency__name"))
    assert aliases["Ng.v"] == "Sở Ngoại vụ"
    assert aliases["VHTT"] == "Sở Văn hóa và Thể thao"


@pytest.mark.django_db
def test_reporter_may_not_import(reporter_a):
    with pytest.raises(PermissionError):
        plan_import(parsed=_parsed(), user=reporter_a)
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_coordinator_may_import(coordinator):
    result = plan_import(parsed=_parsed(), user=coordinator)
    assert result.plan.imported_by == coordinator
