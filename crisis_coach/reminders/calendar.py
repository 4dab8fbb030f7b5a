"""The private calendar feed (ICS), built with the icalendar library.

UIDs are stable per object ("step-<public_id>@crisis-coach"), so a calendar app that polls the
feed updates an event when the step's date changes instead of adding a second one.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from crisis_coach.common import addressing
from crisis_coach.common.punctuation import label_value
from crisis_coach.reminders import links, selectors
from crisis_coach.reminders.models import ReminderSettings

UID_DOMAIN = "crisis-coach"
CONVERSATION_LENGTH = datetime.timedelta(hours=1)


def event_uid(item: selectors.AgendaItem) -> str:
    return f"{item.kind}-{item.obj.public_id}@{UID_DOMAIN}"


def _event(item: selectors.AgendaItem, *, stamp: datetime.datetime, discreet: bool) -> Event:
    """In discreet mode the title names the kind of thing ("Step due") and the description only links
    back to the app: calendars are shown on shared screens, to colleagues, and synced to work accounts."""
    start = item.at if item.at is not None else item.due  # a date alone: an all-day event
    try:
        if item.ends_at is not None:
            end = item.ends_at
        else:
            end = start + (CONVERSATION_LENGTH if item.at is not None else datetime.timedelta(days=1))
    except OverflowError:
        # Due on 31 December 9999, which the date fields accept: no end, which iCalendar reads as
        # lasting that one day (or that moment), rather than a feed that fails for ever.
        end = None
    url = links.absolute(item.url)
    if discreet:
        summary = str(item.discreet_title)
        description = label_value(_("Open it in Crisis Coach"), url)
    else:
        summary = label_value(item.kind_label, item.title)
        description = str(item.context) if item.context else None
    event = Event.new(
        uid=event_uid(item),
        stamp=stamp,
        start=start,
        end=end,
        summary=summary,
        description=description,
        url=url,
    )
    # Items from reminders.hooks (a session) say how often they changed and whether they still hold.
    if item.sequence is not None:
        event.add("sequence", item.sequence)
    if item.status:
        event.add("status", item.status)
    return event


def calendar_feed(*, reminder_settings: ReminderSettings, now: datetime.datetime | None = None) -> bytes:
    """The person's feed, in their language. Anyone with the URL may read it; nobody else's items."""
    now = now or timezone.now()
    user = reminder_settings.user
    today = timezone.localdate(now, user.zone)
    with addressing.speaking_to(user):
        calendar = Calendar.new(
            name=_("Crisis Coach"),
            description=_("Your due steps, planned conversations, promises and important dates."),
            prodid="-//Crisis Coach//Reminders//EN",
            uid=f"calendar-{reminder_settings.public_id}@{UID_DOMAIN}",
            refresh_interval=datetime.timedelta(hours=1),
        )
        for item in selectors.calendar_items(user, today=today):
            calendar.add_component(_event(item, stamp=now, discreet=user.discreet_mode))
    return calendar.to_ical()
