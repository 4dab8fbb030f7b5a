"""A large, realistic dataset for the benchmarks (bench/README.md), written with COPY.

CLIENTS clients × CASES shared cases each; every case with 5 stakeholders (each with its first
stance reading), 2 conversations, 10 action steps, an assessment, 20 timeline events and 5 evidence
entries; every client with 100 contacts, 300 interactions, 20 commitments, 60 days of check-ins and
12 sessions with their coach. Clients 0–499 are the bench coach's; beyond 500 (`make bench-scale`),
the next 50 are a small practice's and the rest one coach's whole caseload (PRACTICES).

Clients are seeded 50 at a time, each group in one transaction, by `--workers` processes at once
(both cores: PostgreSQL computes every row's search columns, Python makes the rows). Resumable: a
group whose clients have cases is done, so a seeding cut short goes on where it stopped, and a
complete dataset is left as it is. All bench users share one password (BENCH_PASSWORD), hashed once.
"""

import multiprocessing
import random
import sys
import time
from datetime import datetime, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink, CoachingSession, CoachProfile, SessionStatus
from crisis_coach.demo.copy_rows import copy_rows, reserve_ids, without_triggers
from crisis_coach.demo.seed import DEMO_COACH_TOTP_SECRET
from crisis_coach.evidence.models import EvidenceEntry, EvidenceVersion
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    CrisisType,
    EventKind,
    Incident,
    NoteVersion,
    Stage,
    Stakeholder,
    StanceChange,
    StanceVia,
    StepKind,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.incidents.reviews import reviews_schedule_missing
from crisis_coach.incidents.rules import risk_level
from crisis_coach.network.models import Channel, Commitment, Contact, Interaction
from crisis_coach.wellbeing.models import CheckIn

BENCH_COACH_EMAIL = "bench-coach@bench.test"
PRACTICE_COACH_EMAIL = "bench-practice-coach@bench.test"
CASELOAD_COACH_EMAIL = "bench-caseload-coach@bench.test"
# (coach, display name, how many clients; None: every client left)
PRACTICES = (
    (BENCH_COACH_EMAIL, "Bench Coach", 500),
    (PRACTICE_COACH_EMAIL, "Practice Coach", 50),
    (CASELOAD_COACH_EMAIL, "Caseload Coach", None),
)
CHECK_IN_DAYS = 60
EVIDENCE_PER_CASE = 5
SESSIONS_PER_CLIENT = 12
BENCH_PASSWORD = "bench-password-2026"
GROUP = 50  # clients a transaction
# Read once: a choices class's .values builds its list on every call.
CRISIS_TYPE_VALUES, STEP_KIND_VALUES, CHANNEL_VALUES = CrisisType.values, StepKind.values, Channel.values
# The seeded tables are analyzed after groups 1, 2, 4, 8, …: a server without autovacuum (this
# machine's) would otherwise plan every group's queries as if the tables were still empty, and the
# plans only need the tables' sizes about right. What `make bench` measures is planned after a
# VACUUM ANALYZE (bench/prepare.py).

WORDS = (
    "offer",
    "client",
    "deadline",
    "manager",
    "report",
    "budget",
    "launch",
    "review",
    "contract",
    "supplier",
    "quarter",
    "meeting",
    "feedback",
    "target",
    "project",
    "restructuring",
    "team",
    "promotion",
    "training",
    "counter-offer",
    "mistake",
    "apology",
    "tracker",
    "follow-up",
    "invoice",
    "shipment",
)


def bench_client_email(n: int) -> str:
    return f"bench-client-{n:04d}@bench.test"


