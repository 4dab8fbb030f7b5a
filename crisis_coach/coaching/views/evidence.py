"""The coach's read-only view of a shared case's evidence log (/coach/cases/<id>/evidence/).

The same consent as the case review: only a case the client shared with this coach, through
selectors.shared_case_for_coach (404 otherwise), and the view is logged for the client as the
review logs it (services.case_access_record), and only while the client shares the evidence log
with the coach (rules.EVIDENCE; the same 404 otherwise).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crisis_coach.coaching import rules, selectors, services
from crisis_coach.coaching.decorators import coach_required
from crisis_coach.evidence.views import log_context


@require_GET
@login_required
@coach_required
def case_evidence(request, public_id):
    incident = selectors.shared_case_for_coach(request.user, public_id)
    selectors.require_section(incident, rules.EVIDENCE)
    services.case_access_record(coach=request.user, incident=incident)
    context = log_context(request, incident)
    context.update(client=incident.owner, read_only=True)
    return render(request, "coaching/coach/case_evidence.html", context)
