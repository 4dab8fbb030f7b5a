"""What coaching does when an account is created or deleted (crisis_coach.accounts.hooks).

Connected in CoachingConfig.ready: accounts sits below coaching and does not import it.
"""

from django.db.models import Q
from django.dispatch import receiver

from crisis_coach.accounts.hooks import account_created, account_deleting
from crisis_coach.coaching.models import CoachingLink, CoachingSession
from crisis_coach.coaching.services import coach_profile_create, link_end
from crisis_coach.wellbeing.hooks import support_coach


@receiver(account_created, dispatch_uid="coaching.coach_profile_at_sign_up")
def coach_profile_at_sign_up(sender, *, user, is_coach: bool, **kwargs) -> None:
    if is_coach:
        coach_profile_create(user=user)


@receiver(account_deleting, dispatch_uid="coaching.end_links_of_deleted_account")
def end_links_of_deleted_account(sender, *, user, **kwargs) -> None:
    # End links the usual way first: a coach who leaves also unshares their clients' cases, so that
    # consent given to them never passes silently to a later coach.
    for link in CoachingLink.objects.active().filter(Q(client=user) | Q(coach=user)):
        link_end(link=link, ended_by=user)
    # A coach who leaves: the clients' sessions stay theirs (coach set to null), and still say who
    # they were with. A client's own sessions go with the account (CASCADE).
    CoachingSession.objects.filter(coach=user, coach_name="").update(coach_name=user.display_name)


@receiver(support_coach, dispatch_uid="coaching.coach_for_support_panel")
def coach_for_support_panel(sender, *, user, **kwargs):
    """The coach the support panel may offer to message: the one of the active link, or None."""
    link = CoachingLink.objects.active().select_related("coach").filter(client=user).first()
    return link.coach if link else None
