"""Writes of the coach's playbooks, and of a client's steps added from one.

A playbook's steps are edited with it, on one form: a save checks the playbook's version (optimistic
locking, common/conflicts.py) before any of its steps is written, so a stale form changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.coaching.models import Playbook, PlaybookStep, PlaybookStepUse
from crisis_coach.common.conflicts import save_versioned
from crisis_coach.incidents import services as incident_services
from crisis_coach.incidents.case_summary import lock_cases
from crisis_coach.incidents.models import ActionStep, Incident

PLAYBOOK_FIELDS = ("name", "crisis_types", "prompts")
STEP_FIELDS = ("title", "kind", "due_in_days", "detail")
NAME_MAX = Playbook._meta.get_field("name").max_length


def _write_steps(playbook: Playbook, steps: list[dict]) -> None:
    """Make the playbook's steps those given, in that order. A step given with the `public_id` of
    one of this playbook's steps edits it; the rest are new; the steps not given are removed (their
    uses keep counting for the playbook, without the step)."""
    existing = {str(step.public_id): step for step in playbook.steps.all()}
    kept = set()
    for position, values in enumerate(steps, start=1):
        step = existing.get(str(values.get("public_id") or ""))
        if step is None or step.pk in kept:
            step = PlaybookStep(playbook=playbook)
        for name in STEP_FIELDS:
            setattr(step, name, values.get(name, getattr(step, name)))
        step.position = position
        step.save()
        kept.add(step.pk)
    playbook.steps.exclude(pk__in=kept).delete()


@transaction.atomic
def playbook_create(*, coach, name: str, crisis_types, prompts: str = "", steps: list[dict] = ()) -> Playbook:
    playbook = Playbook.objects.create(
        coach=coach, name=name, crisis_types=list(crisis_types), prompts=prompts
    )
    _write_steps(playbook, list(steps))
    return playbook


@transaction.atomic
def playbook_update(
    *, playbook: Playbook, expected_version: int | None, steps: list[dict], **fields
) -> Playbook:
    """Save the playbook and its steps unless it changed since `expected_version` (EditConflict)."""
    unknown = set(fields) - set(PLAYBOOK_FIELDS)
    if unknown:
        raise TypeError(f"not a playbook field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(playbook, name, list(value) if name == "crisis_types" else value)
    save_versioned(playbook, expected_version=expected_version, fields=list(fields))
    _write_steps(playbook, list(steps))
    return playbook


def copy_name(name: str) -> str:
    return _("Copy of %(name)s") % {"name": name}


@transaction.atomic
def playbook_copy(*, playbook: Playbook) -> Playbook:
    """A new active playbook of the same coach, "Copy of …", with the same steps; no uses."""
    copy = Playbook.objects.create(
        coach=playbook.coach,
        name=copy_name(playbook.name)[:NAME_MAX],
        crisis_types=list(playbook.crisis_types),
        prompts=playbook.prompts,
    )
    PlaybookStep.objects.bulk_create(
        PlaybookStep(
            playbook=copy, position=step.position, **{name: getattr(step, name) for name in STEP_FIELDS}
        )
        for step in playbook.steps.all()
    )
    return copy


def playbook_archive(*, playbook: Playbook) -> None:
    """Archived: no longer offered to clients. The steps they added stay theirs, marked as before."""
    if playbook.archived_at is None:
        playbook.archived_at = timezone.now()
        playbook.save(update_fields=["archived_at", "updated_at"])


def playbook_unarchive(*, playbook: Playbook) -> None:
    if playbook.archived_at is not None:
        playbook.archived_at = None
        playbook.save(update_fields=["archived_at", "updated_at"])


@dataclass
class Added:
    added: list[ActionStep]
    already: list[PlaybookStep]  # in the plan before: not added again


@transaction.atomic
def playbook_steps_add(*, incident: Incident, playbook: Playbook, steps: list[PlaybookStep], today) -> Added:
    """Add the playbook's `steps` to the client's plan as her own steps, marked with the playbook's
    name, due `due_in_days` from her `today` (never before the setback happened), at the end of the
    plan; each with a PlaybookStepUse for the coach's counts. A step already added to this case is
    not added again. The case's row is locked first, so two clicks at once add it once."""
    lock_cases(Incident.objects.filter(pk=incident.pk))
    used = set(
        PlaybookStepUse.objects.filter(step__incident=incident, playbook_step__in=steps).values_list(
            "playbook_step_id", flat=True
        )
    )
    result = Added(added=[], already=[])
    for source in steps:
        if source.pk in used:
            result.already.append(source)
            continue
        due_on = None
        if source.due_in_days is not None:
            due_on = max(today + timedelta(days=source.due_in_days), incident.occurred_on)
        step = ActionStep(
            title=source.title,
            kind=source.kind,
            detail=source.detail,
            due_on=due_on,
            from_playbook=playbook.name,
        )
        incident_services.step_save(incident=incident, step=step)
        PlaybookStepUse.objects.create(step=step, playbook=playbook, playbook_step=source)
        used.add(source.pk)
        result.added.append(step)
    return result
