from crisis_coach.coaching.models import CoachProfile


def coach_profile_create(*, user, bio: str = "") -> CoachProfile:
    """Make `user` a coach (idempotent). Called at sign-up and by the demo data."""
    profile, _created = CoachProfile.objects.get_or_create(user=user, defaults={"bio": bio})
    return profile
