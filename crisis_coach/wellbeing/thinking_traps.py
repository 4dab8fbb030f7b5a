"""What each thinking trap (models.ThinkingTrap) means, written for career setbacks, as data: a
one-line explanation and an example of the thought it shapes. The thought record's form shows them
beside each checkbox; translators translate them like the playbooks.

Plain words on purpose: these are everyday habits of a worried mind, not symptoms, and nothing here
judges the person who recognises one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.wellbeing.models import ThinkingTrap


@dataclass(frozen=True)
class TrapGuide:
    explanation: str
    example: str


TRAP_GUIDES: dict[str, TrapGuide] = {
    ThinkingTrap.CATASTROPHISING: TrapGuide(
        _("Jumping to the worst outcome and treating it as certain."),
        _("“I’ll never work in this field again.”"),
    ),
    ThinkingTrap.MIND_READING: TrapGuide(
        addressed_lazy("Being sure you know what others think of you, though they have not said it."),
        _("“My boss thinks I’m useless.”"),
    ),
    ThinkingTrap.LABELLING: TrapGuide(
        _("Turning one setback into a verdict on who you are."),
        _("“I’m a failure.”"),
    ),
    ThinkingTrap.ALL_OR_NOTHING: TrapGuide(
        _("Seeing only total success or total failure, with nothing in between."),
        _("“The project was not perfect, so it was a disaster.”"),
    ),
    ThinkingTrap.FORTUNE_TELLING: TrapGuide(
        _("Predicting how things will go as if you already knew."),
        _("“They will turn me down anyway, so why apply.”"),
    ),
    ThinkingTrap.PERSONALISING: TrapGuide(
        _("Taking all the blame for something that had many causes."),
        _("“The team missed the target because of me.”"),
    ),
    ThinkingTrap.SHOULD: TrapGuide(
        addressed_lazy(
            "Holding yourself to rigid rules of how you must be, and blaming yourself when you are not."
        ),
        _("“I should have seen this coming.”"),
    ),
}


def trap_labels(values) -> list[str]:
    """The traps' names in the reader's language, in the list's own order (unknown values left out)."""
    chosen = set(values or ())
    return [str(label) for value, label in ThinkingTrap.choices if value in chosen]
