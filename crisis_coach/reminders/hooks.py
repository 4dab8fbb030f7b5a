"""Where apps above reminders add their own items to a person's agenda (Today, the digest and the
calendar feed), without reminders importing them.

An app registers, once, in its AppConfig.ready:

    hooks.register_agenda_source(
        "session", items_for, label=_("Session"), discreet_title=_("Session"), order=0
    )

`items_for(user, *, today, until, calendar)` returns reminders.selectors.AgendaItem rows of that kind:
with `calendar=False` what is due up to `until` (Today and the digest: things to do or attend); with
`calendar=True` (`until` None) what the feed lists, including cancelled events (`status="CANCELLED"`)
so calendar apps drop them. Each item's `key` and feed UID are "<kind>-<obj.public_id>".
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AgendaSource:
    kind: str
    items: Callable[..., list]
    label: object  # what a badge says: "Session"
    discreet_title: object  # what an email or calendar says in discreet mode: its kind, never its words
    order: int  # within a day, after the conversations (0) and before the steps (1) is 0.5


agenda_sources: list[AgendaSource] = []


def register_agenda_source(kind: str, items: Callable[..., list], *, label, discreet_title, order=9):
    """Add (or, registering the same kind again, replace) one app's source of agenda items."""
    agenda_sources[:] = [source for source in agenda_sources if source.kind != kind]
    agenda_sources.append(
        AgendaSource(kind=kind, items=items, label=label, discreet_title=discreet_title, order=order)
    )


def source_for(kind: str) -> AgendaSource | None:
    return next((source for source in agenda_sources if source.kind == kind), None)


# --- periodic jobs ------------------------------------------------------------------------------
# Jobs that send_reminders runs after the client digests, every 15 minutes (cron, a timer or
# `make worker`): the coach's weekly digest (coaching, in CoachingConfig.ready) and the deletion of
# log rows past retention (common/retention.py, in RemindersConfig.ready).
# `run(now=...)` must be idempotent, like the digests, and return (done, failed) counts.


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # what send_reminders reports: "coach digest(s)"
    run: Callable[..., tuple[int, int]]
    done: str = "sent"  # …and what was done with them: "3 coach digest(s) sent"


periodic_jobs: list[PeriodicJob] = []


def register_periodic_job(name: str, run: Callable[..., tuple[int, int]], *, done: str = "sent") -> None:
    """Add (or, registering the same name again, replace) a job send_reminders runs on each pass."""
    periodic_jobs[:] = [job for job in periodic_jobs if job.name != name]
    periodic_jobs.append(PeriodicJob(name=name, run=run, done=done))
