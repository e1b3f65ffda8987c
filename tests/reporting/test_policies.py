"""The reporting policies' queryset side: which reports, lines and proposals each reader sees,
and who the cycle's mail goes to. The selectors and the mail build on these."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ngvh.accounts.models import Role
from ngvh.reporting.models import AmendmentAction, AmendmentProposal, ReportStatus
from ngvh.reporting.policies import AmendmentPolicy, ReportLinePolicy, ReportPolicy
from tests.factories import AnnualReportFactory, ReportingYearFactory, TaskFactory, UserFactory
from tests.reporting.factories import ReportLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(agency_a, agency_b):
    ry = ReportingYearFactory(year=2025)
    own = AnnualReportFactory(reporting_year=ry, agency=agency_a, status=ReportStatus.DRAFT)
    other = AnnualReportFactory(reporting_year=ry, agency=agency_b, status=ReportStatus.DRAFT)
    return own, other


def test_readers_of_everything_see_every_report_and_a_reporter_only_their_own(reports, coordinator, leader, reporter_a):
    # given a report of agency A and one of agency B
    own, other = reports
    # when each reader's visible reports are listed
    # then coordinators and leaders see both, the reporter of A only A's, a visitor none
    assert set(ReportPolicy.visible(coordinator)) == {own, other}
    assert set(ReportPolicy.visible(leader)) == {own, other}
    assert list(ReportPolicy.visible(reporter_a)) == [own]
    assert list(ReportPolicy.visible(AnonymousUser())) == []


def test_another_agencys_reports_are_none_without_a_query(reports, reporter_a, agency_b, django_assert_num_queries):
    # given the reporter of A asking for agency B's reports
    # when they are read
    with django_assert_num_queries(0):
        found = list(ReportPolicy.of_agency(reporter_a, agency_b.pk))
    # then there are none, and the database was not asked
    assert found == []


def test_a_report_line_of_another_agency_is_seen_once_accepted(reports, reporter_a, coordinator):
    # given A's draft line, B's draft line, and B's line once B's report is accepted
    own, other = reports
    task = TaskFactory(plan=own.reporting_year.plan)
    mine = ReportLineFactory(report=own, task=task)
    theirs = ReportLineFactory(report=other, task=task)
    # when the reporter of A reads the lines, before and after B's report is accepted
    before = set(ReportLinePolicy.visible(reporter_a))
    other.status, other.submitted_at = ReportStatus.ACCEPTED, timezone.now()
    other.save()
    after = set(ReportLinePolicy.visible(reporter_a))
    # then B's line appears only once accepted; the coordinator sees both all along
    assert before == {mine} and after == {mine, theirs}
    assert set(ReportLinePolicy.visible(coordinator)) == {mine, theirs}
    assert list(ReportLinePolicy.visible(AnonymousUser())) == []


def test_a_writer_of_a_submitted_report_is_told_it_is_locked(reports, reporter_a, reporter_b, leader):
    # given A's report, submitted
    own, _other = reports
    own.status = ReportStatus.SUBMITTED
    # when each reader asks whether it is locked for them
    # then only A's writer is told so; another agency and a leader are not A's writers
    assert ReportPolicy.locked_for(reporter_a, own)
    assert not ReportPolicy.locked_for(reporter_b, own)
    assert not ReportPolicy.locked_for(leader, own)
    own.status = ReportStatus.RETURNED
    assert not ReportPolicy.locked_for(reporter_a, own)  # a returned report is open again


def test_reminders_are_offered_to_coordinators_only(coordinator, leader, reporter_a):
    assert ReportPolicy.can_remind_any(coordinator)
    assert not ReportPolicy.can_remind_any(leader)
    assert not ReportPolicy.can_remind_any(reporter_a)


def test_mail_goes_to_the_agencys_writers_and_to_the_active_coordinators(agency_a, coordinator, reporter_a):
    # given A's reporter, a leader and an inactive reporter of A, and the coordinator
    leader_a = UserFactory(username="leader_a", agency=agency_a, role=Role.LEADER)
    gone = UserFactory(username="gone", agency=agency_a, role=Role.REPORTER, is_active=False)
    # when the recipients are chosen
    writers = set(ReportPolicy.writers(agency_a))
    reviewers = set(ReportPolicy.reviewers())
    # then A's active writers hear of A's report, the coordinators of every report
    assert reporter_a in writers and leader_a not in writers and gone not in writers
    assert reviewers == {coordinator}


def test_proposals_are_seen_by_their_agency_and_the_readers_of_everything(reports, agency_a, reporter_a, reporter_b, leader):
    # given a proposal of agency A
    own, _other = reports
    proposal = AmendmentProposal.objects.create(
        plan=own.reporting_year.plan, agency=agency_a, action=AmendmentAction.ADD, title="Giao lưu", reason="Kết nghĩa"
    )
    # when each reader lists the proposals
    # then A and the leader see it, B does not; a proposal is made in the proposer's agency's name
    assert list(AmendmentPolicy.visible(reporter_a)) == [proposal]
    assert list(AmendmentPolicy.visible(leader)) == [proposal]
    assert list(AmendmentPolicy.visible(reporter_b)) == []
    assert AmendmentPolicy.proposing_agency_id(reporter_a) == agency_a.pk
