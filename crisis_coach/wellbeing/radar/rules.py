"""The radar's rules, in one place: a type's score, when it stands high or rises, when the next
check is due. Templates display these; they never recompute them.

A type's score is the mean of its answers (each 0–3) mapped to 0–100: 100 × sum ÷ (3 × questions
answered). So "clearly" on every question of a type is 67, "strongly" on every one is 100.
"""

import datetime

from crisis_coach.wellbeing.radar.questions import MAX_ANSWER, RADAR_TYPES, questions_for

# A score this high stands high: on average "clearly" or more.
HIGH_SCORE = 60
# Up this many points since the previous check is a rise (one question moving up a step in a type
# of three is 11, so a rise means more than a single small change).
RISE_POINTS = 15
# The check is monthly: Today and the digest ask again this many days after the last one.
DUE_AFTER_DAYS = 30


def scores_from(answers: dict[str, int]) -> dict[str, int]:
    """{crisis type: 0–100} for every type with at least one answer."""
    scores = {}
    for crisis_type in RADAR_TYPES:
        values = [answers[q.key] for q in questions_for(crisis_type) if q.key in answers]
        if values:
            scores[str(crisis_type)] = round(100 * sum(values) / (MAX_ANSWER * len(values)))
    return scores


def is_high(score: int | None) -> bool:
    return score is not None and score >= HIGH_SCORE


def has_risen(score: int | None, previous: int | None) -> bool:
    return score is not None and previous is not None and score - previous >= RISE_POINTS


def level(score: int) -> str:
    """A word for the score, so the chart never speaks by colour alone: low, some, high."""
    if score >= HIGH_SCORE:
        return "high"
    if score >= 30:
        return "some"
    return "low"


def types_to_act_on(scores: dict[str, int], previous: dict[str, int] | None) -> list[str]:
    """The types whose prevention steps the result suggests: those standing high or risen since the
    previous check, in the radar's order."""
    previous = previous or {}
    return [
        str(t) for t in RADAR_TYPES if is_high(scores.get(t)) or has_risen(scores.get(t), previous.get(t))
    ]


def radar_due(last_taken_on: datetime.date | None, *, today: datetime.date) -> bool:
    """True when no check was taken in the last DUE_AFTER_DAYS days (or ever)."""
    return last_taken_on is None or (today - last_taken_on).days >= DUE_AFTER_DAYS
