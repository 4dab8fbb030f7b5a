"""Nudges on the client's agenda (reminders.hooks): on Today with a dismiss button, and in the digest.

Registered in CoachingConfig.ready. A nudge is the coach's words, so in discreet mode the digest says
only its kind (the source's discreet_title), as it does for the words of a setback.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching.feedback.selectors import nudges_for_client
from crisis_coach.reminders import hooks, rules
from crisis_coach.reminders.selectors import AgendaItem

KIND = "nudge"


def nudge_items(user, *, today, until, calendar) -> list[AgendaItem]:
    """The client's undismissed recent nudges, as things for today (one query). Never in the
    calendar feed: a nudge is a word to read, not an appointment."""
    if calendar:
        return []
    return [
        AgendaItem(
            kind=KIND,
            due=timezone.localtime(nudge.created_at, user.zone).date(),
            title=nudge.body,
            context=nudge.incident.title,
            route="incidents:detail",
            route_args=(nudge.incident.public_id,),
            obj=nudge,
            bucket=rules.TODAY,  # however long ago it came (up to a week), it is for today
        )
        for nudge in nudges_for_client(user)
    ]


def register() -> None:
    hooks.register_agenda_source(
        KIND,
        nudge_items,
        label=_("From your coach"),
        discreet_title=_("A word from your coach"),
        order=0.2,  # within a day: before the plan's steps, after a conversation at a set time
    )
