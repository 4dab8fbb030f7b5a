"""Small factories for test data: plain functions, real rows in PostgreSQL."""

import itertools

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import user_sign_up

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_user(*, display_name: str = "", is_coach: bool = False, **fields) -> User:
    number = next(_sequence)
    user = user_sign_up(
        email=fields.pop("email", f"user{number}@example.test"),
        password=fields.pop("password", PASSWORD),
        display_name=display_name or f"User {number}",
        is_coach=is_coach,
    )
    if fields:
        for name, value in fields.items():
            setattr(user, name, value)
        user.save()
    return user


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


def make_stakeholder(incident, **fields):
    from crisis_coach.incidents.models import Relation, Stakeholder

    defaults = {"name": "Ms Wang", "relation": Relation.MANAGER, "influence": 5}
    return _summarised(Stakeholder.objects.create(incident=incident, **{**defaults, **fields}))


def make_assessment(incident, **fields):
    from crisis_coach.incidents.models import Assessment
    from crisis_coach.incidents.rules import risk_level

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
    assessment.risk_level = risk_level(assessment)
    assessment.save()
    return _summarised(assessment)


def make_conversation(incident, stakeholder, **fields):
    from crisis_coach.incidents.models import Conversation

    return _summarised(Conversation.objects.create(incident=incident, stakeholder=stakeholder, **fields))


def make_step(incident, **fields):
    from crisis_coach.incidents.models import ActionStep

    defaults = {"title": "Call the client back", "kind": "remedy"}
    return _summarised(ActionStep.objects.create(incident=incident, **{**defaults, **fields}))


def _summarised(row):
    """Rows made here skip the services, so bring the case's stored summary up to date as they would."""
    from crisis_coach.incidents.case_summary import case_summary_refresh

    case_summary_refresh(row.incident)
    return row


def make_contact(owner, **fields):
    from crisis_coach.network import services

    fields.setdefault("name", "Dana Mentor")
    fields.setdefault("relationship", "mentor")
    fields.setdefault("cadence_days", 30)
    return services.contact_create(owner=owner, **fields)