def phrase(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize()


class Command(BaseCommand):
    help = "Seed the large benchmark dataset (COPY; resumes a seeding cut short, leaves a complete one)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=500)
        parser.add_argument("--cases", type=int, default=20)
        parser.add_argument("--workers", type=int, default=2, help="seeding processes at once")

    def handle(self, *args, clients: int, cases: int, workers: int, **options):
        started = time.monotonic()
        people = seed_people(clients)
        done = set(Incident.objects.filter(owner_id__in=people).values_list("owner_id", flat=True).distinct())
        pending = [(client_id, coach_id) for client_id, coach_id in people.items() if client_id not in done]
        if not pending:
            self.stdout.write("Large dataset already present; nothing to do.")
            return
        groups = [pending[start : start + GROUP] for start in range(0, len(pending), GROUP)]
        self.stdout.write(f"Seeding {len(pending)} clients × {cases} cases, {workers} processes at once")
        seeded = 0
        for count in self._each_seeded([(group, cases) for group in groups], workers):
            seeded += count
            self._progress(seeded, len(pending), time.monotonic() - started)
        self.stdout.write(f"\nSeeded {seeded} clients × {cases} cases in {time.monotonic() - started:.0f} s.")

    def _each_seeded(self, tasks, workers: int):
        if workers == 1:  # in this process and its transaction (the tests)
            yield from map(_seed_group, tasks)
            return
        connections.close_all()  # each process opens its own
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for done, count in enumerate(pool.imap_unordered(_seed_group, tasks), start=1):
                if done & (done - 1) == 0:  # a power of two
                    _analyze()
                yield count
        _analyze()

    def _progress(self, seeded: int, total: int, seconds: float) -> None:
        filled = round(30 * seeded / total)
        line = f"  [{'#' * filled}{'.' * (30 - filled)}] {seeded}/{total} clients, {seconds:.0f} s"
        if sys.stdout.isatty():
            self.stdout.write("\r" + line, ending="")
        elif seeded * 10 // total > (seeded - GROUP) * 10 // total:  # a log: a line every tenth
            self.stdout.write(line)


def practices(clients: int) -> list[tuple[str, str, range]]:
    """(coach's email, name, the numbers of their clients) of a dataset of `clients` clients."""
    layout, first = [], 0
    for email, name, size in PRACTICES:
        last = clients if size is None else min(first + size, clients)
        if last > first:
            layout.append((email, name, range(first, last)))
        first = last
    return layout


def seed_people(clients: int) -> dict[int, int]:
    """The coaches and their clients, with their links, made once: {client id: coach id}."""
    with transaction.atomic():
        password = make_password(BENCH_PASSWORD)
        have = set(User.objects.filter(email__startswith="bench-client-").values_list("email", flat=True))
        User.objects.bulk_create(
            User(email=bench_client_email(n), display_name=f"Client {n:04d}", password=password)
            for n in range(clients)
            if bench_client_email(n) not in have
        )
        ids = dict(User.objects.filter(email__startswith="bench-client-").values_list("email", "pk"))
        people = {}
        for email, name, numbers in practices(clients):
            coach, _ = User.objects.get_or_create(
                email=email, defaults={"display_name": name, "password": password}
            )
            CoachProfile.objects.get_or_create(user=coach)
            if not Authenticator.objects.filter(user=coach).exists():
                TOTP.activate(coach, DEMO_COACH_TOTP_SECRET)  # coach pages need two-factor sign-in on
            people.update((ids[bench_client_email(n)], coach.pk) for n in numbers)
        linked = dict(CoachingLink.objects.active().values_list("client_id", "coach_id"))
        CoachingLink.objects.bulk_create(
            CoachingLink(client_id=client, coach_id=coach)
            for client, coach in people.items()
            if client not in linked
        )
        for coach in set(people.values()):  # back from bench/prepare.py's gather
            moved = [
                client
                for client, theirs in people.items()
                if theirs == coach and linked.get(client, coach) != coach
            ]
            CoachingLink.objects.active().filter(client_id__in=moved).update(coach_id=coach)
    return people


SEEDED = (
    Incident, Stakeholder, StanceChange, Assessment, TimelineEvent, Conversation, ActionStep, EvidenceEntry,
    Contact, Interaction, Commitment, CheckIn, CoachingSession, NoteVersion, EvidenceVersion,
)  # fmt: skip


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in SEEDED))


def _seed_group(args) -> int:
    """One group of clients with everything under them, in one transaction (a worker process)."""
    group, cases = args
    rng = random.Random(group[0][0])  # the same rows whichever process seeds the group
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        without_triggers()
        incident_ids = _seed_cases(rng, group, cases, now=now, today=today)
        _seed_network(rng, [client_id for client_id, _ in group], now=now, today=today)
        _seed_wellbeing_and_sessions(rng, group, now=now, today=today)
        seeded = Incident.objects.filter(pk__in=incident_ids)
        case_summary_refresh(seeded)
        # The closed cases' reviews after the close, in bulk, from the day each closed.
        reviews_schedule_missing(seeded)
        # What the triggers would have moved: no page cached before this seeding outlives it.
        people = {person for pair in group for person in pair}  # clients, and coaches with sessions
        User.objects.filter(pk__in=people).update(data_version=F("data_version") + 1)
        coaches = CoachProfile.objects.filter(user__in={coach_id for _, coach_id in group})
        coaches.update(caseload_version=F("caseload_version") + 1)
    return len(group)


