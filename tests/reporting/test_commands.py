"""``ngvh report open|rates|consolidate`` and ``ngvh remind``."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ngvh.reporting.models import AnnualReport, ReminderLog
from ngvh.reporting.selectors import reporting_rates
from ngvh.reporting.services import LineInput, report_save, report_submit

from .factories import small_plan

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sp():
    s = small_plan()
    run("report", "open", "--plan", "274/KH-UBND", "--year", "2025", "--today", "2025-10-01")
    return s


def submit(sp, agency, user, when=None):
    report = AnnualReport.objects.get(agency=agency, reporting_year__year=2025)
    lines = {line.id: LineInput(status="in_progress") for line in report.lines.all()}
    report = report_save(user=user, report=report, version=report.version, difficulties="", recommendations="", lines=lines)
    report = report_submit(user=user, report=report)
    if when:
        AnnualReport.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when)
    return report


def test_open_twice_is_idempotent(sp):
    out = run("report", "open", "--plan", "274/KH-UBND", "--year", "2025", "--today", "2025-10-01")
    assert "+0" in out and AnnualReport.objects.count() == 4


def test_rates_json_matches_the_selector_with_a_late_report_and_a_succession(sp):
    # given A submitted on time, the successor S late, B and C nothing
    from zoneinfo import ZoneInfo

    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    submit(sp, sp.a, sp.reporter_a, dt.datetime(2025, 11, 10, 9, tzinfo=vn))
    from tests.factories import UserFactory

    submit(sp, sp.successor, UserFactory(agency=sp.successor), dt.datetime(2025, 11, 16, 8, tzinfo=vn))
    # when the rates are printed as JSON
    data = json.loads(run("report", "rates", "--plan", "274/KH-UBND", "--year", "2025", "--json"))
    # then the hand-computed figures come out, and the selector agrees
    assert (data["expected"], data["submitted"], data["on_time"], data["late"], data["accepted"]) == (4, 2, 1, 1, 0)
    assert data["missing_agencies"] == ["Sở Du lịch", "Sở Thông tin và Truyền thông"]
    assert data["late_agencies"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert data["rates"] == {"submitted": 0.5, "on_time": 0.25, "accepted": 0.0}
    task_status = data.pop("task_status")
    assert data == json.loads(json.dumps(reporting_rates(plan=sp.plan, year=2025).to_json(), default=str))
    assert sum(task_status.values()) == 5 and set(task_status) >= {"done_on_time", "no_report"}


def test_rates_of_a_year_not_opened_exit_2(sp):
    with pytest.raises(CommandError) as exc:
        call_command("report", "rates", "--plan", "274/KH-UBND", "--year", "2030")
    assert exc.value.returncode == 2 and "2030" in str(exc.value)


def test_consolidate_delegates_or_says_it_is_missing(sp, capsys):
    try:
        import ngvh.documents.cli  # noqa: F401
    except ImportError:
        with pytest.raises(SystemExit) as exc:
            call_command("report", "consolidate", "--plan", "274/KH-UBND", "--year", "2025")
        assert exc.value.code == 2
        assert "consolidate" in capsys.readouterr().err
    else:
        from unittest import mock

        with mock.patch("ngvh.documents.cli.consolidate", return_value=0) as fake:
            call_command("report", "consolidate", "--plan", "274/KH-UBND", "--year", "2025")
        assert fake.call_args.args[0]["year"] == 2025


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    def _run(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return run("remind", *args)

    return _run


def test_remind_sends_once_before_the_deadline_and_again_only_for_the_next_step(sp, mailoutbox, remind):
    # given A submitted; B, C and S have not
    submit(sp, sp.a, sp.reporter_a)
    # when remind runs 14 days before the deadline, twice
    remind("--today", "2025-11-01")
    first = len(mailoutbox)
    remind("--today", "2025-11-01")
    remind("--today", "2025-11-02")
    # then each unsubmitted agency with an address got one reminder, and reruns sent nothing new
    assert first == 2  # B (reporter) and C (reporter); S has no address
    assert len(mailoutbox) == first
    assert ReminderLog.objects.filter(key="before-14").count() == 3
    # when 3 days before, then the second reminder goes once
    remind("--today", "2025-11-12")
    remind("--today", "2025-11-12")
    assert ReminderLog.objects.filter(key="before-3").count() == 3 and len(mailoutbox) == 4


def test_remind_after_the_deadline_notifies_missing_agencies_and_coordinators_once(sp, mailoutbox, remind):
    submit(sp, sp.a, sp.reporter_a)
    out = remind("--today", "2025-11-16", "--dry-run")
    assert "overdue" in out and "summary" in out and not mailoutbox and not ReminderLog.objects.exists()
    remind("--today", "2025-11-16")
    remind("--today", "2025-11-16")
    remind("--today", "2025-11-17")
    keys = sorted(ReminderLog.objects.values_list("key", flat=True))
    assert keys == ["overdue", "overdue", "overdue", "summary"]
    summary = [m for m in mailoutbox if "dieuphoi@example.org" in m.to]
    assert len(summary) == 1 and "Sở Du lịch" in summary[0].body
    ry = AnnualReport.objects.first().reporting_year
    ry.refresh_from_db()
    assert ry.expected_count == 4  # frozen by the run after the deadline


def test_remind_with_the_smtp_server_down_loses_no_reminder(sp, remind, settings):
    from ngvh.outbox.models import MailStatus, OutboxMail
    from ngvh.outbox.services import backoff, outbox_send_due
    from tests.outbox.smtp import SmtpServer

    # given A, B and C unsubmitted with addresses, and the SMTP server refusing connections during the morning run
    with SmtpServer() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 5
        smtp.refusing = True
        # when remind runs (the send after commit fails)
        remind("--today", "2025-11-01")
        # then every reminder is logged and waits in the outbox with the error, none lost
        pending = OutboxMail.objects.filter(status=MailStatus.PENDING)
        assert pending.count() == 3 and all(m.attempts == 1 and m.last_error for m in pending)
        assert smtp.received == []
        # when the server is back and the timer runs after the backoff
        smtp.refusing = False
        from django.utils import timezone

        outbox_send_due(now=timezone.now() + backoff(1))
        # then each agency gets its reminder exactly once
        assert len(smtp.received) == 3
        assert OutboxMail.objects.filter(status=MailStatus.SENT).count() == 3
        outbox_send_due(now=timezone.now() + backoff(5))
        assert len(smtp.received) == 3
