"""The database side of bench/faults.py: the people the load signs in as, and what was stored afterwards.

Runs inside the bench's own process with Django set up against the private cluster (faults.py sets
DATABASE_URL first). Every write the load makes carries a marker ("FLT-…") in a title, a name or a
text, so what the server acknowledged can be looked up afterwards by marker alone.
"""

import datetime
import email
import email.policy
from pathlib import Path

MARKER_PREFIX = "FLT-"
CLIENT_DISPLAY = "Faults Client {number:02d}"


def session_cookie_value(user) -> str:
    """A signed-in session made directly in the database (as bench/prepare.py does): no Argon2 per
    virtual user on a 2-core machine, and a coach's session needs no two-factor step."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def prepare(*, clients: int) -> dict:
    """One coach (two-factor on) and `clients` linked clients, each with one case shared with the coach
    (a stakeholder, a step that stays open so the case never closes, a coach comment to reply to) and
    one contact. Discreet mode off, so a comment's email carries the comment's words (its marker)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from crisis_coach.accounts.models import User
    from crisis_coach.accounts.services import user_sign_up
    from crisis_coach.coaching import services as coaching
    from tests.factories import TOTP_SECRET, make_contact, make_incident, make_stakeholder, make_step

    coach = user_sign_up(
        email="faults.coach@example.test",
        password="a-long-bench-passphrase-2026",
        display_name="Faults Coach",
        is_coach=True,
        email_verified=True,
    )
    TOTP.activate(coach, TOTP_SECRET)
    profile = coaching.coach_profile_create(user=coach)
    people = []
    for number in range(clients):
        client = user_sign_up(
            email=f"faults.client{number:02d}@example.test",
            password="a-long-bench-passphrase-2026",
            display_name=CLIENT_DISPLAY.format(number=number),
            email_verified=True,
        )
        User.objects.filter(pk=client.pk).update(discreet_mode=False)
        coaching.link_create(client=client, coach_profile=profile)
        incident = make_incident(client, title=f"Shared setback {number:02d}")
        make_stakeholder(incident)
        make_step(incident, title="Keep this case open")
        coaching.incident_set_shared(incident=incident, shared=True)
        comment = coaching.coach_comment_add(
            coach=coach, incident=incident, body="How did the call go?", notify=False
        )
        contact = make_contact(client, name=f"Mentor {number:02d}")
        people.append(
            {
                "session": session_cookie_value(client),
                "email": client.email,
                "case": str(incident.public_id),
                "comment": str(comment.public_id),
                "contact": str(contact.public_id),
            }
        )
    return {
        "coach": {"session": session_cookie_value(coach)},
        "clients": people,
        "cases": [person["case"] for person in people],
    }


def stored_markers() -> dict[str, set[str]]:
    """Every marker the database holds, by the kind of write that carries it (as the load names them)."""
    from crisis_coach.coaching.models import CoachComment
    from crisis_coach.incidents.models import ActionStep, Incident, Stakeholder, StepStatus
    from crisis_coach.network.models import Interaction

    def markers(queryset, field):
        values = queryset.filter(**{f"{field}__startswith": MARKER_PREFIX}).values_list(field, flat=True)
        return {value.split()[0] for value in values}

    steps = ActionStep.objects.all()
    return {
        "setback": markers(Incident.objects.all(), "title"),
        "stakeholder": markers(Stakeholder.objects.all(), "name"),
        "step": markers(steps, "title"),
        "tick": markers(steps.filter(status=StepStatus.DONE), "title"),
        "touch": markers(Interaction.objects.all(), "summary"),
        "reply": markers(CoachComment.objects.filter(reply_to__isnull=False), "body"),
        "comment": markers(CoachComment.objects.filter(reply_to__isnull=True), "body"),
    }


def comment_email_tasks() -> dict[int, list[str]]:
    """The statuses of every comment-email task row, by comment id (a requeued or retried task is a
    new row; the dropped one is gone)."""
    from django_tasks_db.models import DBTaskResult

    statuses: dict[int, list[str]] = {}
    rows = DBTaskResult.objects.filter(task_path__endswith="send_comment_email")
    for status, args_kwargs, return_value in rows.values_list("status", "args_kwargs", "return_value"):
        comment_id = args_kwargs["kwargs"]["comment_id"]
        sent = isinstance(return_value, dict) and return_value.get("sent") is True
        statuses.setdefault(comment_id, []).append(f"{status}{'+sent' if sent else ''}")
    return statuses


def load_comments() -> dict[str, int]:
    """The coach comments the load wrote, marker → comment id: each one queued an email."""
    from crisis_coach.coaching.models import CoachComment

    rows = CoachComment.objects.filter(reply_to__isnull=True, body__startswith=MARKER_PREFIX)
    return {body.split()[0]: pk for pk, body in rows.values_list("pk", "body")}


def emails_by_marker(folder: Path) -> dict[str, int]:
    """How many emails the file backend wrote carrying each marker. The backend appends each message
    of a connection to one .log file, separated by a line of 79 dashes; the text part is decoded (it
    may be quoted-printable) before looking for the marker."""
    counts: dict[str, int] = {}
    for path in sorted(folder.glob("*.log")):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.lstrip(b"\n"), policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",))
            text = body.get_content() if body is not None else ""
            for word in text.split():
                if word.startswith(MARKER_PREFIX):
                    counts[word] = counts.get(word, 0) + 1
    return counts


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
