"""Writes for the radar and the prevention plan. Callers pass the signed-in owner and objects they
reached through the owner-scoped selectors."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from crisis_coach.common.conflicts import save_versioned
from crisis_coach.wellbeing.models import PreventionStatus, PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import rules
from crisis_coach.wellbeing.radar.questions import QUESTION_KEYS, suggestion_source, suggestions_for

STEP_FIELDS = ("title", "detail", "due_on")


def radar_check_record(*, owner, answers: dict[str, int], taken_on: datetime.date) -> RadarCheck:
    """Save a check with its per-type scores (rules.scores_from). Unknown keys are left out."""
    answers = {key: int(value) for key, value in answers.items() if key in QUESTION_KEYS}
    return RadarCheck.objects.create(
        owner=owner, taken_on=taken_on, answers=answers, scores=rules.scores_from(answers)
    )


@transaction.atomic
def prevention_suggestions_add(*, owner, crisis_type: str, today: datetime.date) -> list[PreventionStep]:
    """Add the type's suggested steps to the plan, due in each suggestion's days from `today`; one
    already in the plan (by its source, whatever its status) is not added again."""
    suggested = {suggestion_source(crisis_type, step): step for step in suggestions_for(crisis_type)}
    # Locks the owner's row so two quick clicks cannot both add the same suggestion.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
    present = set(
        PreventionStep.objects.filter(owner=owner, source__in=suggested).values_list("source", flat=True)
    )
    steps = [
        PreventionStep(
            owner=owner,
            crisis_type=crisis_type,
            title=str(step.title),
            kind=step.kind,
            due_on=today + datetime.timedelta(days=step.due_in_days),
            source=source,
        )
        for source, step in suggested.items()
        if source not in present
    ]
    return PreventionStep.objects.bulk_create(steps)


def prevention_step_create(*, owner, crisis_type: str, title: str, detail: str = "", due_on=None, kind=None):
    """A step of one's own (the demo data and the importer use it too)."""
    values = {"kind": kind} if kind else {}
    return PreventionStep.objects.create(
        owner=owner, crisis_type=crisis_type, title=title, detail=detail, due_on=due_on, **values
    )


def prevention_step_update(*, step: PreventionStep, expected_version: int, title: str, detail: str, due_on):
    step.title, step.detail, step.due_on = title, detail, due_on
    save_versioned(step, expected_version=expected_version, fields=STEP_FIELDS)
    return step


def prevention_step_set_status(*, step: PreventionStep, status: str) -> PreventionStep:
    """Tick done, drop or reopen: one click, like a case step on Today (no version: the click
    carries no edit that another tab could overwrite)."""
    step.status = status
    step.done_at = timezone.now() if status == PreventionStatus.DONE else None
    save_versioned(step, expected_version=None, fields=("status", "done_at"))
    return step


def prevention_step_delete(*, step: PreventionStep) -> None:
    step.delete()
