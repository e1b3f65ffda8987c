"""The system actor: one inactive account row for commands and timers, named in events
and change history, that nobody can sign in as and that policies admit only explicitly."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.utils import translation

from ngvh.accounts import policies, selectors
from ngvh.accounts.history import history_entries
from ngvh.accounts.models import User
from ngvh.accounts.policies import UserPolicy, is_coordinator, is_signed_in, is_system
from ngvh.accounts.system import SYSTEM_USERNAME, history_actor, system_actor
from ngvh.agencies.models import Agency, RestructuringEvent
from ngvh.agencies.policies import AgencyPolicy, RestructuringEventPolicy
from ngvh.plans.models import Plan, TaskAssignment
from ngvh.plans.policies import PlanPolicy
from ngvh.reporting.models import AnnualReport, ReminderLog, ReportEvent, ReportingYear
from ngvh.reporting.policies import ReportingYearPolicy, ReportPolicy
from ngvh.reporting.services import reminders_send
from tests.factories import AgencyFactory
from tests.reporting.factories import small_plan

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# ---- the row ------------------------------------------------------------------------------


def test_system_actor_is_one_inactive_row_with_no_usable_password():
    # when it is asked for twice
    first, second = system_actor(), system_actor()
    # then it is the same single row, inactive, with no password anyone could type
    assert first.pk == second.pk and User.objects.filter(is_system=True).count() == 1
    assert first.username == SYSTEM_USERNAME and not first.is_active and not first.has_usable_password()


def test_system_actor_is_created_beside_a_person_named_system():
    # given a person whose username is "system"
    from tests.factories import UserFactory

    person = UserFactory(username=SYSTEM_USERNAME)
    # when the system actor is first needed, then it is a row of its own
    actor = system_actor()
    assert actor.pk != person.pk and actor.is_system and actor.username == "ngvh-system"
    assert system_actor().pk == actor.pk


def test_system_actor_cannot_log_in(client, rf):
    # given the system actor, even with a password set behind the application's back
    actor = system_actor()
    actor.set_password("a-password-someone-set")
    actor.save()
    # when someone tries to sign in as it, through the backend and through the page
    request = rf.post("/accounts/login/")
    assert authenticate(request, username=SYSTEM_USERNAME, password="a-password-someone-set") is None
    response = client.post("/accounts/login/", {"username": SYSTEM_USERNAME, "password": "a-password-someone-set"})
    # then no session is opened
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_system_actor_cannot_be_made_active():
    # given the system actor
    actor = system_actor()
    # when it is switched on directly in the database, then the constraint refuses it
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=actor.pk).update(is_active=True)


def test_system_actor_is_shown_as_the_system_in_both_languages():
    actor = system_actor()
    with translation.override("vi"):
        assert actor.display_name == str(actor) == "Hệ thống (lệnh/tác vụ định kỳ)"
    with translation.override("en"):
        assert actor.display_name == "System (command or timer)"


def test_account_administration_neither_lists_nor_opens_the_system_actor(coordinator):
    # given the system actor and a coordinator managing accounts
    actor = system_actor()
    # then it is not in the list, its page is a 404 and nobody may edit it
    assert actor not in selectors.user_list(user=coordinator)
    with pytest.raises(Http404):
        selectors.user_get(user=coordinator, pk=actor.pk)
    assert not UserPolicy.can_edit(coordinator, actor)


# ---- policies: explicit, one test per function that admitted "no user" --------------------


def test_role_predicates_do_not_admit_the_system_actor():
    actor = system_actor()
    assert is_system(actor)
    assert not is_signed_in(actor) and not is_coordinator(actor) and not policies.reads_everything(actor)


def test_people_are_not_the_system_actor(coordinator, reporter_a):
    assert not is_system(coordinator) and not is_system(reporter_a) and not is_system(None)


def test_reporting_year_open_admits_the_system_actor(coordinator, reporter_a):
    assert ReportingYearPolicy.can_open(system_actor())
    assert ReportingYearPolicy.can_open(coordinator) and not ReportingYearPolicy.can_open(reporter_a)


def test_due_reminders_are_the_system_actors_alone(coordinator):
    assert ReportingYearPolicy.can_send_due_reminders(system_actor())
    assert not ReportingYearPolicy.can_send_due_reminders(coordinator)


def test_plan_import_admits_the_system_actor(coordinator, reporter_a):
    assert PlanPolicy.can_import(system_actor())
    assert PlanPolicy.can_import(coordinator) and not PlanPolicy.can_import(reporter_a)


def test_restructuring_record_and_agency_create_admit_the_system_actor(coordinator, reporter_a):
    actor = system_actor()
    assert RestructuringEventPolicy.can_record(actor) and AgencyPolicy.can_create(actor)
    assert not RestructuringEventPolicy.can_record(reporter_a) and not AgencyPolicy.can_create(reporter_a)


def test_the_system_actor_does_nothing_a_policy_does_not_grant_it():
    # given a report of an agency
    sp = small_plan()
    run("report", "open", "--plan", "274/KH-UBND", "--year", "2025", "--today", "2025-10-01")
    report = AnnualReport.objects.filter(agency=sp.a).first()
    actor = system_actor()
    # then the system actor neither reads, writes, reviews nor edits agencies
    assert not ReportPolicy.can_view(actor, report) and not ReportPolicy.can_edit(actor, report)
    assert not ReportPolicy.can_review(actor, report)
    assert not AgencyPolicy.can_edit(actor, sp.a) and not RestructuringEventPolicy.can_view(actor)


def test_due_reminders_refuse_a_person(coordinator):
    # when a coordinator calls the timer's service, then it is refused
    with pytest.raises(PermissionDenied):
        reminders_send(user=coordinator, today=dt.date(2025, 11, 1))


# ---- commands record the system actor ------------------------------------------------------


def test_report_open_records_the_system_actor_in_events_and_history():
    # given a plan
    sp = small_plan()
    # when the year is opened from the command line
    run("report", "open", "--plan", "274/KH-UBND", "--year", "2025", "--today", "2025-10-01")
    actor = system_actor()
    # then the year names the system actor, and so does every "created" event
    assert ReportingYear.objects.get(plan=sp.plan, year=2025).opened_by == actor
    events = ReportEvent.objects.filter(kind="created")
    assert events.count() == 4 and set(events.values_list("actor", flat=True)) == {actor.pk}
    # and the reports' change history names it too
    report = AnnualReport.objects.get(agency=sp.a)
    assert [h.history_user for h in report.history.all()] == [actor]
    with translation.override("vi"):
        assert history_entries(report)[0].user.display_name == "Hệ thống (lệnh/tác vụ định kỳ)"


def test_remind_records_the_system_actor_in_events_and_the_sent_log(django_capture_on_commit_callbacks, mailoutbox):
    # given an opened year with agencies that have not reported
    small_plan()
    run("report", "open", "--plan", "274/KH-UBND", "--year", "2025", "--today", "2025-10-01")
    # when the daily reminder runs 14 days before the deadline
    with django_capture_on_commit_callbacks(execute=True):
        run("remind", "--today", "2025-11-01")
    actor = system_actor()
    # then each reminder event and sent-log row names the system actor
    reminded = ReportEvent.objects.filter(kind="reminded")
    assert reminded.exists() and set(reminded.values_list("actor", flat=True)) == {actor.pk}
    assert set(ReminderLog.objects.values_list("sent_by", flat=True)) == {actor.pk}


def test_apply_restructuring_records_the_system_actor_in_the_event_and_history(seed_plan):
    # when the bundled restructuring is applied from the command line, with no --user
    run("agencies", "apply-restructuring", "hai-phong-2025", "--lang", "en")
    actor = system_actor()
    # then the event names the system actor
    event = RestructuringEvent.objects.get()
    assert event.recorded_by == actor
    # and so does the history of every assignment it closed or opened, and of the new agency
    changed = TaskAssignment.objects.filter(pk__in=event.changes["created"] + [c["id"] for c in event.changes["closed"]])
    assert changed.exists()
    for assignment in changed:
        assert assignment.history.latest().history_user == actor
    merged = Agency.objects.get(pk__in=event.changes["created_agencies"])
    assert merged.history.earliest().history_user == actor


def test_plan_import_command_records_the_system_actor(tmp_path):
    # given the bundled plan as a file
    from ngvh.plans.bundled import BUNDLED_PLAN, bundled_plan_bytes

    path = tmp_path / BUNDLED_PLAN
    path.write_bytes(bundled_plan_bytes())
    # when it is imported from the command line
    run("plan", "import", str(path))
    actor = system_actor()
    # then the plan was imported by the system actor, and its history says so
    plan = Plan.objects.get()
    assert plan.imported_by == actor and plan.history.earliest().history_user == actor


def test_history_actor_puts_back_what_was_there(coordinator):
    # given a block acting as the coordinator, inside a block acting as the system
    actor = system_actor()
    with history_actor(actor):
        with history_actor(coordinator):
            agency = AgencyFactory(name="Cơ quan thử")
        agency.name = "Cơ quan thử mới"
        agency.save()
    # then each change names who made it
    assert [h.history_user for h in agency.history.order_by("history_id")] == [coordinator, actor]


def test_pages_show_the_system_actor_by_its_label(seed_plan, client, coordinator):
    # given the bundled restructuring applied from the command line
    run("agencies", "apply-restructuring", "hai-phong-2025", "--lang", "en")
    event = RestructuringEvent.objects.get()
    merged = Agency.objects.get(pk__in=event.changes["created_agencies"])
    client.force_login(coordinator)
    label = "Hệ thống (lệnh/tác vụ định kỳ)"
    # when the coordinator reads the merged agency's history, the restructurings and the event
    pages = [
        client.get(f"/agencies/{merged.pk}/history/"),
        client.get("/agencies/restructurings/"),
        client.get(f"/agencies/restructurings/{event.pk}/"),
    ]
    # then each names the system, not an account called "system"
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200 and label in body, page.request["PATH_INFO"]
