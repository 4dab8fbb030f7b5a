"""Shipped, translatable data for the crisis flow: what each crisis type looks like, and a
playbook of suggested steps and conversation prompts per type. Written for this product from
the career-crisis article's method; gettext_lazy keeps every line translatable.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.incidents.models import CrisisType, StepKind

CRISIS_TYPE_HINTS: dict[str, Promise] = {
    CrisisType.RESTRUCTURING: _("Quiet talk of reorganising, and your role might not survive it."),
    CrisisType.DIFFICULT_BOSS: _("Your manager blocks, criticises or sidelines you, fairly or not."),
    CrisisType.COLLEAGUE_RELATIONS: _("Tension with colleagues makes daily work and teamwork hard."),
    CrisisType.AGE: addressed_lazy("You feel your age is held against you, or you worry it soon will be."),
    CrisisType.BUSINESS_CHANGE: _("The business changed direction and your skills no longer keep up."),
    CrisisType.REPLACED: _("A new hire, a tool or an outside service is taking over your work."),
    CrisisType.MEANING: addressed_lazy("You have started to doubt why you do this work at all."),
    CrisisType.WORK_MISTAKE: _(
        "You slipped — a missed deadline, a lost client, an error that cost something."
    ),
    CrisisType.OTHER: _("A different setback; describe it in your own words."),
}


@dataclass(frozen=True)
class PlaybookStep:
    key: str
    title: Promise
    kind: str
    due_in_days: int


# Steps every playbook shares: the article's emergency plan, in order.
_COMMON = [
    PlaybookStep(
        "own_it",
        addressed_lazy("Tell your manager plainly what happened and ask for a chance to make it right"),
        StepKind.QUICK_WIN,
        3,
    ),
    PlaybookStep(
        "root_cause",
        addressed_lazy("Write down why it happened and one change that stops it happening again"),
        StepKind.PREVENTION,
        7,
    ),
    PlaybookStep("visible_result", _("Deliver one visible result within two weeks"), StepKind.QUICK_WIN, 14),
    PlaybookStep(
        "direction",
        addressed_lazy("List your strengths and decide whether this role still fits them"),
        StepKind.CAREER,
        30,
    ),
]

_BY_TYPE: dict[str, list[PlaybookStep]] = {
    CrisisType.WORK_MISTAKE: [
        PlaybookStep(
            "recover_client",
            addressed_lazy("Contact the client or team affected and offer a concrete remedy"),
            StepKind.REMEDY,
            5,
        ),
        PlaybookStep(
            "checklist",
            addressed_lazy("Set up a checklist or reminder for the task that slipped"),
            StepKind.PREVENTION,
            10,
        ),
        PlaybookStep(
            "retrain", addressed_lazy("Book training for the skill that fell short"), StepKind.SKILL, 30
        ),
    ],
    CrisisType.RESTRUCTURING: [
        PlaybookStep(
            "map_value",
            addressed_lazy("Write one page on the results you deliver that the new structure needs"),
            StepKind.QUICK_WIN,
            7,
        ),
        PlaybookStep(
            "sponsor",
            addressed_lazy("Ask a senior ally where the reorganisation is heading"),
            StepKind.RELATIONSHIP,
            10,
        ),
        PlaybookStep("update_cv", _("Update your CV and profile quietly, just in case"), StepKind.CAREER, 14),
    ],
    CrisisType.DIFFICULT_BOSS: [
        PlaybookStep(
            "expectations",
            addressed_lazy("Ask your manager to agree, in writing, what good work looks like"),
            StepKind.REMEDY,
            7,
        ),
        PlaybookStep(
            "record", _("Keep a factual record of requests, deadlines and results"), StepKind.PREVENTION, 7
        ),
        PlaybookStep(
            "mentor",
            _("Talk it through with a mentor outside your reporting line"),
            StepKind.RELATIONSHIP,
            14,
        ),
    ],
    CrisisType.COLLEAGUE_RELATIONS: [
        PlaybookStep(
            "one_to_one",
            _("Have a calm one-to-one with the colleague, listening first"),
            StepKind.RELATIONSHIP,
            7,
        ),
        PlaybookStep(
            "help_first",
            addressed_lazy("Offer help or share something useful with the team"),
            StepKind.QUICK_WIN,
            10,
        ),
    ],
    CrisisType.AGE: [
        PlaybookStep(
            "current_skill", _("Learn one current tool or method your field now expects"), StepKind.SKILL, 30
        ),
        PlaybookStep(
            "experience_story",
            _("Turn your experience into a story of results you can tell in a minute"),
            StepKind.CAREER,
            14,
        ),
    ],
    CrisisType.BUSINESS_CHANGE: [
        PlaybookStep(
            "gap",
            addressed_lazy("List the skills the new direction needs and where you fall short"),
            StepKind.SKILL,
            7,
        ),
        PlaybookStep(
            "course",
            addressed_lazy("Start a course or a stretch task to close the biggest gap"),
            StepKind.SKILL,
            21,
        ),
    ],
    CrisisType.REPLACED: [
        PlaybookStep(
            "unique",
            addressed_lazy("Name what you do that the replacement cannot, and show it"),
            StepKind.QUICK_WIN,
            10,
        ),
        PlaybookStep(
            "adjacent",
            addressed_lazy("Explore a neighbouring role where your strengths count more"),
            StepKind.CAREER,
            30,
        ),
    ],
    CrisisType.MEANING: [
        PlaybookStep(
            "energy_log",
            addressed_lazy("For two weeks, note which tasks give you energy and which drain it"),
            StepKind.CAREER,
            14,
        ),
        PlaybookStep(
            "coach_session",
            _("Book a session with a career coach to talk about direction"),
            StepKind.RELATIONSHIP,
            14,
        ),
    ],
}

CONVERSATION_PROMPTS: list[Promise] = [
    addressed_lazy("Open by saying you want to talk about what happened, and that you take it seriously."),
    _("Say plainly what you got wrong — no excuses, no blaming others."),
    _("Ask how they see it, and listen to the end before you answer."),
    addressed_lazy("Explain what you will do to make it right, with dates."),
    addressed_lazy("Ask for a chance to show results in the coming weeks."),
]


def playbook_for(crisis_type: str) -> list[PlaybookStep]:
    """The suggested steps for a crisis type: its own first, then the emergency plan every type shares."""
    return _BY_TYPE.get(crisis_type, []) + _COMMON


def playbook_step(crisis_type: str, key: str) -> PlaybookStep | None:
    return next((step for step in playbook_for(crisis_type) if step.key == key), None)
