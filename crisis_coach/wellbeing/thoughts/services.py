"""Writes of thought records. Callers pass a case they reached through incidents' owner-scoped
selector: only its owner writes here."""

from crisis_coach.common.conflicts import save_versioned
from crisis_coach.wellbeing.models import ThoughtRecord

# The two parts of the form, each saved on its own: the first makes the record, the second fills it in.
SITUATION_FIELDS = ("situation", "thought", "emotion", "intensity_before", "traps")
BALANCE_FIELDS = ("evidence_for", "evidence_against", "balanced_thought", "intensity_after")
TEXT_FIELDS = ("situation", "thought", "emotion", "evidence_for", "evidence_against", "balanced_thought")


def thought_record_create(
    *, incident, situation: str, thought: str, emotion: str, intensity_before: int, traps: list[str]
) -> ThoughtRecord:
    """The first part: the record exists from here, so nothing written is lost if the second waits."""
    return ThoughtRecord.objects.create(
        incident=incident,
        situation=situation,
        thought=thought,
        emotion=emotion,
        intensity_before=intensity_before,
        traps=list(traps),
    )


def thought_record_update(*, record: ThoughtRecord, expected_version: int | None, **fields) -> ThoughtRecord:
    """Either part, edited: only the fields given are written. A stale form raises EditConflict with
    what the other tab saved (common/conflicts.py)."""
    unknown = set(fields) - set(SITUATION_FIELDS) - set(BALANCE_FIELDS)
    if unknown:
        raise TypeError(f"not a thought record field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, list(value) if name == "traps" else value)
    save_versioned(record, expected_version=expected_version, fields=list(fields))
    return record


def thought_record_delete(*, record: ThoughtRecord) -> None:
    record.delete()


def written_text(record: ThoughtRecord) -> str:
    """Everything the person wrote in the record, for the safety net (rules.distress_signalled)."""
    return "\n".join(getattr(record, name) for name in TEXT_FIELDS if getattr(record, name))
