import datetime

from crisis_coach.wellbeing.radar import services
from crisis_coach.wellbeing.radar.questions import QUESTIONS, questions_for
from tests.wellbeing.helpers import local_today


def answers(default: int = 0, **by_type: int) -> dict[str, int]:
    """Every question answered `default`, those of the named types (CrisisType values) their value."""
    return {q.key: by_type.get(q.crisis_type, default) for q in QUESTIONS}


def form_data(default: int = 0, **by_type: int) -> dict[str, str]:
    return {key: str(value) for key, value in answers(default, **by_type).items()}


def make_check(owner, *, days_ago: int = 0, default: int = 0, **by_type: int):
    taken_on = local_today(owner) - datetime.timedelta(days=days_ago)
    return services.radar_check_record(owner=owner, answers=answers(default, **by_type), taken_on=taken_on)


def first_question(crisis_type: str) -> str:
    return questions_for(crisis_type)[0].key
