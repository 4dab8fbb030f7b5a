"""What must hold in a person's network (manage.py check_integrity).

A contact's last-contacted date is stored (the keep-in-touch list sorts and filters on it) and
derived: the date of their newest interaction, kept by services.interaction_log, interaction_update
and interaction_delete. The other dates a network row stores are answers, not derivations (a
snooze's end, the occurrence congratulated), and a promise's settled date is guarded by a
constraint (commitment_resolved_on_matches_status).
"""

from django.db.models import F, Q

from crisis_coach.common.integrity import DistinctFrom, id_ranges, invariant
from crisis_coach.network import services
from crisis_coach.network.models import Contact


def _last_contacted_repair(pks: list[int]) -> int:
    return services.contacts_last_contacted_refresh(contacts=Contact.objects.filter(pk__in=pks))


@invariant(
    "network.last_contacted",
    rows="contact(s)",
    broken="whose last_contacted_on is not their newest interaction's date",
    model=Contact,
    repair=_last_contacted_repair,
)
def _last_contacted_drifted() -> list[int]:
    contacts = Contact.objects.annotate(newest_on=services.newest_interaction_on())
    broken = Q(DistinctFrom(F("last_contacted_on"), F("newest_on")))
    pks = []
    for low, high in id_ranges(contacts):
        pks += contacts.filter(broken, pk__gte=low, pk__lt=high).order_by().values_list("pk", flat=True)
    return pks
