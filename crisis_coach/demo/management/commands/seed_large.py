"""A large, realistic dataset for the benchmarks (bench/README.md), built with bulk inserts.

1 coach with CLIENTS linked clients × 20 shared cases each; every case with 5 stakeholders,
2 conversations, 10 action steps, an assessment and 20 timeline events; every client with
100 contacts, 300 interactions and 20 commitments; and the second wave's rows (_seed_this_wave):
60 days of check-ins a client, 5 evidence entries a case, 12 sessions a client. Idempotent: does
nothing if the bench coach exists, but adds the second wave's rows to a dataset made before them.
All bench users share one password (BENCH_PASSWORD), hashed once.
"""

import random
import time
from datetime import datetime, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink, CoachingSession, CoachProfile, SessionStatus
from crisis_coach.demo.seed import DEMO_COACH_TOTP_SECRET
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    CrisisType,
    EventKind,
    Incident,
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
CHECK_IN_DAYS = 60
EVIDENCE_PER_CASE = 5
SESSIONS_PER_CLIENT = 12
BENCH_PASSWORD = "bench-password-2026"
BATCH = 5000

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
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


class Command(BaseCommand):
    help = "Seed the large benchmark dataset (bulk inserts; skipped if it already exists)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=500)
        parser.add_argument("--cases", type=int, default=20)

    def handle(self, *args, clients: int, cases: int, **options):
        existing = User.objects.filter(email=BENCH_COACH_EMAIL).first()
        if existing:
            # A dataset from before coaches needed two-factor sign-in gets it, or every coach page
            # the bench measures would be the redirect to set it up.
            if not Authenticator.objects.filter(user=existing).exists():
                TOTP.activate(existing, DEMO_COACH_TOTP_SECRET)
            if not CheckIn.objects.filter(owner__email=bench_client_email(0)).exists():
                # A dataset from before the second wave's pages gets their rows.
                self._seed_this_wave(existing)
                return
            self.stdout.write("Large dataset already present; nothing to do.")
            return
        started = time.monotonic()
        rng = random.Random(2026)
        password = make_password(BENCH_PASSWORD)
        with transaction.atomic():
            coach = User.objects.create(
                email=BENCH_COACH_EMAIL, display_name="Bench Coach", password=password
            )
            CoachProfile.objects.create(user=coach)
            TOTP.activate(coach, DEMO_COACH_TOTP_SECRET)  # coach pages need two-factor sign-in on
            people = User.objects.bulk_create(
                User(email=bench_client_email(n), display_name=f"Client {n:04d}", password=password)
                for n in range(clients)
            )
            CoachingLink.objects.bulk_create(CoachingLink(client=person, coach=coach) for person in people)
            for start in range(0, clients, 50):
                self._seed_clients(rng, people[start : start + 50], cases)
                self.stdout.write(f"  {min(start + 50, clients)}/{clients} clients")
            self._seed_this_wave(coach)
        self.stdout.write(f"Seeded {clients} clients × {cases} cases in {time.monotonic() - started:.0f} s.")

    def _seed_this_wave(self, coach):
        """The rows of the second wave's key pages: each client's check-ins of the last CHECK_IN_DAYS
        days, EVIDENCE_PER_CASE evidence entries on every case, and SESSIONS_PER_CLIENT sessions with
        the coach, half held and half ahead."""
        started = time.monotonic()
        rng = random.Random(2027)
        today, now = timezone.localdate(), timezone.now()
        people = list(User.objects.filter(coaching_links__coach=coach).order_by("pk"))
        with transaction.atomic():
            CheckIn.objects.bulk_create(
                (
                    CheckIn(
                        owner=person, day=today - timedelta(days=day), mood=rng.randint(1, 5),
                        control=rng.randint(1, 5), sleep=rng.randint(1, 5), note=phrase(rng, 8),
                    )
                    for person in people
                    for day in range(CHECK_IN_DAYS)
                ),
                batch_size=BATCH,
            )  # fmt: skip
            EvidenceEntry.objects.bulk_create(
                (
                    EvidenceEntry(
                        incident_id=incident_id, happened_on=min(occurred + timedelta(days=n), today),
                        what_happened=phrase(rng, 20), proof=phrase(rng, 5),
                    )
                    for incident_id, occurred in Incident.objects.filter(owner__in=people).values_list(
                        "pk", "occurred_on"
                    )
                    for n in range(EVIDENCE_PER_CASE)
                ),
                batch_size=BATCH,
            )  # fmt: skip
            CoachingSession.objects.bulk_create(
                (
                    CoachingSession(
                        client=person, coach=coach, coach_name=coach.display_name, proposed_by=coach,
                        starts_at=now + timedelta(days=14 * (n - SESSIONS_PER_CLIENT // 2), hours=1),
                        status=SessionStatus.ACCEPTED, answered_at=now, agenda=phrase(rng, 12),
                        summary=phrase(rng, 30) if n < SESSIONS_PER_CLIENT // 2 else "",
                    )
                    for person in people
                    for n in range(SESSIONS_PER_CLIENT)
                ),
                batch_size=BATCH,
            )  # fmt: skip
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Seeded {len(people)} clients' check-ins, evidence and sessions in {seconds:.0f} s."
        )

    def _seed_clients(self, rng, people, cases):
        today = timezone.localdate()
        now = timezone.now()
        incidents = []
        for person in people:
            for n in range(cases):
                occurred = today - timedelta(days=rng.randint(1, 700))
                closed = n % 3 == 0
                incidents.append(
                    Incident(
                        owner=person,
                        title=f"{phrase(rng, 4)} #{n}",
                        what_happened=phrase(rng, 30),
                        occurred_on=occurred,
                        crisis_type=rng.choice(CrisisType.values),
                        severity=rng.randint(1, 5),
                        control_at_start=rng.randint(1, 10),
                        stage=Stage.CLOSED
                        if closed
                        else rng.choice([Stage.ASSESS, Stage.CONFRONT, Stage.RESOLVE]),
                        shared_with_coach=True,
                        closed_at=now - timedelta(days=rng.randint(0, 30)) if closed else None,
                        resolution_days=rng.randint(3, 90) if closed else None,
                    )
                )
        Incident.objects.bulk_create(incidents, batch_size=BATCH)

        stakeholders, assessments, events = [], [], []
        for incident in incidents:
            for k in range(5):
                stakeholders.append(
                    Stakeholder(
                        incident=incident, name=f"Person {k}", relation="manager" if k == 0 else "colleague",
                        influence=5 - k, stance="neutral", what_they_said=phrase(rng, 10),
                    )
                )  # fmt: skip
            assessment = Assessment(
                incident=incident, harm_reputation=rng.randint(1, 5), harm_relationship=rng.randint(1, 5),
                harm_business=rng.randint(1, 5), harm_career=rng.randint(1, 5), reversibility="effort",
                urgency=rng.choice(["low", "medium", "high"]), root_cause_category="workload",
                root_cause=phrase(rng, 12),
            )  # fmt: skip
            assessment.risk_level = risk_level(assessment)
            assessments.append(assessment)
            base = datetime.combine(
                incident.occurred_on, datetime.min.time(), tzinfo=timezone.get_current_timezone()
            )
            for k in range(20):
                events.append(
                    TimelineEvent(
                        incident=incident,
                        at=min(base + timedelta(hours=k * 7), now),  # nothing in the future
                        kind=EventKind.NOTE,
                        text=phrase(rng, 8),
                    )
                )
        Stakeholder.objects.bulk_create(stakeholders, batch_size=BATCH)
        # Each person's first stance reading, as stakeholder_save keeps it: one insert per batch.
        StanceChange.objects.bulk_create(
            (
                StanceChange(
                    incident_id=s.incident_id, stakeholder=s, at=s.created_at, stance=s.stance,
                    influence=s.influence, via=StanceVia.ADDED,
                )
                for s in stakeholders
            ),
            batch_size=BATCH,
        )  # fmt: skip
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        TimelineEvent.objects.bulk_create(events, batch_size=BATCH)

        conversations, steps = [], []
        for index, incident in enumerate(incidents):
            key = stakeholders[index * 5]
            for k in range(2):
                held = incident.stage != Stage.ASSESS and k == 0
                conversations.append(
                    Conversation(
                        incident=incident, stakeholder=key, planned_for=now + timedelta(days=k - 1),
                        acknowledge=phrase(rng), held_at=now - timedelta(days=1) if held else None,
                        outcome="positive" if held else "",
                    )
                )  # fmt: skip
            for k in range(10):
                status = StepStatus.DONE if incident.stage == Stage.CLOSED or k < 3 else StepStatus.TODO
                steps.append(
                    ActionStep(
                        incident=incident, title=phrase(rng, 5), kind=rng.choice(StepKind.values),
                        due_on=today + timedelta(days=rng.randint(-20, 40)), status=status, position=k + 1,
                        done_at=now - timedelta(days=rng.randint(1, 80)) if status == StepStatus.DONE else None,  # noqa: E501
                    )
                )  # fmt: skip
        Conversation.objects.bulk_create(conversations, batch_size=BATCH)
        ActionStep.objects.bulk_create(steps, batch_size=BATCH)
        case_summary_refresh(Incident.objects.filter(owner__in=people))
        # The closed cases' reviews after the close, in bulk, from the day each closed.
        reviews_schedule_missing(Incident.objects.filter(owner__in=people))

        contacts = []
        for person in people:
            for k in range(100):
                contacts.append(
                    Contact(
                        owner=person, name=f"Contact {k:03d}", organisation=phrase(rng, 2),
                        relationship=rng.choice(["manager", "colleague", "mentor", "peer", "client"]),
                        importance=rng.randint(1, 5), cadence_days=rng.choice([14, 30, 60, 90]),
                        added_on=today - timedelta(days=400),
                        last_contacted_on=today - timedelta(days=rng.randint(0, 120)),
                    )
                )  # fmt: skip
        Contact.objects.bulk_create(contacts, batch_size=BATCH)
        interactions, commitments = [], []
        for person_index in range(len(people)):
            mine = contacts[person_index * 100 : (person_index + 1) * 100]
            for k in range(300):
                contact = mine[k % 100]
                interactions.append(
                    Interaction(
                        contact=contact,
                        happened_on=contact.last_contacted_on - timedelta(days=(k // 100) * 30),
                        channel=rng.choice(Channel.values), summary=phrase(rng, 6),
                    )
                )  # fmt: skip
            for k in range(20):
                due = today + timedelta(days=rng.randint(-60, 30))
                settled = due < today and k % 2 == 0
                commitments.append(
                    Commitment(
                        contact=mine[k * 5], what=phrase(rng, 5), due_on=due,
                        status="kept" if settled else "open", resolved_on=due if settled else None,
                    )
                )  # fmt: skip
        Interaction.objects.bulk_create(interactions, batch_size=BATCH)
        Commitment.objects.bulk_create(commitments, batch_size=BATCH)
