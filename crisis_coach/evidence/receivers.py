"""The evidence log's part in incidents' moments (incidents.hooks)."""

from django.dispatch import receiver

from crisis_coach.evidence.services import trash_purge_entries
from crisis_coach.incidents.hooks import trash_purging


@receiver(trash_purging)
def purge_trashed_entries(sender, cutoff, **kwargs) -> int:
    return trash_purge_entries(cutoff=cutoff)
