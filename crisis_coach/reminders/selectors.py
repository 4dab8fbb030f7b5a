"""Reads for Today, the digest and the calendar feed: what is due across incidents and network.

Every query starts from the owner. The network's own selectors and rules decide which contacts
are due for a touch, which dates are coming up and which promises are due; this module only
gathers them next to the crisis flow's steps and conversations.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.templatetags.row_urls import row_reverse
from crisis_coach.incidents.models import (
    ActionStep,
    Conversation,
    Stage,
)
from crisis_coach.incidents.reviews import review_title, reviews_due
from crisis_coach.network import selectors as network
from crisis_coach.reminders import hooks, rules
from crisis_coach.reminders.models import ReminderSettings

KIND_LABELS = {
    "step": _("Step"),
    "conversation": _("Conversation"),
    "commitment": _("Promise"),
    "touch": addressed_lazy("Keep in touch"),
    "date": _("Important date"),
    "review": pgettext_lazy("a kind of item on Today", "Review"),
}
# What discreet mode (User.discreet_mode) says of an item outside the app, in an email or a calendar
# event: its kind, never its words. A contact's name counts as a setback's words: in a career crisis
# the manager, the recruiter or the lawyer one meets tells the story by themselves.
DISCREET_TITLES = {
    "step": _("Step due"),
    "conversation": _("Planned conversation"),
    "commitment": _("Promise due"),
    "touch": addressed_lazy("Get in touch with a contact"),
    "date": _("Important date of a contact"),
    "review": _("Review after a setback"),
}
# Within a day: conversations have a time, then the plan, then the people.
KIND_ORDER = {"conversation": 0, "step": 1, "commitment": 2, "touch": 3, "date": 4, "review": 5}


@dataclass
class AgendaItem:
    """One thing due: what it is, when, where "open" leads, and the row behind it for its action."""

    kind: str
    due: datetime.date
    title: str
    context: str
    # Where "open" leads, as a route and its arguments: reversed only for the items a page shows.
    route: str
    route_args: tuple
    obj: object
    at: datetime.datetime | None = None
    bucket: str = ""
    days_late: int = 0
    # For items an app adds through reminders.hooks (a session): when it ends, what the feed says of
    # it (iCalendar STATUS, e.g. "CANCELLED") and how often it changed (SEQUENCE), and a short note
    # Today shows under it ("Waiting for your answer").
    ends_at: datetime.datetime | None = None
    status: str = ""
    sequence: int | None = None
    note: str = ""

    @property
    def kind_label(self):
        if self.kind in KIND_LABELS:
            return KIND_LABELS[self.kind]
        return hooks.source_for(self.kind).label

    @property
    def discreet_title(self):
        if self.kind in DISCREET_TITLES:
            return DISCREET_TITLES[self.kind]
        return hooks.source_for(self.kind).discreet_title

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.public_id}"

    @cached_property
    def url(self) -> str:
        return row_reverse(self.route, list(self.route_args))  # one reverse() per route, not per item


@dataclass
class Agenda:
    today: datetime.date
    overdue: list[AgendaItem] = field(default_factory=list)
    due_today: list[AgendaItem] = field(default_factory=list)
    soon: list[AgendaItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.soon)

    @property
    def is_empty(self) -> bool:
        return self.count == 0

    @property
    def groups(self) -> list[tuple[str, object, list[AgendaItem]]]:
        return [
            (rules.OVERDUE, _("Overdue"), self.overdue),
            (rules.TODAY, _("Today"), self.due_today),
            (rules.SOON, _("Next 7 days"), self.soon),
        ]


# --- reminder settings -------------------------------------------------------------------------


def settings_for(user) -> ReminderSettings:
    """The person's reminder settings, made with the defaults on first need."""
    reminder_settings, _created = ReminderSettings.objects.get_or_create(user=user)
    return reminder_settings


def settings_for_public_id(public_id) -> ReminderSettings:
    """The settings an unsubscribe link names (by random public id); 404 if gone."""
    return get_object_or_404(ReminderSettings, public_id=public_id)


def settings_for_calendar_token(token: str) -> ReminderSettings:
    """Whoever holds the feed URL; 404 for a wrong or regenerated token."""
    return get_object_or_404(ReminderSettings.objects.select_related("user"), calendar_token=token)


# --- the incidents' side -----------------------------------------------------------------------


def steps_due(*, user, until: datetime.date | None = None) -> QuerySet[ActionStep]:
    """Open steps of the plan with a due date, in the owner's live (not trashed, not closed)
    incidents. A coach's proposal counts only once the client has accepted it."""
    steps = (
        ActionStep.objects.in_plan()
        .open()
        .filter(incident__owner=user, incident__deleted_at__isnull=True, due_on__isnull=False)
        .exclude(incident__stage=Stage.CLOSED)
        .select_related("incident")
        .order_by("due_on", "position", "id")
    )
    if until is not None:
        steps = steps.filter(due_on__lte=until)
    return steps


def conversations_planned(*, user, until: datetime.date | None = None) -> QuerySet[Conversation]:
    """Planned, not yet held conversations in the owner's live incidents."""
    conversations = (
        Conversation.objects.filter(
            incident__owner=user,
            incident__deleted_at__isnull=True,
            planned_for__isnull=False,
            held_at__isnull=True,
        )
        .exclude(incident__stage=Stage.CLOSED)
        .select_related("incident", "stakeholder")
        .order_by("planned_for", "id")
    )
    if until is not None:
        # The end of `until` in the person's own time zone, not the server's.
        end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, user.zone)
        conversations = conversations.filter(planned_for__lt=end)
    return conversations


