"""bench/faults.py's verdict from what it saw (the bench itself is `make bench-faults`, never the suite)."""

import collections

from bench.faults_verdict import Faults, email_outcomes, lost_writes, problems, unexpected_answers

FAULTS = Faults(database_down_at=100.0, database_back_at=103.0, web_worker_killed_at=200.0)


def request(status, start, end=None):
    return {"status": status, "start": start, "end": end if end is not None else start + 0.1}


def test_a_503_while_the_database_is_away_is_expected_and_one_long_after_is_not():
    answers = [request(503, 101), request(503, 99.5, 100.2), request(503, 107.5), request(503, 150)]
    assert unexpected_answers(answers, FAULTS) == {503: 1}


def test_a_500_is_never_expected_even_during_the_outage():
    assert unexpected_answers([request(500, 101), request(200, 50)], FAULTS) == {500: 1}


def test_a_cut_connection_is_expected_only_for_a_request_in_flight_when_the_web_worker_was_killed():
    answers = [request(0, 199.5, 200.0), request(0, 150)]
    assert unexpected_answers(answers, FAULTS) == {0: 1}


def test_a_503_is_unexpected_in_a_run_where_the_database_never_went_down():
    assert unexpected_answers([request(503, 101)], Faults()) == {503: 1}


def test_an_acknowledged_write_missing_from_the_database_is_lost():
    acknowledged = {"setback": {"FLT-s-1", "FLT-s-2"}, "touch": {"FLT-t-3"}}
    stored = {"setback": {"FLT-s-1", "FLT-s-9"}, "touch": {"FLT-t-3"}}
    assert lost_writes(acknowledged, stored) == {"setback": ["FLT-s-2"]}


def test_each_queued_email_is_sent_once_failed_duplicated_or_missing():
    comments = {"FLT-a": 1, "FLT-b": 2, "FLT-c": 3, "FLT-d": 4}
    sent = {"FLT-a": 1, "FLT-b": 2}
    tasks = {1: ["SUCCESSFUL+sent"], 2: ["SUCCESSFUL+sent"], 3: ["FAILED"], 4: ["RUNNING"]}
    outcomes = email_outcomes(comments, sent, tasks)
    assert outcomes == {"sent once": 1, "duplicated": 1, "failed": 1, "missing": 1}


def test_a_clean_run_passes_and_each_kind_of_loss_is_named():
    clean = {"sent once": 5}
    assert problems(lost={}, unexpected=collections.Counter(), emails=collections.Counter(clean),
                    integrity=0, acknowledged=40) == []  # fmt: skip
    found = problems(
        lost={"reply": ["FLT-reply-02-000007"]},
        unexpected=collections.Counter({500: 2, 0: 1}),
        emails=collections.Counter({"duplicated": 1, "missing": 1}),
        integrity=1,
        acknowledged=40,
    )
    assert found == [
        "1 acknowledged reply write(s) missing, e.g. FLT-reply-02-000007",
        "1 × connection error that no fault explains",
        "2 × 500 that no fault explains",
        "1 email(s) sent more than once",
        "1 queued email(s) neither sent nor recorded as failed",
        "check_integrity found drift (exit 1)",
    ]


def test_a_missing_integrity_command_is_not_a_failure_but_a_run_without_writes_is():
    found = problems(lost={}, unexpected=collections.Counter(), emails=collections.Counter(),
                     integrity=None, acknowledged=0)  # fmt: skip
    assert found == ["no write was acknowledged: the load did not run"]
