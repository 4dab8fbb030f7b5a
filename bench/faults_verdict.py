"""What bench/faults.py decides from what it saw: plain functions of counts and timestamps, no Django,
so tests/bench/test_faults_verdict.py can check them without a server.

Times are wall-clock seconds (time.time()), as the load's log writes them.
"""

import collections
import dataclasses

# A 503 is the calm page of a database that is away: allowed from the moment PostgreSQL is told to
# stop until this long after it is back (bench/db_restart.py measured the first 200 within 0.1 s).
OUTAGE_GRACE = 5.0
# A connection cut is what a client of the worker killed with SIGKILL sees: allowed for a request
# that was in flight at that instant (give or take this much, for the two processes' clocks' reads).
KILL_GRACE = 1.0


@dataclasses.dataclass
class Faults:
    database_down_at: float | None = None
    database_back_at: float | None = None
    web_worker_killed_at: float | None = None


def _overlaps(start: float, end: float, window_start: float, window_end: float) -> bool:
    return start <= window_end and end >= window_start


def unexpected_answers(requests: list[dict], faults: Faults) -> collections.Counter:
    """The answers no fault explains, counted by status (0: the connection failed): any 5xx but a
    503 during the database's outage, and a failed connection except when the web worker was killed."""
    unexpected = collections.Counter()
    for request in requests:
        status, start, end = request["status"], request["start"], request["end"]
        down, back, killed = faults.database_down_at, faults.database_back_at, faults.web_worker_killed_at
        if status == 503 and down is not None and _overlaps(start, end, down, back + OUTAGE_GRACE):
            continue
        cut_by_kill = killed is not None and _overlaps(start, end, killed - KILL_GRACE, killed + KILL_GRACE)
        if status == 0 and cut_by_kill:
            continue
        if status == 0 or status >= 500:
            unexpected[status] += 1
    return unexpected


def email_outcomes(
    comments: dict[str, int], sent_by_marker: dict[str, int], task_statuses: dict[int, list[str]]
) -> collections.Counter:
    """Each coach comment stored queued one email: "sent once", "failed" (not sent, its task stored
    as FAILED for staff to retry), "duplicated" (sent more than once) or "missing" (neither)."""
    outcomes = collections.Counter()
    for marker, comment_id in comments.items():
        sent = sent_by_marker.get(marker, 0)
        if sent == 1:
            outcomes["sent once"] += 1
        elif sent > 1:
            outcomes["duplicated"] += 1
        elif "FAILED" in task_statuses.get(comment_id, []):
            outcomes["failed"] += 1
        else:
            outcomes["missing"] += 1
    return outcomes


def lost_writes(acknowledged: dict[str, set[str]], stored: dict[str, set[str]]) -> dict[str, list[str]]:
    """The acknowledged writes whose marker the database does not hold, by kind."""
    return {
        kind: sorted(markers - stored.get(kind, set()))
        for kind, markers in acknowledged.items()
        if markers - stored.get(kind, set())
    }


def problems(
    *,
    lost: dict[str, list[str]],
    unexpected: collections.Counter,
    emails: collections.Counter,
    integrity: int | None,
    acknowledged: int,
) -> list[str]:
    """Why the run failed, in words; empty when it passed. `integrity` is check_integrity's exit code
    (None when the command is not there: said in the report, not counted as a failure)."""
    found = []
    for kind, markers in lost.items():
        found.append(f"{len(markers)} acknowledged {kind} write(s) missing, e.g. {markers[0]}")
    for status, count in sorted(unexpected.items()):
        found.append(f"{count} × {'connection error' if status == 0 else status} that no fault explains")
    if emails["duplicated"]:
        found.append(f"{emails['duplicated']} email(s) sent more than once")
    if emails["missing"]:
        found.append(f"{emails['missing']} queued email(s) neither sent nor recorded as failed")
    if integrity not in (0, None):
        found.append(f"check_integrity found drift (exit {integrity})")
    if not acknowledged:
        found.append("no write was acknowledged: the load did not run")
    return found
