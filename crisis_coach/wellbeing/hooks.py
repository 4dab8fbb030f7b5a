"""What wellbeing asks of the apps above it, without importing them (pyproject.toml's layers).

The support panel offers to tell the person's coach they are having a hard time; coaching knows who
that is. coaching connects a receiver in its AppConfig.ready (coaching/receivers.py) that answers
with the coach of the person's active link, or None.
"""

from django.dispatch import Signal

# Sent with user=; a receiver returns that person's current coach (a User) or None.
support_coach = Signal()


def coach_for_support(user):
    """The coach the panel may offer to message, or None (no coach, or coaching not installed)."""
    for _receiver, coach in support_coach.send(sender=None, user=user):
        if coach is not None:
            return coach
    return None
