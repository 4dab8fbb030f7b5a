"""Logs kept for a limited time: rows older than settings.LOG_RETENTION_MONTHS are deleted.

The logs are the ones people read about themselves: their security events (accounts) and the coach's
views of a shared case (coaching). Each app registers its logs once, in its AppConfig.ready:

    retention.register_log("security event(s)", security_events_purge)

`purge(before=..., max_batches=...)` is the app's service: it deletes that log's rows dated before
`before` through delete_in_batches and returns how many it deleted. Two things run them all:
`send_reminders` on each pass (logs_purge_job, a few batches at a time) and `manage.py purge_old_logs`
(to the end). Both are idempotent: a row is deleted once, and a second run finds nothing to delete.
"""

import calendar
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.db.models import QuerySet

logger = logging.getLogger(__name__)

# Rows per DELETE: small enough that no statement holds its locks or its WAL for long.
BATCH_SIZE = 1000
# What one send_reminders pass deletes at most per log (every 15 minutes); a backlog, after the setting
# is lowered or on a first deploy, is caught up over the next passes, or at once by purge_old_logs.
BATCHES_PER_PASS = 10


@dataclass(frozen=True)
class RetainedLog:
    name: str  # what the commands report: "security event(s)"
    purge: Callable[..., int]


retained_logs: list[RetainedLog] = []


def register_log(name: str, purge: Callable[..., int]) -> None:
    """Add (or, registering the same name again, replace) one app's log that is kept for a limited time."""
    retained_logs[:] = [log for log in retained_logs if log.name != name]
    retained_logs.append(RetainedLog(name=name, purge=purge))


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier; a day the earlier month does not have
    becomes its last (31 March, one month earlier: 28 or 29 February)."""
    earlier = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(earlier, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    """Rows dated before this are past retention at `now`; a row dated exactly at it is kept."""
    return months_before(now.astimezone(datetime.UTC), settings.LOG_RETENTION_MONTHS)


def delete_in_batches(
    rows: QuerySet, *, before: datetime.datetime, field: str = "at", max_batches: int | None = None
) -> int:
    """Delete the rows of `rows` whose `field` is before `before`, BATCH_SIZE at a time, oldest first.

    Each batch is one statement, DELETE … WHERE id IN (SELECT id … WHERE field < before ORDER BY field
    LIMIT n), which the index on `field` serves; for that the model must have an index whose first
    column is `field`, and nothing may cascade from it or listen for its deletes (else Django would
    fetch the rows first). Stops after `max_batches` batches when given; returns how many it deleted.
    """
    deleted = batches = 0
    while max_batches is None or batches < max_batches:
        oldest = rows.filter(**{f"{field}__lt": before}).order_by(field).values("pk")[:BATCH_SIZE]
        count, _ = rows.model._default_manager.filter(pk__in=oldest).delete()
        deleted += count
        batches += 1
        if count < BATCH_SIZE:
            break
    return deleted


def logs_purge(*, now: datetime.datetime, max_batches: int | None = None) -> dict[str, int]:
    """Delete what every registered log holds from before the retention cutoff; {log name: deleted}."""
    before = retention_cutoff(now)
    return {log.name: log.purge(before=before, max_batches=max_batches) for log in retained_logs}


def logs_purge_job(*, now: datetime.datetime) -> tuple[int, int]:
    """send_reminders' periodic job (reminders.hooks): each pass deletes at most BATCHES_PER_PASS batches
    per log, so a backlog never delays the next pass. Returns (rows deleted, logs that failed); a failed
    log is in the log file and is tried again next pass."""
    before = retention_cutoff(now)
    deleted = failed = 0
    for log in retained_logs:
        try:
            deleted += log.purge(before=before, max_batches=BATCHES_PER_PASS)
        except DatabaseError:
            logger.exception("Deleting old %s failed", log.name)
            failed += 1
    return deleted, failed
