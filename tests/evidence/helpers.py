"""Evidence entries as the person makes them: through the services."""

import datetime

from crisis_coach.evidence import services


def make_entry(incident, **fields):
    defaults = {
        "happened_on": datetime.date(2026, 11, 18),
        "what_happened": "In the Monday meeting Mr Li said the report was late; it was sent on Friday.",
        "proof": "Email “Q3 report” of 14 Nov",
    }
    return services.entry_create(incident=incident, **{**defaults, **fields})


def form_data(**fields) -> dict:
    data = {
        "happened_on": "2026-11-18",
        "happened_at": "",
        "what_happened": "Mr Li raised his voice at me in front of the team.",
        "proof": "Teams chat with Ana, 18 Nov",
        "concerns": "",
    }
    data.update(fields)
    return data
