"""Everything a user owns, as one JSON-ready document (docs/export-schema.md, version 4).

Only the user's own rows, fetched from the owner down, in a fixed number of queries whatever
the amount of data. Never internal numeric ids (objects carry their public id), never a coach's
private notes, never secrets such as invite codes or calendar tokens.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone

from crisis_coach.coaching.models import CoachComment
from crisis_coach.incidents.models import (
    ActionStep,
    CaseReview,
    Conversation,
    EventKind,
    Incident,
    NoteVersion,
    Stakeholder,
    StanceChange,
    TimelineEvent,
)
from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
    RelationshipCadence,
)
from crisis_coach.portability import schema
from crisis_coach.portability.coaching import export_coaching
from crisis_coach.portability.evidence import export_evidence
from crisis_coach.portability.radar import export_radar
from crisis_coach.portability.thoughts import export_thought_records
from crisis_coach.portability.wellbeing import export_check_ins
from crisis_coach.reminders.models import ReminderSettings

BY_CREATION = ("created_at", "id")


def _record(obj, spec: dict, **refs) -> dict:
    """The spec's plain fields of `obj`; references (ids of other records) are passed in `refs`."""
    out = {}
    for name in spec:
        if name == "id":
            out[name] = str(obj.public_id)
        elif name in refs:
            out[name] = refs[name]
        else:
            out[name] = schema.json_value(getattr(obj, name))
    return out


def _public(mapping: dict, pk):
    return str(mapping[pk]) if pk in mapping else None


def _one_to_one(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _network(user) -> tuple[dict, dict]:
    contacts = (
        Contact.objects.filter(owner=user)
        .order_by(*BY_CREATION)
        .prefetch_related(
            Prefetch("important_dates", queryset=ImportantDate.objects.order_by("date", "id")),
            Prefetch("interactions", queryset=Interaction.objects.order_by(*BY_CREATION)),
            Prefetch("commitments", queryset=Commitment.objects.order_by(*BY_CREATION)),
        )
    )
    communities = (
        Community.objects.filter(owner=user)
        .order_by(*BY_CREATION)
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.order_by(*BY_CREATION)))
    )
    contact_ids = {}
    contact_docs = []
    for contact in contacts:
        contact_ids[contact.pk] = contact.public_id
        doc = _record(contact, schema.CONTACT)
        doc["important_dates"] = [_record(d, schema.IMPORTANT_DATE) for d in contact.important_dates.all()]
        doc["interactions"] = [_record(i, schema.INTERACTION) for i in contact.interactions.all()]
        doc["commitments"] = [_record(c, schema.COMMITMENT) for c in contact.commitments.all()]
        contact_docs.append(doc)
    community_docs = []
    for community in communities:
        doc = _record(community, schema.COMMUNITY)
        doc["participations"] = [_record(p, schema.PARTICIPATION) for p in community.participations.all()]
        community_docs.append(doc)
    cadences = [
        _record(c, schema.RELATIONSHIP_CADENCE)
        for c in RelationshipCadence.objects.filter(owner=user).order_by("relationship")
    ]
    return {"contacts": contact_docs, "communities": community_docs, "cadences": cadences}, contact_ids


