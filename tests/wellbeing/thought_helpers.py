"""Thought records as the person makes them: through the services, or the two parts of the form."""

from crisis_coach.wellbeing.thoughts import services

THOUGHT = "I'll never work in this field again."


def make_thought_record(incident, **fields):
    first = {
        "situation": "My manager gave the new account to a colleague in the Monday meeting.",
        "thought": THOUGHT,
        "emotion": "Anxious",
        "intensity_before": 80,
        "traps": ["catastrophising"],
    }
    second = {name: fields.pop(name) for name in services.BALANCE_FIELDS if name in fields}
    record = services.thought_record_create(incident=incident, **{**first, **fields})
    if second:
        services.thought_record_update(record=record, expected_version=None, **second)
    return record


def part_one(**fields) -> dict:
    data = {
        "situation": "My manager gave the new account to a colleague in the Monday meeting.",
        "thought": THOUGHT,
        "emotion": "Anxious",
        "intensity_before": "80",
        "traps": ["catastrophising", "mind_reading"],
    }
    data.update(fields)
    return data


def part_two(**fields) -> dict:
    data = {
        "evidence_for": "She gave the account to someone else the week after my mistake.",
        "evidence_against": "She praised my work last quarter. One missed offer in eight years.",
        "balanced_thought": "One mistake, not a verdict: I can earn the next account.",
        "intensity_after": "45",
        "version": "1",
    }
    data.update(fields)
    return data
