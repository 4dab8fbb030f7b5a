"""The coaching panel on the client's incident page, in a fixed number of queries (see
tests/coaching/test_incident_panel.py): the active link, the access log and its size, the comments (with their
replies). Pending proposals come from the incident's prefetched steps when they are loaded."""

from django import template

from crisis_coach.coaching import selectors
from crisis_coach.coaching.forms import ReplyForm

register = template.Library()


@register.inclusion_tag("coaching/_incident_coaching_panel.html", takes_context=True)
def incident_coaching_panel(context, incident):
    request = context.get("request")
    proposals = [s for s in incident.steps.all() if s.is_proposal_pending]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "link": selectors.active_link_for_client(incident.owner_id),
        "accesses": selectors.recent_accesses(incident),
        "access_count": selectors.access_count(incident),
        "comments": list(selectors.case_comments(incident)),
        "proposals": proposals,
        "reply_form": ReplyForm(),
        "next": request.get_full_path() if request else "",
    }
