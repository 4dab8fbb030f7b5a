"""The coaching panel on the client's incident page, in a fixed number of queries (see
tests/coaching/test_query_counts.py): the active link, the access log with its size, the comments
(with their replies). Pending proposals come from the incident's prefetched steps."""

from django import template

from crisis_coach.coaching import selectors

register = template.Library()


@register.inclusion_tag("coaching/_incident_coaching_panel.html", takes_context=True)
def incident_coaching_panel(context, incident):
    request = context.get("request")
    accesses, access_count = selectors.recent_accesses(incident)
    link = selectors.active_link_for_client(incident.owner_id)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "link": link,
        "accesses": accesses,
        "access_count": access_count,
        "comments": list(selectors.case_comments(incident)),
        # A former coach's proposals are no longer offered (selectors.pending_proposals_for_client).
        "proposals": [
            step
            for step in incident.steps.all()
            if step.is_proposal_pending and selectors.is_current_coach(link, step.proposed_by_id)
        ],
        "next": request.get_full_path() if request else "",
    }
