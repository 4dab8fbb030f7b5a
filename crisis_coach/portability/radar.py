"""The career risk radar's checks and the prevention plan in the export and the import (since
version 3; files of versions 1 and 2, and version-3 files made before the radar, leave the keys out
and import without them).

Top level, `radar_checks[]` (oldest first) and `prevention_steps[]` (oldest first). A check's
`answers` is {question key: 0–3} (wellbeing/radar/questions.py); its `scores` are written for the
reader's sake and recomputed from the answers on import, so they always follow the rule in force.
Nothing refers to these rows, so they carry no id.
"""

from django.utils.translation import gettext as _

from crisis_coach.incidents.models import CrisisType, StepKind
from crisis_coach.portability import schema
from crisis_coach.portability.schema import choice, clean_record, day, moment, text
from crisis_coach.wellbeing.models import PreventionStatus, PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar.questions import MAX_ANSWER, QUESTION_KEYS
from crisis_coach.wellbeing.radar.rules import scores_from

RADAR_CHECK = {
    "taken_on": day,
    "created_at": lambda: moment(required=False),
}
PREVENTION_STEP = {
    "crisis_type": lambda: choice(CrisisType.choices),
    "title": lambda: text(200, required=True),
    "detail": text,
    "kind": lambda: choice(StepKind.choices),
    "due_on": lambda: day(required=False),
    "status": lambda: choice(PreventionStatus.choices),
    "done_at": lambda: moment(required=False),
    "source": lambda: text(80),
    "created_at": lambda: moment(required=False),
}


def export_radar(user) -> dict:
    """{"radar_checks": […], "prevention_steps": […]}: two queries."""
    checks = RadarCheck.objects.filter(owner=user).order_by("taken_on", "created_at", "id")
    steps = PreventionStep.objects.filter(owner=user).order_by("created_at", "id")
    return {
        "radar_checks": [
            {
                **{name: schema.json_value(getattr(check, name)) for name in RADAR_CHECK},
                "answers": dict(check.answers),
                "scores": dict(check.scores),
            }
            for check in checks
        ],
        "prevention_steps": [
            {name: schema.json_value(getattr(step, name)) for name in PREVENTION_STEP} for step in steps
        ],
    }


def _answers(raw, path: str, problems: list[str]) -> dict | None:
    if not isinstance(raw, dict):
        problems.append(_("%(path)s: expected an object.") % {"path": f"{path}.answers"})
        return None
    answers = {}
    for key, value in raw.items():
        if key not in QUESTION_KEYS:
            continue  # a question no longer asked: left out, as the radar would
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ANSWER:
            problems.append(
                _("%(path)s: an answer is a whole number from 0 to 3.") % {"path": f"{path}.answers.{key}"}
            )
            return None
        answers[key] = value
    return answers


def _list(doc: dict, key: str, problems: list[str]) -> list:
    items = doc.get(key, [])
    if not isinstance(items, list):
        problems.append(_("%(path)s: expected a list.") % {"path": key})
        return []
    return items


def validate_radar(doc: dict, problems: list[str]) -> dict:
    """The file's checks and steps, cleaned (both [] when absent)."""
    checks = []
    for index, item in enumerate(_list(doc, "radar_checks", problems)):
        path = f"radar_checks[{index}]"
        record = clean_record(RADAR_CHECK, item, path, problems)
        answers = _answers(item.get("answers", {}), path, problems) if isinstance(item, dict) else None
        if record is not None and answers is not None:
            checks.append({**record, "answers": answers})
    steps = []
    for index, item in enumerate(_list(doc, "prevention_steps", problems)):
        record = clean_record(PREVENTION_STEP, item, f"prevention_steps[{index}]", problems)
        if record is not None:
            steps.append(record)
    return {"radar_checks": checks, "prevention_steps": steps}


def restore_radar(user, plan: dict) -> None:
    """One insert each; every row keeps when it was made (now, where the file does not say)."""

    def given(record):
        return {name: value for name, value in record.items() if value is not None}

    RadarCheck.objects.bulk_create(
        RadarCheck(owner=user, scores=scores_from(record["answers"]), **given(record))
        for record in plan.get("radar_checks", [])
    )
    PreventionStep.objects.bulk_create(
        PreventionStep(owner=user, **given(record)) for record in plan.get("prevention_steps", [])
    )