def _step_item(step: ActionStep) -> AgendaItem:
    return AgendaItem(
        kind="step",
        due=step.due_on,
        title=step.title,
        context=step.incident.title,
        route="incidents:resolve",
        route_args=(step.incident.public_id,),
        obj=step,
    )


def _conversation_item(conversation: Conversation, zone) -> AgendaItem:
    name = conversation.stakeholder.name if conversation.stakeholder else ""
    return AgendaItem(
        kind="conversation",
        due=timezone.localtime(conversation.planned_for, zone).date(),
        at=conversation.planned_for,
        title=_("Conversation with %(name)s") % {"name": name} if name else _("Planned conversation"),
        context=conversation.incident.title,
        route="incidents:conversation_record",
        route_args=(conversation.incident.public_id, conversation.public_id),
        obj=conversation,
    )


def _review_item(review) -> AgendaItem:
    return AgendaItem(
        kind="review",
        due=review.due_on,
        title=review_title(review.offset_days),
        context=review.incident.title,
        route="incidents:review",
        route_args=(review.incident.public_id, review.public_id),
        obj=review,
    )


# --- the network's side (their selectors, their rules) -----------------------------------------


def _commitment_item(commitment) -> AgendaItem:
    return AgendaItem(
        kind="commitment",
        due=commitment.due_on,
        title=commitment.what,
        context=commitment.contact.name,
        route="network:contact_detail",
        route_args=(commitment.contact.public_id,),
        obj=commitment,
    )


def _touch_item(contact) -> AgendaItem:
    """Past the latest gap, a touch is overdue since the latest day; only due (past the ideal gap), it
    is a nudge for today, however long ago it came due (network.rules.touch_status)."""
    overdue = contact.touch_is_overdue
    return AgendaItem(
        kind="touch",
        due=contact.touch_overdue if overdue else contact.touch_due,
        title=addressed_lazy("Get in touch with %(name)s") % {"name": contact.name},
        context=contact.organisation,
        route="network:contact_detail",
        route_args=(contact.public_id,),
        obj=contact,
        bucket=rules.OVERDUE if overdue else rules.TODAY,
    )


def _date_item(upcoming) -> AgendaItem:
    return AgendaItem(
        kind="date",
        due=upcoming.occurrence,
        title=_("%(date)s of %(name)s")
        % {"date": upcoming.important_date.title, "name": upcoming.contact.name},
        context=upcoming.contact.name,
        route="network:contact_detail",
        route_args=(upcoming.contact.public_id,),
        obj=upcoming.important_date,
    )


# --- Today and the digest ----------------------------------------------------------------------


def _kind_order(kind: str) -> float:
    if kind in KIND_ORDER:
        return KIND_ORDER[kind]
    return hooks.source_for(kind).order


def _sort_time(item: AgendaItem) -> tuple:
    # A time before a date alone, within the day; never a date compared with a datetime.
    return (0, item.at.timestamp()) if item.at is not None else (1, 0)


def agenda_for(user, *, today: datetime.date) -> Agenda:
    """Everything due or overdue for `user`, up to SOON_DAYS ahead, grouped. Six queries."""
    until = today + datetime.timedelta(days=rules.SOON_DAYS)
    items = [_step_item(step) for step in steps_due(user=user, until=until)]
    items += [_conversation_item(c, user.zone) for c in conversations_planned(user=user, until=until)]
    items += [
        _commitment_item(c)
        for c in network.commitments_due_soon(user=user, today=today, days=rules.SOON_DAYS)
    ]
    items += [_touch_item(contact) for contact in network.contacts_due_for_touch(user=user, today=today)]
    items += [_date_item(d) for d in network.upcoming_dates(user=user, today=today, days=rules.SOON_DAYS)]
    # Reviews after the close show once due, never ahead: there is nothing to prepare for one.
    items += [_review_item(review) for review in reviews_due(user=user, today=today)]
    # Apps above reminders (coaching's sessions) add theirs through reminders.hooks.
    for source in hooks.agenda_sources:
        items += source.items(user, today=today, until=until, calendar=False)
    items.sort(key=lambda item: (item.due, _kind_order(item.kind), _sort_time(item), str(item.title)))

    agenda = Agenda(today=today)
    lists = {rules.OVERDUE: agenda.overdue, rules.TODAY: agenda.due_today, rules.SOON: agenda.soon}
    for item in items:
        item.bucket = item.bucket or rules.bucket(item.due, today=today)  # a touch knows its own
        item.days_late = max((today - item.due).days, 0)
        if item.bucket:
            lists[item.bucket].append(item)
    return agenda


# --- the calendar feed -------------------------------------------------------------------------


def calendar_items(user, *, today: datetime.date) -> list[AgendaItem]:
    """What the feed lists: every open dated step, planned conversation and open promise, and
    important dates in the coming year. Touches are nudges, not appointments, so they stay out."""
    items = [_step_item(step) for step in steps_due(user=user)]
    items += [_conversation_item(c, user.zone) for c in conversations_planned(user=user)]
    items += [_commitment_item(c) for c in network.commitments_open(user=user)]
    items += [_date_item(d) for d in network.upcoming_dates(user=user, today=today, days=366)]
    for source in hooks.agenda_sources:
        items += source.items(user, today=today, until=None, calendar=True)
    return items
