"""Reads for the check-in and the support panel. Every one starts from the signed-in owner: a
check-in is only ever its owner's (coaches see none until sharing lands, issue 21)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from crisis_coach.wellbeing import rules
from crisis_coach.wellbeing.hooks import coach_for_support
from crisis_coach.wellbeing.models import CheckIn, SupportResource


def check_ins_for(owner) -> QuerySet[CheckIn]:
    """The owner's check-ins, newest day first (the list page paginates it)."""
    return CheckIn.objects.filter(owner=owner).order_by("-day")


def check_in_of_day(owner, day: datetime.date) -> CheckIn | None:
    return CheckIn.objects.filter(owner=owner, day=day).first()


@dataclass
class TodayCheckIn:
    """What Today shows: the form until today's check-in is done, then its summary, and why the
    support panel shows, if it does (rules.support_reason)."""

    today: datetime.date
    check_in: CheckIn | None
    support_reason: str | None

    @property
    def done(self) -> bool:
        return self.check_in is not None


def today_check_in(owner, *, today: datetime.date) -> TodayCheckIn:
    """Today's check-in and the days before it that the safety rule reads: one query."""
    since = today - datetime.timedelta(days=rules.LOW_DAYS - 1)
    recent = list(CheckIn.objects.filter(owner=owner, day__gte=since, day__lte=today).order_by("-day"))
    mine = recent[0] if recent and recent[0].day == today else None
    reason = rules.support_reason(
        [(c.day, c.mood) for c in recent],
        today=today,
        note=mine.note if mine else "",
        language=owner.language,
    )
    return TodayCheckIn(today=today, check_in=mine, support_reason=reason)


def support_resources(*, country: str, language: str) -> list[SupportResource]:
    """The operator's resources for the person's country, in their language or for every language.
    None without a country: the panel then says to contact local emergency services."""
    if not country:
        return []
    return list(
        SupportResource.objects.filter(is_active=True, country=country.upper()).filter(
            Q(language="") | Q(language=language)
        )
    )


def support_panel(user, *, language: str) -> dict:
    """The context of the support panel (wellbeing/_support_panel.html): `support_resources`, and
    `support_coach`, the coach the panel offers to message (None without one). Two queries."""
    return {
        "support_resources": support_resources(country=user.country, language=language),
        "support_coach": coach_for_support(user),
    }


def check_ins_between(owner, *, start: datetime.date, end: datetime.date) -> list[CheckIn]:
    """The owner's check-ins from `start` to `end`, oldest first (insights' chart): one query."""
    return list(
        CheckIn.objects.filter(owner=owner, day__gte=start, day__lte=end)
        .order_by("day")
        .only("day", "mood", "control", "sleep")
    )
