"""Support access (issue 26): staff read a person's private content in the admin only inside a window
the person opens from their security page, and each staff view lands on that page.

Outside every window the admin still shows the account, its lockouts, tasks and security events
(accounts/admin_support.py gates the rest). The windows are SupportAccess rows; granting, ending and
every staff view are SecurityEvents, so they show in the page's activity list and go with the
retention purge like any other event.
"""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from crisis_coach.accounts.models import DETAIL_LENGTH, SecurityEvent, SupportAccess, User
from crisis_coach.accounts.services import record_security_event

# The windows a person may open, in hours; a day unless they choose otherwise.
SUPPORT_ACCESS_HOURS = {1: _("1 hour"), 24: _("24 hours"), 72: _("3 days")}
SUPPORT_ACCESS_DEFAULT_HOURS = 24

# A staff member's views of one object of one person are written once per this span: the admin's
# list reloads after every filter, sort and page, and the person's page would fill with copies of one
# visit. A view after the span is another line, so a long session of reading still shows as such.
STAFF_VIEW_EVERY = datetime.timedelta(minutes=10)


def _open_at(moment: datetime.datetime) -> Q:
    """Windows open at `moment`: not ended early and not yet expired."""
    return Q(ended_at__isnull=True, expires_at__gt=moment)


def support_access_active(user: User) -> SupportAccess | None:
    """The person's open window, if any (their security page shows it)."""
    return SupportAccess.objects.filter(_open_at(timezone.now()), user=user).first()


def users_with_support_access() -> QuerySet[User]:
    """Everyone whose content staff may read now: the admin of each kind of content filters by it."""
    return User.objects.filter(
        pk__in=SupportAccess.objects.filter(_open_at(timezone.now())).values("user_id")
    )


@transaction.atomic
def support_access_grant(*, user: User, hours: int, request: HttpRequest | None = None) -> SupportAccess:
    """Open a window of `hours` (one of SUPPORT_ACCESS_HOURS) in which staff may read `user`'s content.
    A window already open is replaced, so there is only ever one and its end is the one just chosen.
    Only the person themselves may call it, from their security page."""
    if hours not in SUPPORT_ACCESS_HOURS:
        raise ValueError(f"support access is offered for {sorted(SUPPORT_ACCESS_HOURS)} hours, not {hours}")
    now = timezone.now()
    SupportAccess.objects.filter(_open_at(now), user=user).update(ended_at=now)
    grant = SupportAccess.objects.create(
        user=user, granted_at=now, expires_at=now + datetime.timedelta(hours=hours)
    )
    record_security_event(
        user=user,
        kind=SecurityEvent.Kind.SUPPORT_ACCESS_GRANTED,
        request=request,
        detail=str(SUPPORT_ACCESS_HOURS[hours]),
    )
    return grant


@transaction.atomic
def support_access_end(*, user: User, request: HttpRequest | None = None) -> bool:
    """Close `user`'s open window now, before it expires; False if none was open. Only the person
    themselves may call it. A window that simply expires writes no event: its end was on the page."""
    now = timezone.now()
    ended = SupportAccess.objects.filter(_open_at(now), user=user).update(ended_at=now)
    if ended:
        record_security_event(user=user, kind=SecurityEvent.Kind.SUPPORT_ACCESS_ENDED, request=request)
    return bool(ended)


def staff_views_record(*, staff: User, owner_ids, what) -> int:
    """Write "Viewed by our support staff · <staff> · <what>" on the security page of each owner in
    `owner_ids`, unless the same line was written within STAFF_VIEW_EVERY; how many were written.

    For the admin's content pages (admin_support.py), which call it once per page whatever the number
    of owners on it: three queries. `what` (a lazy string) names what was seen without its content, a
    list or an object's number, and is written in each owner's language. The staff member's address
    and browser are not recorded: the person is told who looked and at what, not where staff sit.
    """
    owners = list(User.objects.filter(pk__in=set(owner_ids)).only("pk", "language"))
    if not owners:
        return 0
    details = {}
    for owner in owners:
        with translation.override(owner.language):
            details[owner.pk] = f"{staff.display_name or staff.email} · {what}"[:DETAIL_LENGTH]
    recent = set(
        SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.STAFF_VIEWED,
            user_id__in=details,
            detail__in=set(details.values()),
            at__gt=timezone.now() - STAFF_VIEW_EVERY,
        ).values_list("user_id", "detail")
    )
    new = [
        SecurityEvent(user_id=owner_id, kind=SecurityEvent.Kind.STAFF_VIEWED, detail=detail)
        for owner_id, detail in details.items()
        if (owner_id, detail) not in recent
    ]
    SecurityEvent.objects.bulk_create(new)
    return len(new)


def staff_view_record(*, staff: User, owner: User, what) -> bool:
    """One staff view of `owner`'s content (staff_views_record for one owner); False if deduplicated."""
    return staff_views_record(staff=staff, owner_ids=[owner.pk], what=what) == 1