def _seed_cases(rng, group, cases: int, *, now: datetime, today) -> list[int]:
    incidents = []  # (id, occurred_on, stage)
    incident_ids = iter(reserve_ids(Incident, len(group) * cases))

    def incident_rows():
        for client_id, _ in group:
            for n in range(cases):
                occurred = today - timedelta(days=rng.randint(1, 700))
                closed = n % 3 == 0
                stage = Stage.CLOSED if closed else rng.choice([Stage.ASSESS, Stage.CONFRONT, Stage.RESOLVE])
                pk = next(incident_ids)
                incidents.append((pk, occurred, stage))
                yield (
                    pk, client_id, f"{phrase(rng, 4)} #{n}", phrase(rng, 30), occurred,
                    rng.choice(CRISIS_TYPE_VALUES), rng.randint(1, 5), rng.randint(1, 10), stage, True,
                    now - timedelta(days=rng.randint(0, 30)) if closed else None,
                    rng.randint(3, 90) if closed else None,
                )  # fmt: skip

    copy_rows(
        Incident,
        ["id", "owner_id", "title", "what_happened", "occurred_on", "crisis_type", "severity",
         "control_at_start", "stage", "shared_with_coach", "closed_at", "resolution_days"],
        incident_rows(), now=now,
    )  # fmt: skip

    stakeholder_ids = reserve_ids(Stakeholder, len(incidents) * 5)
    stakeholders = [  # (id, incident id, influence)
        (stakeholder_ids[index * 5 + k], pk, 5 - k)
        for index, (pk, _, _) in enumerate(incidents)
        for k in range(5)
    ]
    copy_rows(
        Stakeholder,
        ["id", "incident_id", "name", "relation", "influence", "stance", "what_they_said"],
        (
            (pk, incident_id, f"Person {5 - influence}", "manager" if influence == 5 else "colleague",
             influence, "neutral", phrase(rng, 10))
            for pk, incident_id, influence in stakeholders
        ),
        now=now,
    )  # fmt: skip
    # Each person's first stance reading, as stakeholder_save keeps it.
    copy_rows(
        StanceChange,
        ["incident_id", "stakeholder_id", "at", "stance", "influence", "via"],
        (
            (incident_id, pk, now, "neutral", influence, StanceVia.ADDED)
            for pk, incident_id, influence in stakeholders
        ),
        now=now,
    )

    def assessment_rows():
        for pk, _, _ in incidents:
            assessment = Assessment(
                harm_reputation=rng.randint(1, 5), harm_relationship=rng.randint(1, 5),
                harm_business=rng.randint(1, 5), harm_career=rng.randint(1, 5), reversibility="effort",
                urgency=rng.choice(["low", "medium", "high"]),
            )  # fmt: skip
            yield (
                pk, assessment.harm_reputation, assessment.harm_relationship, assessment.harm_business,
                assessment.harm_career, assessment.reversibility, assessment.urgency, risk_level(assessment),
                "workload", phrase(rng, 12),
            )  # fmt: skip

    copy_rows(
        Assessment,
        ["incident_id", "harm_reputation", "harm_relationship", "harm_business", "harm_career",
         "reversibility", "urgency", "risk_level", "root_cause_category", "root_cause"],
        assessment_rows(), now=now,
    )  # fmt: skip
    zone = timezone.get_current_timezone()
    event_ids = iter(reserve_ids(TimelineEvent, len(incidents) * 20))
    copy_rows(
        TimelineEvent,
        ["id", "incident_id", "at", "kind", "text"],
        (
            (next(event_ids), pk, min(midnight + timedelta(hours=k * 7), now), EventKind.NOTE, phrase(rng, 8))
            for pk, occurred, _ in incidents
            for midnight in [datetime.combine(occurred, datetime.min.time(), tzinfo=zone)]
            for k in range(20)  # never ahead of now
        ),
        now=now,
        history=NoteVersion,  # every note's first version, as its trigger keeps it
    )  # fmt: skip
    copy_rows(
        Conversation,
        ["incident_id", "stakeholder_id", "planned_for", "acknowledge", "held_at", "outcome"],
        (
            (pk, stakeholder_ids[index * 5], now + timedelta(days=k - 1), phrase(rng),
             now - timedelta(days=1) if held else None, "positive" if held else "")
            for index, (pk, _, stage) in enumerate(incidents)
            for k in range(2)
            for held in [stage != Stage.ASSESS and k == 0]
        ),
        now=now,
    )  # fmt: skip

    def step_rows():
        for pk, _, stage in incidents:
            for k in range(10):
                status = StepStatus.DONE if stage == Stage.CLOSED or k < 3 else StepStatus.TODO
                yield (
                    pk, phrase(rng, 5), rng.choice(STEP_KIND_VALUES),
                    today + timedelta(days=rng.randint(-20, 40)), status, k + 1,
                    now - timedelta(days=rng.randint(1, 80)) if status == StepStatus.DONE else None,
                )  # fmt: skip

    columns = ["incident_id", "title", "kind", "due_on", "status", "position", "done_at"]
    copy_rows(ActionStep, columns, step_rows(), now=now)
    entry_ids = iter(reserve_ids(EvidenceEntry, len(incidents) * EVIDENCE_PER_CASE))
    copy_rows(
        EvidenceEntry,
        ["id", "incident_id", "happened_on", "what_happened", "proof"],
        (
            (next(entry_ids), pk, min(occurred + timedelta(days=n), today), phrase(rng, 20), phrase(rng, 5))
            for pk, occurred, _ in incidents
            for n in range(EVIDENCE_PER_CASE)
        ),
        now=now,
        history=EvidenceVersion,
    )
    return [pk for pk, _, _ in incidents]


