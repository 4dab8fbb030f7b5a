import ipaddress

from django.contrib.auth import SESSION_KEY, update_session_auth_hash
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from crisis_coach.accounts.hooks import account_created, account_deleting
from crisis_coach.accounts.models import DETAIL_LENGTH, USER_AGENT_LENGTH, SecurityEvent, User
from crisis_coach.common.client_ip import client_ip


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str,
    display_name: str,
    is_coach: bool = False,
    language: str = "en",
    time_zone: str = "UTC",
) -> User:
    """Create an account; with is_coach, also the coach profile and its invite code (made by the
    coaching app's receiver of hooks.account_created)."""
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        language=language,
        time_zone=time_zone,
    )
    account_created.send(sender=User, user=user, is_coach=is_coach)
    return user


def record_security_event(
    *, user: User, kind: str, request: HttpRequest | None = None, detail: str = ""
) -> SecurityEvent:
    """Add a line to `user`'s security page. Any app may call it, for the user the event is about.

    `kind` is a SecurityEvent.Kind; `request`, when given, supplies the address and the browser.
    """
    ip, user_agent = None, ""
    if request is not None:
        ip = _valid_ip(client_ip(request))
        user_agent = request.META.get("HTTP_USER_AGENT", "")
    return SecurityEvent.objects.create(
        user=user,
        kind=kind,
        ip=ip,
        user_agent=_printable(user_agent)[:USER_AGENT_LENGTH],
        detail=_printable(detail)[:DETAIL_LENGTH],
    )


@transaction.atomic
def user_sign_out_other_sessions(*, user: User, request: HttpRequest) -> None:
    """End every session of `user` except the one making `request` (the user's own choice).

    Bumping session_epoch changes the session hash, so every other session fails verification on its
    next request; the current one is re-signed with the new hash.
    """
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    update_session_auth_hash(request, user)
    record_security_event(user=user, kind=SecurityEvent.Kind.SIGNED_OUT_ELSEWHERE, request=request)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _printable(text: str) -> str:
    # Headers are attacker-chosen: PostgreSQL refuses NUL, and control characters have no place here.
    return "".join(char for char in text if char.isprintable())


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and every row that belongs to it, for good.

    Everything owned hangs off the user with on_delete=CASCADE: incidents and all under them, the
    network, coaching links on either side (so the coach's dashboard loses the cases at once),
    comments, and a coach's private notes about this person. Only the signed-in person may call it,
    after re-entering their password.

    Apps above accounts act first through hooks.account_deleting: coaching ends the links the usual
    way, which unshares the clients' cases and tells the other side on their security page.
    """
    account_deleting.send(sender=User, user=user)
    _sessions_delete(user)
    User.objects.filter(pk=user.pk).delete()


def _sessions_delete(user: User) -> None:
    """Delete the person's sessions on every device: a session can hold what they typed (the
    drafts an edit conflict keeps, common/conflicts.py), which must go with the account. The
    database backend has no user column, so each live session is read; deleting an account is rare."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()
