from django.db import transaction
from django.db.models import Q

from crisis_coach.accounts.models import User
from crisis_coach.coaching.services import coach_profile_create


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
    """Create an account; with is_coach, also the coach profile and its invite code."""
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        language=language,
        time_zone=time_zone,
    )
    if is_coach:
        coach_profile_create(user=user)
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and every row that belongs to it, for good.

    Everything owned hangs off the user with on_delete=CASCADE: incidents and all under them, the
    network, coaching links on either side (so the coach's dashboard loses the cases at once),
    comments, and a coach's private notes about this person. Only the signed-in person may call it,
    after re-entering their password.
    """
    from crisis_coach.coaching.models import CoachingLink
    from crisis_coach.coaching.services import link_end

    # End links the usual way first: a coach who leaves also unshares their clients' cases, so that
    # consent given to them never passes silently to a later coach.
    for link in CoachingLink.objects.active().filter(Q(client=user) | Q(coach=user)):
        link_end(link=link, ended_by=user)
    User.objects.filter(pk=user.pk).delete()