def _seed_network(rng, client_ids: list[int], *, now: datetime, today) -> None:
    contact_ids = reserve_ids(Contact, len(client_ids) * 100)
    contacts = []  # (id, last contacted on), 100 a client in order

    def contact_rows():
        for index, client_id in enumerate(client_ids):
            for k in range(100):
                last = today - timedelta(days=rng.randint(0, 120))
                contacts.append((contact_ids[index * 100 + k], last))
                yield (
                    contacts[-1][0], client_id, f"Contact {k:03d}", phrase(rng, 2),
                    rng.choice(["manager", "colleague", "mentor", "peer", "client"]), rng.randint(1, 5),
                    rng.choice([14, 30, 60, 90]), today - timedelta(days=400), last,
                )  # fmt: skip

    copy_rows(
        Contact,
        ["id", "owner_id", "name", "organisation", "relationship", "importance", "cadence_days", "added_on",
         "last_contacted_on"],
        contact_rows(), now=now,
    )  # fmt: skip
    copy_rows(
        Interaction,
        ["contact_id", "happened_on", "channel", "summary"],
        (
            (pk, last - timedelta(days=(k // 100) * 30), rng.choice(CHANNEL_VALUES), phrase(rng, 6))
            for index in range(len(client_ids))
            for k in range(300)
            for pk, last in [contacts[index * 100 + k % 100]]
        ),
        now=now,
    )  # fmt: skip

    def commitment_rows():
        for index in range(len(client_ids)):
            for k in range(20):
                due = today + timedelta(days=rng.randint(-60, 30))
                settled = due < today and k % 2 == 0
                yield (
                    contacts[index * 100 + k * 5][0], phrase(rng, 5), due, "kept" if settled else "open",
                    due if settled else None,
                )  # fmt: skip

    columns = ["contact_id", "what", "due_on", "status", "resolved_on"]
    copy_rows(Commitment, columns, commitment_rows(), now=now)


def _seed_wellbeing_and_sessions(rng, group, *, now: datetime, today) -> None:
    """The second wave's pages: each client's check-ins of the last CHECK_IN_DAYS days and
    SESSIONS_PER_CLIENT sessions with their coach, half held and half ahead."""
    copy_rows(
        CheckIn,
        ["owner_id", "day", "mood", "control", "sleep", "note"],
        (
            (client_id, today - timedelta(days=day), rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5),
             phrase(rng, 8))
            for client_id, _ in group
            for day in range(CHECK_IN_DAYS)
        ),
        now=now,
    )  # fmt: skip
    coaches = {coach_id for _, coach_id in group}
    names = dict(User.objects.filter(pk__in=coaches).values_list("pk", "display_name"))
    copy_rows(
        CoachingSession,
        ["client_id", "coach_id", "coach_name", "proposed_by_id", "starts_at", "status", "answered_at",
         "agenda", "summary"],
        (
            (client_id, coach_id, names[coach_id], coach_id,
             now + timedelta(days=14 * (n - SESSIONS_PER_CLIENT // 2), hours=1), SessionStatus.ACCEPTED, now,
             phrase(rng, 12), phrase(rng, 30) if n < SESSIONS_PER_CLIENT // 2 else "")
            for client_id, coach_id in group
            for n in range(SESSIONS_PER_CLIENT)
        ),
        now=now,
    )  # fmt: skip
