"""Restore an export (schema.FORMAT, versions 1 to 4) into an empty account, all or nothing.

The file is read only after its size is checked, parsed, validated completely (every record,
every reference), and only then written in one transaction. Anything wrong: ImportRefused with
messages for the person, and not one row written. Ids in the file link records to each other
inside the file; every restored row gets a new public id, and nothing in the file can point at
a row that already exists.
"""

import json

from django.db import DataError, IntegrityError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachProfile
from crisis_coach.coaching.rules import unshared_fields
from crisis_coach.common.addressing import addressed
from crisis_coach.incidents import models as incidents
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.reviews import reviews_schedule_missing
from crisis_coach.incidents.rules import risk_level
from crisis_coach.network import models as network
from crisis_coach.portability import schema
from crisis_coach.portability.coaching import restore_coaching, validate_coaching
from crisis_coach.portability.evidence import restore_evidence, validate_evidence
from crisis_coach.portability.radar import restore_radar, validate_radar
from crisis_coach.portability.schema import clean_record
from crisis_coach.portability.thoughts import restore_thought_records, validate_thought_records
from crisis_coach.portability.wellbeing import restore_check_ins, validate_check_ins
from crisis_coach.reminders.models import ReminderSettings

SHOWN_PROBLEMS = 5
TOO_BIG = lazy(
    lambda: (
        _("The file is larger than %(size)s MB, the most an import can take.")
        % {"size": schema.MAX_BYTES // (1024 * 1024)}
    ),
    str,
)()


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def account_has_data(user) -> bool:
    """An import only goes into an account without setbacks (trash included), contacts or communities."""
    return (
        incidents.Incident.objects.filter(owner=user).exists()
        or network.Contact.objects.filter(owner=user).exists()
        or network.Community.objects.filter(owner=user).exists()
    )


def read_document(upload):
    """The parsed JSON of an uploaded file, refusing anything over MAX_BYTES before reading it."""
    if upload.size is None or upload.size > schema.MAX_BYTES:
        raise ImportRefused([str(TOO_BIG)])
    raw = upload.read(schema.MAX_BYTES + 1)
    if len(raw) > schema.MAX_BYTES:
        raise ImportRefused([str(TOO_BIG)])
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        message = addressed("This file is not valid JSON. Choose the .json file that the export gave you.")
        raise ImportRefused([message]) from None


def _list(container: dict, key: str, path: str, problems: list[str]) -> list:
    value = container.get(key, [])
    if not isinstance(value, list):
        problems.append(_("%(path)s: expected a list.") % {"path": f"{path}.{key}"})
        return []
    return value


def _records(spec, items, path, problems, **children) -> list[dict]:
    """Clean each item of `items`; `children` maps a key to (spec, child kwargs) for nested lists."""
    cleaned = []
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        record = clean_record(spec, item, here, problems)
        if record is None:
            continue
        for key, child_spec in children.items():
            record[key] = _records(child_spec, _list(item, key, here, problems), f"{here}.{key}", problems)
        cleaned.append(record)
    return cleaned


def _unique_ids(records: list[dict], path: str, problems: list[str]) -> set:
    seen = set()
    for record in records:
        if record["id"] in seen:
            problems.append(_("%(path)s: the id %(id)s appears twice.") % {"path": path, "id": record["id"]})
        seen.add(record["id"])
    return seen


def _check_ref(record: dict, key: str, allowed: set, path: str, problems: list[str]) -> None:
    if record[key] is not None and record[key] not in allowed:
        problems.append(
            _("%(path)s: refers to something that is not in this file.") % {"path": f"{path}.{key}"}
        )


def _one(spec, item, path, problems):
    return None if item is None else clean_record(spec, item, path, problems)


def _reviews(item: dict, incident: dict, path: str, problems: list[str]) -> list[dict]:
    """A case's reviews after the close (since 3): one per offset, each "still to do" one of its steps."""
    reviews = _records(schema.REVIEW, _list(item, "reviews", path, problems), f"{path}.reviews", problems)
    steps = {step["id"] for step in incident["steps"]}
    offsets = set()
    for i, review in enumerate(reviews):
        _check_ref(review, "step", steps, f"{path}.reviews[{i}]", problems)
        if review["offset_days"] in offsets:
            problems.append(
                _("%(path)s: a second review %(days)s days after the close.")
                % {"path": f"{path}.reviews[{i}]", "days": review["offset_days"]}
            )
        offsets.add(review["offset_days"])
    return reviews


def validate(doc) -> dict:
    """The document, cleaned and cross-checked, ready for restore(); or ImportRefused."""
    if not isinstance(doc, dict) or doc.get("format") != schema.FORMAT:
        raise ImportRefused([_("This is not a Crisis Coach export.")])
    version = doc.get("version")
    if version not in schema.READABLE_VERSIONS or isinstance(version, bool):
        raise ImportRefused(
            [
                _("This export has version %(version)s; this version of Crisis Coach reads version %(ours)s.")
                % {"version": str(version)[:20], "ours": f"{schema.READABLE_VERSIONS[0]}–{schema.VERSION}"}
            ]
        )
    problems: list[str] = []
    user_doc = doc.get("user")
    plan = {"user": clean_record(schema.USER, user_doc, "user", problems)}
    plan["coach_profile"] = _one(
        schema.COACH_PROFILE, user_doc.get("coach_profile") if isinstance(user_doc, dict) else None,
        "user.coach_profile", problems,
    )  # fmt: skip
    plan["reminders"] = _one(
        schema.REMINDERS, user_doc.get("reminders") if isinstance(user_doc, dict) else None,
        "user.reminders", problems,
    )  # fmt: skip
    network_doc = doc.get("network", {})
    if not isinstance(network_doc, dict):
        problems.append(_("%(path)s: expected an object.") % {"path": "network"})
        network_doc = {}
    plan["contacts"] = _records(
        schema.CONTACT, _list(network_doc, "contacts", "network", problems), "network.contacts", problems,
        important_dates=schema.IMPORTANT_DATE, interactions=schema.INTERACTION, commitments=schema.COMMITMENT,
    )  # fmt: skip
    contact_ids = _unique_ids(plan["contacts"], "network.contacts", problems)
    plan["communities"] = _records(
        schema.COMMUNITY, _list(network_doc, "communities", "network", problems), "network.communities",
        problems, participations=schema.PARTICIPATION,
    )  # fmt: skip
    plan["cadences"] = _records(
        schema.RELATIONSHIP_CADENCE, _list(network_doc, "cadences", "network", problems), "network.cadences",
        problems,
    )  # fmt: skip
    relationships = [record["relationship"] for record in plan["cadences"]]
    for relationship in sorted({r for r in relationships if relationships.count(r) > 1}):
        problems.append(
            _("%(path)s: the relationship %(relationship)s appears twice.")
            % {"path": "network.cadences", "relationship": relationship}
        )
    if "incidents" not in doc:
        problems.append(_("%(path)s: missing.") % {"path": "incidents"})
    plan["incidents"] = []
    for index, item in enumerate(_list(doc, "incidents", "", problems)):
        path = f"incidents[{index}]"
        incident = clean_record(schema.INCIDENT, item, path, problems)
        if incident is None:
            continue
        incident["stakeholders"] = _records(
            schema.STAKEHOLDER, _list(item, "stakeholders", path, problems), f"{path}.stakeholders", problems,
            stance_changes=schema.STANCE_CHANGE,
        )  # fmt: skip
        people = _unique_ids(incident["stakeholders"], f"{path}.stakeholders", problems)
        for i, person in enumerate(incident["stakeholders"]):
            _check_ref(person, "contact", contact_ids, f"{path}.stakeholders[{i}]", problems)
        incident["assessment"] = _one(
            schema.ASSESSMENT, item.get("assessment"), f"{path}.assessment", problems
        )
        incident["conversations"] = _records(
            schema.CONVERSATION,
            _list(item, "conversations", path, problems),
            f"{path}.conversations",
            problems,
        )
        for i, talk in enumerate(incident["conversations"]):
            _check_ref(talk, "stakeholder", people, f"{path}.conversations[{i}]", problems)
        incident["steps"] = _records(
            schema.STEP, _list(item, "steps", path, problems), f"{path}.steps", problems
        )
        for i, step in enumerate(incident["steps"]):
            _check_ref(step, "show_result_to", people, f"{path}.steps[{i}]", problems)
            _check_ref(step, "contact", contact_ids, f"{path}.steps[{i}]", problems)
        incident["reflection"] = _one(
            schema.REFLECTION, item.get("reflection"), f"{path}.reflection", problems
        )
        incident["timeline"] = _records(
            schema.EVENT, _list(item, "timeline", path, problems), f"{path}.timeline", problems,
            versions=schema.NOTE_VERSION,
        )  # fmt: skip
        incident["reviews"] = _reviews(item, incident, path, problems)
        incident["evidence"] = validate_evidence(item, path, people, contact_ids, problems)
        incident["thought_records"] = validate_thought_records(item, path, problems)
        plan["incidents"].append(incident)
    _unique_ids(plan["incidents"], "incidents", problems)
    plan["radar"] = validate_radar(doc, problems)
    plan["check_ins"] = validate_check_ins(doc, problems)
    plan["coaching"] = validate_coaching(doc, problems)
    if problems:
        shown = problems[:SHOWN_PROBLEMS]
        hidden = len(problems) - len(shown)
        if hidden:
            shown.append(
                ngettext("…and %(n)s more problem.", "…and %(n)s more problems.", hidden) % {"n": hidden}
            )
        raise ImportRefused(shown)
    return plan


def _fields(record: dict, spec: dict, *skip: str) -> dict:
    return {name: record[name] for name in spec if name not in ("id", *skip)}


def _create(model, objects: list, records: list[dict]) -> list:
    """bulk_create, then put back the created_at of the file (auto_now_add overwrote it)."""
    model.objects.bulk_create(objects)
    dated = [
        (obj, rec["created_at"]) for obj, rec in zip(objects, records, strict=True) if rec.get("created_at")
    ]
    for obj, created_at in dated:
        obj.created_at = created_at
    if dated:
        model.objects.bulk_update([obj for obj, _created in dated], ["created_at"], batch_size=500)
    return objects


def _restore_network(user, plan: dict) -> dict:
    contacts = _create(
        network.Contact,
        [network.Contact(owner=user, **_fields(r, schema.CONTACT)) for r in plan["contacts"]],
        plan["contacts"],
    )
    for contact, record in zip(contacts, plan["contacts"], strict=True):
        for key, model, spec in [
            ("important_dates", network.ImportantDate, schema.IMPORTANT_DATE),
            ("interactions", network.Interaction, schema.INTERACTION),
            ("commitments", network.Commitment, schema.COMMITMENT),
        ]:
            objects = [model(contact=contact, **_fields(r, spec)) for r in record[key]]
            _create(model, objects, record[key])
    communities = _create(
        network.Community,
        [network.Community(owner=user, **_fields(r, schema.COMMUNITY)) for r in plan["communities"]],
        plan["communities"],
    )
    for community, record in zip(communities, plan["communities"], strict=True):
        objects = [
            network.Participation(community=community, **_fields(r, schema.PARTICIPATION))
            for r in record["participations"]
        ]
        _create(network.Participation, objects, record["participations"])
    network.RelationshipCadence.objects.bulk_create(
        network.RelationshipCadence(owner=user, **_fields(r, schema.RELATIONSHIP_CADENCE))
        for r in plan.get("cadences", [])
    )
    return {record["id"]: contact for contact, record in zip(contacts, plan["contacts"], strict=True)}


def _restore_incident(incident, record: dict, contacts: dict) -> None:
    people = _create(
        incidents.Stakeholder,
        [
            incidents.Stakeholder(
                incident=incident,
                contact=contacts.get(r["contact"]),
                **_fields(r, schema.STAKEHOLDER, "contact"),
            )
            for r in record["stakeholders"]
        ],
        record["stakeholders"],
    )
    by_id = {r["id"]: person for person, r in zip(people, record["stakeholders"], strict=True)}
    _restore_stance_changes(incident, people, record["stakeholders"])
    if record["assessment"]:
        assessment = incidents.Assessment(
            incident=incident, **_fields(record["assessment"], schema.ASSESSMENT, "risk_level")
        )
        assessment.risk_level = risk_level(assessment)  # derived: never taken from the file
        assessment.save()
    talks = record["conversations"]
    _create(
        incidents.Conversation,
        [
            incidents.Conversation(
                incident=incident,
                stakeholder=by_id.get(r["stakeholder"]),
                **_fields(r, schema.CONVERSATION, "stakeholder"),
            )
            for r in talks
        ],
        talks,
    )
    steps = record["steps"]
    created_steps = _create(
        incidents.ActionStep,
        [
            incidents.ActionStep(
                incident=incident,
                show_result_to=by_id.get(r["show_result_to"]),
                contact=contacts.get(r["contact"]),
                **_fields(r, schema.STEP, "show_result_to", "contact"),
            )
            for r in steps
        ],
        steps,
    )
    if record["reflection"]:
        incidents.Reflection.objects.create(
            incident=incident, **_fields(record["reflection"], schema.REFLECTION)
        )
    _restore_timeline(incident, record["timeline"])
    step_by_id = {r["id"]: step for step, r in zip(created_steps, steps, strict=True)}
    _create(
        incidents.CaseReview,
        [
            incidents.CaseReview(
                incident=incident, step=step_by_id.get(r["step"]), **_fields(r, schema.REVIEW, "step")
            )
            for r in record["reviews"]
        ],
        record["reviews"],
    )
    restore_evidence(incident, record["evidence"], by_id, contacts)
    restore_thought_records(incident, record["thought_records"])


def _restore_stance_changes(incident, people: list, records: list[dict]) -> None:
    """Each person's readings from the file; one from their stance, when they were added, for a person
    the file gives none (every file before version 3). One insert for the whole case."""
    readings = []
    for person, record in zip(people, records, strict=True):
        kept = record["stance_changes"] or [
            {"at": person.created_at, "stance": person.stance, "influence": person.influence, "note": "",
             "via": incidents.StanceVia.ADDED}
        ]  # fmt: skip
        readings += [
            incidents.StanceChange(incident=incident, stakeholder=person, **_fields(r, schema.STANCE_CHANGE))
            for r in kept
        ]
    incidents.StanceChange.objects.bulk_create(readings)


def _restore_timeline(incident, records: list[dict]) -> None:
    """The timeline, each row written when the file says (or when it happened). The database's trigger
    keeps each note's first version as it is inserted; a note the file gives its history replaces
    that one with the file's versions, so its history survives the move."""
    events = incidents.TimelineEvent.objects.bulk_create(
        incidents.TimelineEvent(
            incident=incident,
            **_fields(r, schema.EVENT, "written_at"),
            written_at=r["written_at"] or r["at"],
        )
        for r in records
    )
    with_history = [
        (event, r["versions"])
        for event, r in zip(events, records, strict=True)
        if event.kind == incidents.EventKind.NOTE and r["versions"]
    ]
    if not with_history:
        return
    incidents.NoteVersion.objects.filter(pgh_obj__in=[event for event, _versions in with_history]).delete()
    incidents.NoteVersion.objects.bulk_create(
        incidents.NoteVersion(
            pgh_obj=event,
            pgh_label="insert" if index == 0 else "update",
            **_fields(v, schema.NOTE_VERSION),
        )
        for event, versions in with_history
        for index, v in enumerate(versions)
    )


def _restore(user, plan: dict) -> dict:
    user = User.objects.select_for_update().get(pk=user.pk)  # two imports at once cannot both pass
    if account_has_data(user):
        raise ImportRefused([_("This account already has data. Import only works into an empty account.")])
    for name, value in plan["user"].items():
        setattr(user, name, value)
    user.save(update_fields=list(plan["user"]))
    if plan["coach_profile"] is not None:
        # A setting the file does not have (before 4: the digest's) keeps its default.
        given = {name: value for name, value in plan["coach_profile"].items() if value is not None}
        CoachProfile.objects.update_or_create(user=user, defaults=given)
    if plan["reminders"] is not None:
        ReminderSettings.objects.update_or_create(user=user, defaults=plan["reminders"])
    contacts = _restore_network(user, plan)
    records = plan["incidents"]
    # Sharing is consent to one coach; it never travels into another account (who would read it?),
    # nor does the choice of sections, which is part of that consent (coaching.rules.unshared_fields).
    created = _create(
        incidents.Incident,
        [
            incidents.Incident(
                owner=user, **{**_fields(r, schema.INCIDENT), "shared_with_coach": False, **unshared_fields()}
            )
            for r in records
        ],
        records,
    )
    for incident, record in zip(created, records, strict=True):
        _restore_incident(incident, record, contacts)
    case_summary_refresh(incidents.Incident.objects.filter(owner=user))
    # A closed case from a file made before reviews existed gets them, from the day it closed.
    reviews_schedule_missing(incidents.Incident.objects.filter(owner=user))
    restore_radar(user, plan.get("radar", {}))
    restore_check_ins(user, plan.get("check_ins", []))
    # Sessions come back without a coach; playbooks only into a coach's account (counted when skipped).
    is_coach = CoachProfile.objects.filter(user=user).exists()
    skipped = restore_coaching(user, plan.get("coaching", {}), is_coach=is_coach)
    return {"incidents": len(created), "contacts": len(contacts), **skipped}


def restore(*, user, plan: dict) -> dict:
    """Write a validated plan into `user`'s (empty) account in one transaction; counts of what came in."""
    try:
        with transaction.atomic():
            return _restore(user, plan)
    except (IntegrityError, DataError):
        raise ImportRefused([_("The file's data does not fit together, so nothing was imported.")]) from None


def import_document(*, user, upload) -> dict:
    """Read, validate and restore an uploaded export for the signed-in `user`. All or nothing."""
    return restore(user=user, plan=validate(read_document(upload)))
