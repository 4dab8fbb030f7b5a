"""Shipped, translatable data for the career risk radar: two or three early-sign questions for each
of the seven crisis types the article names, the 0–3 answer scale, and which playbook steps each
type suggests. Written in plain words for this product; gettext_lazy keeps every line translatable.

A question's key is stored in RadarCheck.answers, so keys never change once shipped; a new question
gets a new key (older checks simply lack it).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.incidents.models import CrisisType, StepKind
from crisis_coach.incidents.playbooks import PlaybookStep, playbook_for

# The seven types the radar watches, in the article's order (a work mistake is not foreseen this way).
RADAR_TYPES: list[str] = [
    CrisisType.RESTRUCTURING,
    CrisisType.DIFFICULT_BOSS,
    CrisisType.COLLEAGUE_RELATIONS,
    CrisisType.AGE,
    CrisisType.BUSINESS_CHANGE,
    CrisisType.REPLACED,
    CrisisType.MEANING,
]

ANSWER_CHOICES: list[tuple[int, Promise]] = [
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("Clearly")),
    (3, _("Strongly")),
]
MAX_ANSWER = 3


@dataclass(frozen=True)
class RadarQuestion:
    key: str
    crisis_type: str
    text: Promise


QUESTIONS: list[RadarQuestion] = [
    RadarQuestion(
        "restructuring_projects", CrisisType.RESTRUCTURING, _("Projects have been moved away from you")
    ),
    RadarQuestion(
        "restructuring_talk",
        CrisisType.RESTRUCTURING,
        _("There is quiet talk of reorganising your team or unit"),
    ),
    RadarQuestion(
        "restructuring_meetings",
        CrisisType.RESTRUCTURING,
        _("You are left out of meetings you used to attend"),
    ),
    RadarQuestion(
        "boss_feedback", CrisisType.DIFFICULT_BOSS, _("Feedback from your manager has turned cold")
    ),
    RadarQuestion(
        "boss_blocks",
        CrisisType.DIFFICULT_BOSS,
        _("Your manager blocks or criticises your work more than before"),
    ),
    RadarQuestion(
        "boss_credit", CrisisType.DIFFICULT_BOSS, _("Your results are overlooked or credited to someone else")
    ),
    RadarQuestion(
        "colleagues_tension", CrisisType.COLLEAGUE_RELATIONS, _("Working with some colleagues feels tense")
    ),
    RadarQuestion(
        "colleagues_left_out",
        CrisisType.COLLEAGUE_RELATIONS,
        _("Colleagues leave you out of talks or decisions"),
    ),
    RadarQuestion("age_remarks", CrisisType.AGE, _("Remarks about your age or generation come up at work")),
    RadarQuestion(
        "age_passed_over",
        CrisisType.AGE,
        _("Younger colleagues are chosen for what you would have been given"),
    ),
    RadarQuestion(
        "change_skills",
        CrisisType.BUSINESS_CHANGE,
        addressed_lazy("The business asks for skills or tools you do not have yet"),
    ),
    RadarQuestion(
        "change_direction",
        CrisisType.BUSINESS_CHANGE,
        _("The company's direction has changed and you struggle to follow"),
    ),
    RadarQuestion(
        "replaced_automated", CrisisType.REPLACED, _("Tasks you did are now automated or given to others")
    ),
    RadarQuestion(
        "replaced_new_hire",
        CrisisType.REPLACED,
        _("A new hire or an outside service does work close to yours"),
    ),
    RadarQuestion("meaning_doubt", CrisisType.MEANING, _("You wonder why you do this work at all")),
    RadarQuestion(
        "meaning_energy", CrisisType.MEANING, _("Work that used to give you energy now drains you")
    ),
]

QUESTION_KEYS: frozenset[str] = frozenset(q.key for q in QUESTIONS)


def questions_for(crisis_type: str) -> list[RadarQuestion]:
    return [q for q in QUESTIONS if q.crisis_type == crisis_type]


# The radar suggests the playbook's prevention and relationship steps of the type: the ones that
# head a crisis off, rather than the remedies of one that happened. The emergency plan every playbook
# shares (own up, find the root cause…) is about a setback that happened, so it is left out; "other"
# has no steps of its own, so its playbook is exactly that shared plan.
SUGGESTED_KINDS = frozenset({StepKind.PREVENTION, StepKind.RELATIONSHIP})
_SHARED_KEYS = frozenset(step.key for step in playbook_for(CrisisType.OTHER))


def suggestion_source(crisis_type: str, step: PlaybookStep) -> str:
    """PreventionStep.source: the type and the playbook key, so a suggestion is added only once."""
    return f"{crisis_type}:{step.key}"


def suggestions_for(crisis_type: str) -> list[PlaybookStep]:
    """The steps the radar suggests for a type: its own prevention and relationship steps; a type
    whose playbook has none (age, business change, being replaced) suggests all of its own steps,
    which there build skills or options before they are needed."""
    own = [step for step in playbook_for(crisis_type) if step.key not in _SHARED_KEYS]
    preventive = [step for step in own if step.kind in SUGGESTED_KINDS]
    return preventive or own
