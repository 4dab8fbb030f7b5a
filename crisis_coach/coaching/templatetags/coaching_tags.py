"""The coaching panel on the client's incident page, in a fixed number of queries (see
tests/coaching/test_query_counts.py): the active link, the access log with its size, the comments
(with their replies). Pending proposals come from the incident's prefetched steps."""

from django import template
from django.db.models import Count, Window

from crisis_coach.coaching import selectors
from crisis_coach.coaching.models import CaseAccess

register = template.Library()

ACCESSES_SHOWN = 10


def _recent_accesses_and_count(incident) -> tuple[list[CaseAccess], int]:
    """The latest coach views of the case and how many there are in all, in one query: each row
    carries the total. (Next to selectors.recent_accesses; it lives here while the coaching
    selectors are being reworked, and belongs there.)"""
    accesses = list(
        CaseAccess.objects.filter(incident=incident)
        .select_related("coach")
        .only("at", "coach__display_name")
        .annotate(total=Window(Count("id")))[:ACCESSES_SHOWN]
    )
    return accesses, accesses[0].total if accesses else 0


@register.inclusion_tag("coaching/_incident_coaching_panel.html", takes_context=True)
def incident_coaching_panel(context, incident):
    request = context.get("request")
    accesses, access_count = _recent_accesses_and_count(incident)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "link": selectors.active_link_for_client(incident.owner_id),
        "accesses": accesses,
        "access_count": access_count,
        "comments": list(selectors.case_comments(incident)),
        "proposals": [step for step in incident.steps.all() if step.is_proposal_pending],
        "next": request.get_full_path() if request else "",
    }
