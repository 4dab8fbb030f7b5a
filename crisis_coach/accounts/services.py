import ipaddress
import time

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY, update_session_auth_hash
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone

from crisis_coach.accounts.hooks import account_created, account_deleting
from crisis_coach.accounts.models import (
    DETAIL_LENGTH,
    USER_AGENT_LENGTH,
    QueuedEmail,
    SecurityEvent,
    User,
    describe_user_agent,
)
from crisis_coach.accounts.tasks import send_queued_email
from crisis_coach.common import retention
from crisis_coach.common.client_ip import client_ip

SESSION_SEEN_KEY = "_seen_at"
SESSION_USER_AGENT_LENGTH = UserSession._meta.get_field("user_agent").max_length


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str,
    display_name: str,
    is_coach: bool = False,
    language: str = "en",
    time_zone: str = "UTC",
    email_verified: bool = True,
) -> User:
    """Create an account from code (the demo data, tests, scripts); people sign up through allauth's
    page, whose adapter calls account_opened. The address counts as verified unless told otherwise."""
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        language=language,
        time_zone=time_zone,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    account_opened(user=user, is_coach=is_coach)
    return user


def account_opened(*, user: User, is_coach: bool) -> None:
    """A new account exists: with is_coach, the coaching app's receiver of hooks.account_created
    makes the coach profile and its invite code."""
    account_created.send(sender=User, user=user, is_coach=is_coach)


def account_email_queue(*, message: EmailMessage, user: User | None = None) -> QueuedEmail | None:
    """Queue an account email rendered by allauth's adapter; the task worker sends it after the
    page's transaction commits. Nothing for an address no account has (allauth only writes to those
    for unknown-account notices, which are off). `user`, for a notice about that account, says whose
    it is: "your address changed" goes to the old address, which no account has any more."""
    to = message.to[0]
    owner = (
        user
        or User.objects.filter(Q(email__iexact=to) | Q(emailaddress__email__iexact=to)).distinct().first()
    )
    if owner is None:
        return None
    html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
    queued = QueuedEmail.objects.create(
        user=owner, to=to, subject=message.subject[:300], body=message.body, html=html
    )
    # The task row is written in the page's transaction: a rolled-back sign-up sends nothing.
    send_queued_email.enqueue(email_id=queued.pk)
    return queued


def sign_in_blocked(*, request: HttpRequest, email) -> None:
    """A sign-in refused because this account failed too often from this address: its owner sees it
    on the security page (and nobody else learns whether the address has an account)."""
    address = normalise_email(email)
    user = User.objects.filter(email__iexact=address).first() if address else None
    if user is not None:
        record_security_event(user=user, kind=SecurityEvent.Kind.SIGN_IN_BLOCKED, request=request)


def normalise_email(value) -> str:
    if not isinstance(value, str) or "\x00" in value or len(value) > 254:
        return ""
    return value.strip().lower()


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


def security_events_purge(*, before, max_batches: int | None = None) -> int:
    """Delete every user's security events dated before `before`, in batches (the securityevent_at
    index). Callers: the retention runs of common/retention.py only, which registers it."""
    return retention.delete_in_batches(SecurityEvent.objects.all(), before=before, max_batches=max_batches)


@transaction.atomic
def user_sign_out_other_sessions(*, user: User, request: HttpRequest) -> None:
    """End every session of `user` except the one making `request` (the user's own choice).

    Bumping session_epoch changes the session hash, so every other session fails verification on its
    next request; the current one is re-signed with the new hash.
    """
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    current_key = request.session.session_key
    update_session_auth_hash(request, user)  # gives this session a new key
    user_sessions_end(user=user, keeping=current_key)
    UserSession.objects.filter(session_key=current_key).update(session_key=request.session.session_key)
    record_security_event(user=user, kind=SecurityEvent.Kind.SIGNED_OUT_ELSEWHERE, request=request)


def user_sessions_end(*, user: User, keeping: str | None = None) -> None:
    """Delete `user`'s sessions and their rows on the security page, but the one `keeping` names.

    After a password change or reset the other sessions fail Django's hash check anyway; deleting
    them also takes them off the security page's list, which reads only live sessions."""
    others = UserSession.objects.filter(user=user).exclude(session_key=keeping or "")
    Session.objects.filter(pk__in=others.values("session_key")).delete()
    others.delete()


@transaction.atomic
def user_session_end(*, user_session: UserSession, request: HttpRequest) -> None:
    """Sign the user out on one other browser or device, from the security page's list."""
    user_session.end()
    record_security_event(
        user=request.user,
        kind=SecurityEvent.Kind.SESSION_ENDED,
        request=request,
        detail=describe_user_agent(user_session.user_agent),
    )


def user_session_seen(*, request: HttpRequest) -> None:
    """Note that this session is in use now, for the security page's "last seen"
    (SessionActivityMiddleware)."""
    request.session[SESSION_SEEN_KEY] = int(time.time())
    ip = _valid_ip(client_ip(request))
    if ip is None or not request.session.session_key:  # a session being replaced has no key yet
        return
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": request.user,
            "ip": ip,
            "user_agent": _printable(request.META.get("HTTP_USER_AGENT", ""))[:SESSION_USER_AGENT_LENGTH],
            "last_seen_at": timezone.now(),
        },
    )


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


def user_onboarded(user) -> None:
    """The welcome steps are behind the person: sign-ins go home from now on."""
    if user.onboarded_at is None:
        user.onboarded_at = timezone.now()
        user.save(update_fields=["onboarded_at"])
