"""The one relative date of the app: how long ago something last happened ("3 days ago").

A day and a moment each have one format per language (crisis_coach/formats/); this is the third
kind, for "when did this last happen" (a contact last reached, a case's last activity, a session last
seen). It counts in the reader's calendar, not in 24-hour blocks: something at 23:50 yesterday was
"yesterday" at 00:10 today. Units grow with the distance, one unit only ("5 weeks ago", not "1 month,
1 week ago"), since the exact day is one hover away (`{{ value|ago }}` puts it in the title).

Within the same day, a moment says minutes or hours; a plain date says "today". A date still to come
is not "ago" at all: it is shown as a day.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import npgettext, pgettext

DAYS_PER_WEEK = 7
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365


def relative(value: datetime.date | datetime.datetime, *, now: datetime.datetime | None = None) -> str:
    now = timezone.localtime(now or timezone.now())
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value)
        if moment > now:
            return formats.date_format(moment, "DATETIME_FORMAT")
        seconds = (now - moment).total_seconds()
        if moment.date() == now.date() or seconds < 3600:
            return _within_the_day(int(seconds))
        day = moment.date()
    else:
        day = value
    days = (now.date() - day).days
    if days < 0:
        return formats.date_format(day, "DATE_FORMAT")
    return _days_ago(days)


def _within_the_day(seconds: int) -> str:
    if seconds < 60:
        return pgettext("relative date", "just now")
    if seconds < 3600:
        count = seconds // 60
        text = npgettext("relative date", "%(count)d minute ago", "%(count)d minutes ago", count)
    else:
        count = seconds // 3600
        text = npgettext("relative date", "%(count)d hour ago", "%(count)d hours ago", count)
    return text % {"count": count}


def _days_ago(days: int) -> str:
    if days == 0:
        return pgettext("relative date", "today")
    if days == 1:
        return pgettext("relative date", "yesterday")
    if days < DAYS_PER_WEEK * 2:
        count = days
        text = npgettext("relative date", "%(count)d day ago", "%(count)d days ago", count)
    elif days < DAYS_PER_MONTH * 2:
        count = days // DAYS_PER_WEEK
        text = npgettext("relative date", "%(count)d week ago", "%(count)d weeks ago", count)
    elif days < DAYS_PER_YEAR:
        count = days // DAYS_PER_MONTH
        text = npgettext("relative date", "%(count)d month ago", "%(count)d months ago", count)
    else:
        count = days // DAYS_PER_YEAR
        text = npgettext("relative date", "%(count)d year ago", "%(count)d years ago", count)
    return text % {"count": count}
