"""Who can help now: which of the person's contacts might help with a setback, and why.

The data (which relationships fit which kind of crisis, with the reason the page shows) and the
ranking rule live here, as plain values and pure functions: no queries, no clock, no URLs. The
selector (selectors.who_can_help) reads the candidates; the cockpit shows the suggestions.

A suggestion is ranked by how well the relationship fits the crisis first, then by the contact's
importance, then by warmth (a recent touch, promises kept on time): a contact of a better-fitting
kind always comes first; between two of the same fit, warmth can make up one step of importance.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.incidents.models import CrisisType
from crisis_coach.network.models import Relationship

SUGGESTIONS = 5
# A relationship step planned from a suggestion is due this many days from the person's today.
TOUCH_DUE_IN_DAYS = 3
# A touch this recent makes a relationship warm; within WARM_DAYS it is still lukewarm.
RECENT_DAYS = 30
WARM_DAYS = 90


@dataclass(frozen=True)
class Fit:
    weight: int  # 3 = the people to ask first, 1 = worth a thought
    reason: Promise  # shown next to the suggestion, translated


R = Relationship
DIRECTION = _("Has seen your work and can help you choose a direction.")
INSIDE_VIEW = _("Knows how things work where you are and can tell you what they see.")
OUTSIDE_DOOR = _("Knows of openings elsewhere, if staying stops being the best choice.")
WITNESS = _("Has worked beside you and can speak for your work.")
PERSPECTIVE = _("Has been through something similar and can lend perspective.")
CLIENT_VOICE = addressed_lazy("Can say what your work is worth to the people it is for.")

# CrisisType → relationship → Fit. Relationships not listed for a crisis are not suggested for it.
HELP_BY_CRISIS: dict[str, dict[str, Fit]] = {
    CrisisType.RESTRUCTURING: {
        R.MENTOR: Fit(3, DIRECTION),
        R.RECRUITER: Fit(3, OUTSIDE_DOOR),
        R.MANAGER: Fit(2, _("A former manager can vouch for you and may know where teams are growing.")),
        R.PEER: Fit(2, PERSPECTIVE),
        R.COLLEAGUE: Fit(1, INSIDE_VIEW),
        R.COMMUNITY: Fit(1, OUTSIDE_DOOR),
    },
    CrisisType.DIFFICULT_BOSS: {
        R.COLLEAGUE: Fit(3, _("Works with the same boss and can tell you whether it is only you.")),
        R.MENTOR: Fit(3, _("Can help you plan the conversation with your boss.")),
        R.PEER: Fit(2, PERSPECTIVE),
        R.MANAGER: Fit(2, addressed_lazy("A former manager knows how you work at your best.")),
        R.RECRUITER: Fit(1, OUTSIDE_DOOR),
    },
    CrisisType.COLLEAGUE_RELATIONS: {
        R.MENTOR: Fit(3, _("Can help you see the other side and find the first step to repair.")),
        R.COLLEAGUE: Fit(2, _("Sees the team from the inside and can help mend things.")),
        R.PEER: Fit(2, PERSPECTIVE),
        R.MANAGER: Fit(1, INSIDE_VIEW),
    },
    CrisisType.AGE: {
        R.MENTOR: Fit(3, DIRECTION),
        R.PEER: Fit(3, PERSPECTIVE),
        R.COMMUNITY: Fit(2, _("A community keeps your skills and your name current.")),
        R.RECRUITER: Fit(2, _("Knows which employers value experience.")),
        R.MANAGER: Fit(1, WITNESS),
    },
    CrisisType.BUSINESS_CHANGE: {
        R.MENTOR: Fit(3, DIRECTION),
        R.COLLEAGUE: Fit(2, INSIDE_VIEW),
        R.MANAGER: Fit(2, _("A former manager can tell you which of your strengths carry over.")),
        R.COMMUNITY: Fit(2, _("Others in your field are facing the same change.")),
        R.CLIENT: Fit(1, CLIENT_VOICE),
    },
    CrisisType.REPLACED: {
        R.RECRUITER: Fit(3, OUTSIDE_DOOR),
        R.MENTOR: Fit(3, DIRECTION),
        R.MANAGER: Fit(3, _("A former manager can recommend you and may know where you are needed.")),
        R.CLIENT: Fit(2, CLIENT_VOICE),
        R.PEER: Fit(2, PERSPECTIVE),
        R.COMMUNITY: Fit(1, OUTSIDE_DOOR),
    },
    CrisisType.MEANING: {
        R.MENTOR: Fit(3, DIRECTION),
        R.PEER: Fit(2, PERSPECTIVE),
        R.COMMUNITY: Fit(2, _("People who share your interests can remind you why the work matters.")),
        R.CLIENT: Fit(1, CLIENT_VOICE),
    },
    CrisisType.WORK_MISTAKE: {
        R.MENTOR: Fit(3, _("Can help you own the mistake and put it right.")),
        R.COLLEAGUE: Fit(2, WITNESS),
        R.MANAGER: Fit(2, _("A former manager can remind others of your record.")),
        R.PEER: Fit(1, PERSPECTIVE),
    },
    CrisisType.OTHER: {
        R.MENTOR: Fit(3, DIRECTION),
        R.PEER: Fit(2, PERSPECTIVE),
        R.MANAGER: Fit(1, WITNESS),
        R.COLLEAGUE: Fit(1, INSIDE_VIEW),
    },
}


def fits_for(crisis_type: str) -> dict[str, Fit]:
    """The relationships that may help with this kind of crisis (an unknown kind: as "something else")."""
    return HELP_BY_CRISIS.get(crisis_type, HELP_BY_CRISIS[CrisisType.OTHER])


@dataclass(frozen=True)
class Candidate:
    """What the rule needs to know of one contact (the selector reads it)."""

    key: object  # handed back untouched: the contact itself, in the app
    name: str
    relationship: str
    importance: int
    last_contacted_on: datetime.date | None
    promises_counted: int  # settled, or open and past due (rules.commitment_counts_for_trust)
    promises_kept_on_time: int


@dataclass(frozen=True)
class Suggestion:
    key: object
    score: int
    fit: Fit
    last_contacted_on: datetime.date | None
    promises_counted: int
    promises_kept_on_time: int

    @property
    def reason(self) -> Promise:
        return self.fit.reason


def warmth(candidate: Candidate, *, today: datetime.date) -> int:
    """0 to 3: 2 for a touch in the last RECENT_DAYS (1 within WARM_DAYS), 1 for keeping promises on time."""
    points = 0
    if candidate.last_contacted_on is not None:
        days = (today - candidate.last_contacted_on).days
        points += 2 if days <= RECENT_DAYS else 1 if days <= WARM_DAYS else 0
    counted = candidate.promises_counted
    if counted and candidate.promises_kept_on_time * 4 >= counted * 3:  # three in four, or better
        points += 1
    return points


def score(candidate: Candidate, fit: Fit, *, today: datetime.date) -> int:
    # Fit steps of 10 outweigh any importance (2 to 10) and warmth (0 to 3) together.
    return fit.weight * 10 + candidate.importance * 2 + warmth(candidate, today=today)


def rank(candidates, *, crisis_type: str, today: datetime.date, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The best `limit` candidates for this crisis, best first; ties go by name (then as given)."""
    fits = fits_for(crisis_type)
    scored = []
    for order, candidate in enumerate(candidates):
        fit = fits.get(candidate.relationship)
        if fit is None:
            continue
        suggestion = Suggestion(
            key=candidate.key,
            score=score(candidate, fit, today=today),
            fit=fit,
            last_contacted_on=candidate.last_contacted_on,
            promises_counted=candidate.promises_counted,
            promises_kept_on_time=candidate.promises_kept_on_time,
        )
        scored.append((-suggestion.score, candidate.name.casefold(), order, suggestion))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]
