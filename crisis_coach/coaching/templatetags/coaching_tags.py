"""The coaching panel on the client's incident page, in a fixed number of queries (see
tests/coaching/test_query_counts.py): the active link, the access log with its size, the comments
(with their replies). Pending proposals come from the incident's prefetched steps."""

from django import template

from crisis_coach.coaching import selectors
from crisis_coach.coaching.feedback import selectors as feedback_selectors
from crisis_coach.coaching.feedback.forms import RatingForm
from crisis_coach.coaching.playbooks import selectors as playbook_selectors

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


@register.inclusion_tag("coaching/playbooks/_case_playbooks.html", takes_context=True)
def coach_playbooks_panel(context, incident):
    """The Resolve page's "From your coach": the active playbooks of the client's current coach that
    suit the case, with their steps (each marked once in this case's plan). One query when she has no
    coach or no playbook to show, two otherwise (see tests/coaching/test_playbooks.py)."""
    playbooks = playbook_selectors.playbooks_for_case(incident)
    for playbook in playbooks:
        playbook.to_add = any(not step.in_plan for step in playbook.steps.all())
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "playbooks": playbooks,
        "coach_name": playbooks[0].coach.display_name if playbooks else "",
    }


@register.inclusion_tag("coaching/feedback/_rating_offer.html", takes_context=True)
def incident_rating_offer(context, incident):
    """On a closed case the client shared with her current coach: "How helpful was the coaching?",
    once (coaching/feedback). No query for an open case, one for a closed one."""
    link = feedback_selectors.rating_offer(incident)
    return {
        "csrf_token": context.get("csrf_token"),
        "incident": incident,
        "link": link,
        "form": RatingForm() if link else None,
    }