def _incidents(user, contact_ids: dict, seen: dict) -> list[dict]:
    """The incidents; `seen` collects the public ids of incidents, steps and conversations by pk."""
    incidents = (
        Incident.objects.filter(owner=user)  # the trash too: it is still the user's data
        .select_related("assessment", "reflection")
        .order_by(*BY_CREATION)
        .prefetch_related(
            Prefetch("stakeholders", queryset=Stakeholder.objects.order_by(*BY_CREATION)),
            Prefetch("stakeholders__stance_changes", queryset=StanceChange.objects.order_by("at", "id")),
            Prefetch("conversations", queryset=Conversation.objects.order_by(*BY_CREATION)),
            Prefetch("steps", queryset=ActionStep.objects.order_by("position", *BY_CREATION)),
            Prefetch("events", queryset=TimelineEvent.objects.order_by("at", "id")),
            Prefetch("events__versions", queryset=NoteVersion.objects.order_by("pgh_id")),
            Prefetch("reviews", queryset=CaseReview.objects.order_by("offset_days", "id")),
        )
    )
    stakeholder_ids = {s.pk: s.public_id for incident in incidents for s in incident.stakeholders.all()}
    evidence = export_evidence(user, contact_ids, stakeholder_ids)
    thought_records = export_thought_records(user)
    docs = []
    for incident in incidents:
        people = {s.pk: s.public_id for s in incident.stakeholders.all()}
        seen["incident"][incident.pk] = incident.public_id
        seen["step"].update((s.pk, s.public_id) for s in incident.steps.all())
        seen["conversation"].update((c.pk, c.public_id) for c in incident.conversations.all())
        doc = _record(incident, schema.INCIDENT)
        doc["stakeholders"] = [
            {
                **_record(s, schema.STAKEHOLDER, contact=_public(contact_ids, s.contact_id)),
                "stance_changes": [_record(c, schema.STANCE_CHANGE) for c in s.stance_changes.all()],
            }
            for s in incident.stakeholders.all()
        ]
        assessment = _one_to_one(incident, "assessment")
        doc["assessment"] = assessment and _record(assessment, schema.ASSESSMENT)
        doc["conversations"] = [
            _record(c, schema.CONVERSATION, stakeholder=_public(people, c.stakeholder_id))
            for c in incident.conversations.all()
        ]
        doc["steps"] = [
            _record(
                s,
                schema.STEP,
                show_result_to=_public(people, s.show_result_to_id),
                contact=_public(contact_ids, s.contact_id),
            )
            for s in incident.steps.all()
        ]
        reflection = _one_to_one(incident, "reflection")
        doc["reflection"] = reflection and _record(reflection, schema.REFLECTION)
        doc["timeline"] = [_event(e) for e in incident.events.all()]
        steps = {s.pk: s.public_id for s in incident.steps.all()}
        doc["reviews"] = [
            _record(r, schema.REVIEW, step=_public(steps, r.step_id)) for r in incident.reviews.all()
        ]
        doc["evidence"] = evidence.get(incident.pk, [])
        doc["thought_records"] = thought_records.get(incident.pk, [])
        docs.append(doc)
    return docs


def _event(event) -> dict:
    doc = _record(event, schema.EVENT)
    if event.kind == EventKind.NOTE:
        doc["versions"] = [_record(v, schema.NOTE_VERSION) for v in event.versions.all()]
    return doc


def _said(comment, user) -> dict:
    return {
        "id": str(comment.public_id),
        "author": comment.author.display_name,
        "by_you": comment.author_id == user.pk,
        "body": comment.body,
        "created_at": schema.json_value(comment.created_at),
    }


def _comments_received(user, seen: dict) -> list[dict]:
    """Coaches' comments on the user's setbacks, each with its thread of replies. Never private notes."""
    comments = (
        CoachComment.objects.filter(incident__owner=user, reply_to__isnull=True)
        .select_related("author")
        .order_by(*BY_CREATION)
        .prefetch_related(
            Prefetch("replies", queryset=CoachComment.objects.select_related("author").order_by(*BY_CREATION))
        )
    )
    return [
        {
            **_said(comment, user),
            "incident": _public(seen["incident"], comment.incident_id),
            "step": _public(seen["step"], comment.step_id),
            "conversation": _public(seen["conversation"], comment.conversation_id),
            "replies": [_said(reply, user) for reply in comment.replies.all()],
        }
        for comment in comments
    ]


def _user(user) -> dict:
    doc = {"email": user.email, **_record(user, schema.USER)}
    profile = _one_to_one(user, "coach_profile")
    doc["coach_profile"] = profile and _record(profile, schema.COACH_PROFILE)
    reminders = ReminderSettings.objects.filter(user=user).first()
    doc["reminders"] = reminders and _record(reminders, schema.REMINDERS)
    return doc


def build_export(user, *, now=None) -> dict:
    """The whole document for `user` (who may only ever export themselves)."""
    network, contact_ids = _network(user)
    seen = {"incident": {}, "step": {}, "conversation": {}}
    incidents = _incidents(user, contact_ids, seen)
    return {
        "format": schema.FORMAT,
        "version": schema.VERSION,
        "exported_at": schema.json_value(now or timezone.now()),
        "user": _user(user),
        "incidents": incidents,
        "network": network,
        "coach_comments_received": _comments_received(user, seen),
        **export_radar(user),  # radar_checks, prevention_steps (portability/radar.py)
        "check_ins": export_check_ins(user),
        # coaching_sessions, coach_nudges_received, playbooks (since 4: portability/coaching.py)
        **export_coaching(user, seen["incident"]),
    }
