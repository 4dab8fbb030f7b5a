"""The coach practice in the export and the import (since version 4; docs/export-schema.md).

Top level:
- `coaching_sessions[]`: the person's sessions as the client, with the shared agenda and summary and
  the coach's name as text. Never the coach's private notes (CoachNote rows, session notes too). An
  import brings them back with no coach (coaching consent never moves between accounts), the name kept.
- `coach_nudges_received[]`: the coach's nudges on the person's cases, for the record; like the
  comments received, an import does not restore them (another person wrote them).
- `playbooks[]`: a coach's own playbooks with their steps; an import restores them only into a
  coach's account (the file's coach profile makes one), and counts those it skipped otherwise.

Ratings are never exported: they are about the coach, and an anonymous one must not be tied to the
person again. Files of versions 1 to 3 have none of these keys and import without them.
"""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from crisis_coach.coaching.models import (
    CoachingSession,
    CoachNudge,
    Playbook,
    PlaybookStep,
    SessionStatus,
)
from crisis_coach.common.forms import TextLengthValidator
from crisis_coach.incidents.models import CrisisType, StepKind
from crisis_coach.portability import schema
from crisis_coach.portability.schema import choice, clean_record, moment, number, text


def long_text(limit: int, *, required=False):
    """A textarea's text of at most `limit` characters, a line break counting once (as the forms count)."""
    field = forms.CharField(required=required, strip=False)
    field.validators.append(TextLengthValidator(limit))
    return field


SESSION = {
    "starts_at": moment,
    "duration_minutes": lambda: number(10, 480),
    "place": lambda: text(300),
    "status": lambda: choice(SessionStatus.choices),
    "answered_at": lambda: moment(required=False),
    "agenda": lambda: long_text(4000),
    "summary": lambda: long_text(8000),
    "summary_written_at": lambda: moment(required=False),
    "coach_name": lambda: text(150),
    "created_at": lambda: moment(required=False),
}
PLAYBOOK = {
    "name": lambda: text(120, required=True),
    "crisis_types": lambda: forms.MultipleChoiceField(choices=CrisisType.choices, required=False),
    "prompts": lambda: long_text(4000),
    "archived_at": lambda: moment(required=False),
    "created_at": lambda: moment(required=False),
}
PLAYBOOK_STEP = {
    "position": lambda: number(0, schema.MAX_INT),
    "title": lambda: text(200, required=True),
    "kind": lambda: choice(StepKind.choices),
    "due_in_days": lambda: number(0, 365, required=False),
    "detail": lambda: long_text(4000),
}


def _doc(obj, spec: dict) -> dict:
    return {name: schema.json_value(getattr(obj, name)) for name in spec}


def export_coaching(user, incident_ids: dict) -> dict:
    """{"coaching_sessions", "coach_nudges_received", "playbooks"}: three queries, and one more for
    the playbooks' steps when there are playbooks. `incident_ids` maps the user's incident pks to ids."""
    sessions = CoachingSession.objects.filter(client=user).select_related("coach").order_by("starts_at", "id")
    nudges = (
        CoachNudge.objects.filter(incident__owner=user).select_related("coach").order_by("created_at", "id")
    )
    playbooks = (
        Playbook.objects.filter(coach=user)
        .order_by("created_at", "id")
        .prefetch_related(Prefetch("steps", queryset=PlaybookStep.objects.order_by("position", "id")))
    )
    return {
        "coaching_sessions": [
            # The coach's name as it is now; a coach gone, or an imported session, keeps the stored one.
            {**_doc(s, SESSION), "coach_name": s.coach.display_name if s.coach else s.coach_name}
            for s in sessions
        ],
        "coach_nudges_received": [
            {
                "incident": str(incident_ids[n.incident_id]),
                "coach_name": n.coach.display_name if n.coach else "",
                "body": n.body,
                "created_at": schema.json_value(n.created_at),
                "dismissed_at": schema.json_value(n.dismissed_at),
            }
            for n in nudges
        ],
        "playbooks": [
            {
                **_doc(p, PLAYBOOK),
                "crisis_types": list(p.crisis_types),
                "steps": [_doc(step, PLAYBOOK_STEP) for step in p.steps.all()],
            }
            for p in playbooks
        ],
    }


def _list(container: dict, key: str, path: str, problems: list[str]) -> list:
    items = container.get(key, [])
    if not isinstance(items, list):
        problems.append(_("%(path)s: expected a list.") % {"path": path})
        return []
    return items


def validate_coaching(doc: dict, problems: list[str]) -> dict:
    """The file's sessions and playbooks, cleaned (both [] when absent). Nudges are not read."""
    sessions = []
    for index, item in enumerate(_list(doc, "coaching_sessions", "coaching_sessions", problems)):
        record = clean_record(SESSION, item, f"coaching_sessions[{index}]", problems)
        if record is not None:
            sessions.append(record)
    playbooks = []
    for index, item in enumerate(_list(doc, "playbooks", "playbooks", problems)):
        path = f"playbooks[{index}]"
        record = clean_record(PLAYBOOK, item, path, problems)
        if record is None:
            continue
        record["steps"] = []
        for number_, step in enumerate(_list(item, "steps", f"{path}.steps", problems)):
            kept = clean_record(PLAYBOOK_STEP, step, f"{path}.steps[{number_}]", problems)
            if kept is not None:
                record["steps"].append(kept)
        playbooks.append(record)
    return {"sessions": sessions, "playbooks": playbooks}


def _given(record: dict, spec: dict) -> dict:
    """The record's fields of `spec`, leaving out what the file does not say (the model's default then)."""
    return {name: record[name] for name in spec if record[name] is not None}


def restore_coaching(user, plan: dict, *, is_coach: bool) -> dict:
    """Write the sessions (with no coach) and, into a coach's account, the playbooks.
    Returns {"playbooks_skipped": n}: the playbooks left out because the account is not a coach's."""
    CoachingSession.objects.bulk_create(
        CoachingSession(client=user, coach=None, proposed_by=None, **_given(r, SESSION))
        for r in plan.get("sessions", [])
    )
    playbooks = plan.get("playbooks", [])
    if not is_coach:
        return {"playbooks_skipped": len(playbooks)}
    created = Playbook.objects.bulk_create(Playbook(coach=user, **_given(r, PLAYBOOK)) for r in playbooks)
    PlaybookStep.objects.bulk_create(
        PlaybookStep(playbook=playbook, **_given(step, PLAYBOOK_STEP))
        for playbook, r in zip(created, playbooks, strict=True)
        for step in r["steps"]
    )
    return {"playbooks_skipped": 0}
