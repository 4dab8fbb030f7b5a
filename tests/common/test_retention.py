"""Retention: security events and the log of coaches' case views older than LOG_RETENTION_MONTHS are
deleted by purge_old_logs and by each send_reminders pass; a second run deletes nothing."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisis_coach.accounts.models import SecurityEvent
from crisis_coach.accounts.services import security_events_purge
from crisis_coach.coaching.models import CaseAccess
from crisis_coach.common import retention
from tests.factories import make_incident

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def event(user, at, detail=""):
    return SecurityEvent.objects.create(user=user, kind=SecurityEvent.Kind.EXPORT, at=at, detail=detail)


def view(coach, incident, at):
    return CaseAccess.objects.create(coach=coach, incident=incident, at=at)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (
            datetime.datetime(2027, 3, 31, 12, 0, tzinfo=UTC),
            1,
            datetime.datetime(2027, 2, 28, 12, 0, tzinfo=UTC),
        ),
        (
            datetime.datetime(2028, 3, 31, 12, 0, tzinfo=UTC),
            1,
            datetime.datetime(2028, 2, 29, 12, 0, tzinfo=UTC),
        ),
        (
            datetime.datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
            13,
            datetime.datetime(2025, 11, 30, 23, 59, tzinfo=UTC),
        ),
        (
            datetime.datetime(2027, 1, 1, 0, 30, tzinfo=UTC),
            13,
            datetime.datetime(2025, 12, 1, 0, 30, tzinfo=UTC),
        ),
        (
            datetime.datetime(2028, 2, 29, 8, 0, tzinfo=UTC),
            12,
            datetime.datetime(2027, 2, 28, 8, 0, tzinfo=UTC),
        ),
        (
            datetime.datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
            36,
            datetime.datetime(2023, 11, 25, 10, 0, tzinfo=UTC),
        ),
    ],
)
def test_months_are_calendar_months_and_a_missing_day_is_the_months_last(moment, months, expected):
    assert retention.months_before(moment, months) == expected


@pytest.mark.dates
def test_rows_past_retention_are_deleted_once_and_the_boundary_is_kept(client_user, coach):
    now = timezone.now()
    cutoff = retention.retention_cutoff(now)
    # 13 calendar months are 393 to 397 days, whatever the date.
    assert now - datetime.timedelta(days=397) <= cutoff <= now - datetime.timedelta(days=393)
    case = make_incident(client_user)
    for at in (now - datetime.timedelta(days=400), cutoff - datetime.timedelta(microseconds=1)):
        event(client_user, at)
        view(coach, case, at)
    kept = [cutoff, now - datetime.timedelta(days=390), now]
    for at in kept:
        event(client_user, at)
        view(coach, case, at)

    first = retention.logs_purge(now=now)
    second = retention.logs_purge(now=now)

    assert first == {"security event(s)": 2, "coach case view(s)": 2}
    assert second == {"security event(s)": 0, "coach case view(s)": 0}
    assert sorted(SecurityEvent.objects.values_list("at", flat=True)) == kept
    assert sorted(CaseAccess.objects.values_list("at", flat=True)) == kept


def test_purge_old_logs_follows_the_setting_across_a_month_end(client_user, coach, settings, clock):
    settings.LOG_RETENTION_MONTHS = 1
    clock.move_to(datetime.datetime(2027, 3, 31, 12, 0, tzinfo=UTC), tick=False)
    case = make_incident(client_user)
    boundary = datetime.datetime(2027, 2, 28, 12, 0, tzinfo=UTC)  # 31 February does not exist
    for at in (boundary - datetime.timedelta(seconds=1), boundary, boundary + datetime.timedelta(days=1)):
        event(client_user, at)
        view(coach, case, at)
    out = StringIO()

    call_command("purge_old_logs", stdout=out)
    call_command("purge_old_logs", stdout=out)

    report = out.getvalue().splitlines()
    assert report == [
        "Deleted 1 security event(s) older than 1 month(s) (before 2027-02-28 12:00 UTC).",
        "Deleted 1 coach case view(s) older than 1 month(s) (before 2027-02-28 12:00 UTC).",
        "Deleted 0 security event(s) older than 1 month(s) (before 2027-02-28 12:00 UTC).",
        "Deleted 0 coach case view(s) older than 1 month(s) (before 2027-02-28 12:00 UTC).",
    ]
    assert SecurityEvent.objects.earliest("at").at == boundary
    assert CaseAccess.objects.earliest("at").at == boundary


def test_the_security_page_no_longer_lists_an_event_past_retention(client, client_user):
    now = timezone.now()
    event(client_user, now - datetime.timedelta(days=400), detail="from-long-ago")
    event(client_user, now - datetime.timedelta(days=30), detail="from-last-month")

    call_command("purge_old_logs", stdout=StringIO())

    client.force_login(client_user)
    page = client.get("/accounts/security/").content.decode()
    assert "from-last-month" in page
    assert "from-long-ago" not in page


def test_each_batch_is_one_delete_statement(client_user, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(retention, "BATCH_SIZE", 2)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for minutes in range(5):
        event(client_user, long_ago + datetime.timedelta(minutes=minutes))
    before = timezone.now() - datetime.timedelta(days=399)

    with django_assert_num_queries(1):
        assert security_events_purge(before=before, max_batches=1) == 2
    with django_assert_num_queries(2):  # 2 rows, then the last 1: a short batch means no more
        assert security_events_purge(before=before) == 3
    assert not SecurityEvent.objects.exists()


@pytest.mark.parametrize(("model", "index"), [(SecurityEvent, "securityevent_at"), (CaseAccess, "access_at")])
def test_the_purge_reads_the_logs_index_on_at(client_user, coach, model, index):
    event(client_user, timezone.now() - datetime.timedelta(days=400))
    view(coach, make_incident(client_user), timezone.now() - datetime.timedelta(days=400))
    with CaptureQueriesContext(connection) as statements, transaction.atomic():
        retention.logs_purge(now=timezone.now())
        transaction.set_rollback(True)
    delete = next(
        query["sql"] for query in statements if f'DELETE FROM "{model._meta.db_table}"' in query["sql"]
    )

    with transaction.atomic(), connection.cursor() as cursor:
        # The tables are tiny here: without this the planner would rightly read them whole.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {delete}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert re.search(rf"Index (Only )?Scan (using|on) {index}\b", plan), plan


def test_each_send_reminders_pass_deletes_a_few_batches_until_none_are_left(client_user, monkeypatch):
    monkeypatch.setattr(retention, "BATCH_SIZE", 1)
    monkeypatch.setattr(retention, "BATCHES_PER_PASS", 2)
    for days in (400, 401, 402):
        event(client_user, timezone.now() - datetime.timedelta(days=days))
    event(client_user, timezone.now())

    passes = []
    for _ in range(3):
        out = StringIO()
        call_command("send_reminders", stdout=out)
        passes.append(next(line for line in out.getvalue().splitlines() if "old log row(s)" in line))

    assert passes == [
        "send_reminders: 2 old log row(s) deleted",
        "send_reminders: 1 old log row(s) deleted",
        "send_reminders: 0 old log row(s) deleted",
    ]
    assert SecurityEvent.objects.count() == 1


def test_a_log_whose_purge_fails_fails_the_pass_and_the_others_are_still_purged(client_user, monkeypatch):
    def broken_purge(*, before, max_batches=None):
        raise DatabaseError("the log's table is locked")

    # First, so the logs after it show the pass goes on.
    monkeypatch.setattr(retention, "retained_logs", [retention.RetainedLog("broken log", broken_purge)])
    retention.register_log("security event(s)", security_events_purge)
    event(client_user, timezone.now() - datetime.timedelta(days=400))
    out = StringIO()

    with pytest.raises(CommandError, match="1 digest"):
        call_command("send_reminders", stdout=out)

    assert "send_reminders: 1 old log row(s) deleted" in out.getvalue()
    assert not SecurityEvent.objects.exists()
