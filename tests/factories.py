"""Small factories for test data: plain functions, real rows in PostgreSQL."""

import itertools

from allauth.mfa.totp.internal.auth import TOTP

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import user_sign_up
from crisis_coach.demo import seed

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


# The authenticator-app secret of every test user with two-factor sign-in; totp_code() gives its code.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_user(
    *, display_name: str = "", is_coach: bool = False, two_factor: bool | None = None, **fields
) -> User:
    """A user whose address is verified. A coach has two-factor sign-in on, as the coach pages
    require, unless two_factor=False; anyone else has it only with two_factor=True."""
    number = next(_sequence)
    user = user_sign_up(
        email=fields.pop("email", f"user{number}@example.test"),
        password=fields.pop("password", PASSWORD),
        display_name=display_name or f"User {number}",
        is_coach=is_coach,
        email_verified=fields.pop("email_verified", True),
    )
    if is_coach if two_factor is None else two_factor:
        TOTP.activate(user, TOTP_SECRET)
    if fields:
        for name, value in fields.items():
            setattr(user, name, value)
        user.save()
    return user


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for `secret` (RFC 6238, as allauth checks it)."""
    return seed.totp_code(secret)


def make_incident(owner, **fields):
    from datetime import date

    from crisis_coach.incidents.models import CrisisType
    from crisis_coach.incidents.services import incident_create

    defaults = {
        "title": "Missed a counter-offer",
        "what_happened": "A new client's counter-offer slipped through in the busy season.",
        "occurred_on": date(2026, 11, 20),
        "crisis_type": CrisisType.WORK_MISTAKE,
        "severity": 3,
    }
    return incident_create(owner=owner, **{**defaults, **fields})


# The case's rows are made through the services, as the person's own clicks make them: the timeline,
# the stage and the stored summary follow as they would in the app.


def make_stakeholder(incident, **fields):
    from crisis_coach.incidents.models import Relation, Stakeholder
    from crisis_coach.incidents.services import stakeholder_save

    defaults = {"name": "Ms Wang", "relation": Relation.MANAGER, "influence": 5}
    return stakeholder_save(incident=incident, stakeholder=Stakeholder(**{**defaults, **fields}))


def make_assessment(incident, **fields):
    from crisis_coach.incidents.models import Assessment
    from crisis_coach.incidents.services import assessment_save

    defaults = {
        "harm_reputation": 3,
        "harm_relationship": 4,
        "harm_business": 3,
        "harm_career": 3,
        "reversibility": "effort",
        "urgency": "medium",
        "root_cause_category": "workload",
        "root_cause": "Too many replies at once and no tracking of open offers.",
    }
    assessment = Assessment(incident=incident, **{**defaults, **fields})
    return assessment_save(assessment=assessment, expected_version=1)


def make_conversation(incident, stakeholder, **fields):
    from crisis_coach.incidents.models import Conversation
    from crisis_coach.incidents.services import conversation_save

    return conversation_save(incident=incident, conversation=Conversation(stakeholder=stakeholder, **fields))


def make_step(incident, **fields):
    """A step of the plan, added at its end; with `proposal_state` and `proposed_by`, a coach's
    proposal, as the coach makes it and the client then answers it."""
    from crisis_coach.coaching import services as coaching
    from crisis_coach.incidents.models import ActionStep, ProposalState
    from crisis_coach.incidents.services import step_save

    fields = {"title": "Call the client back", "kind": "remedy", **fields}
    state = fields.pop("proposal_state", "")
    fields.pop("position", None)  # the service puts a new step at the end
    if not state:
        return step_save(incident=incident, step=ActionStep(**fields))
    step = coaching.step_propose(coach=fields.pop("proposed_by"), incident=incident, notify=False, **fields)
    if state == ProposalState.ACCEPTED:
        coaching.step_proposal_accept(step=step)
    elif state == ProposalState.DECLINED:
        coaching.step_proposal_decline(step=step)
    return step


def make_contact(owner, **fields):
    from crisis_coach.network import services

    fields.setdefault("name", "Dana Mentor")
    fields.setdefault("relationship", "mentor")
    fields.setdefault("cadence_days", 30)
    return services.contact_create(owner=owner, **fields)


def make_reflection(incident, **fields):
    from crisis_coach.incidents.models import Reflection
    from crisis_coach.incidents.services import reflection_save

    defaults = {"strengths": "Calm.", "lessons": "Track offers.", "next_step": "Lead a team."}
    defaults["control_at_close"] = 7
    reflection = Reflection(**{**defaults, **fields})
    reflection_save(incident=incident, reflection=reflection)
    return reflection


def make_note(incident, text: str = "A note."):
    from crisis_coach.incidents.services import timeline_note_add

    return timeline_note_add(incident=incident, text=text)


def make_interaction(contact, **fields):
    from datetime import date

    from crisis_coach.network import services

    defaults = {"happened_on": date(2026, 11, 20), "channel": "call", "summary": "Caught up."}
    return services.interaction_log(contact=contact, **{**defaults, **fields})


def make_commitment(contact, **fields):
    from datetime import date

    from crisis_coach.network import services

    defaults = {"what": "Send the report", "due_on": date(2026, 12, 1)}
    return services.commitment_create(contact=contact, **{**defaults, **fields})


def make_community(owner, **fields):
    from crisis_coach.network import services

    return services.community_create(owner=owner, **{"name": "Product guild", **fields})
