"""The coach's read-only pages of the sections a client shares beyond the plan: the thought records
of a case (/coach/cases/<id>/thoughts/) and the client's check-ins during it
(/coach/cases/<id>/check-ins/). The evidence log has its own (views/evidence.py).

Each is a 404 unless the client shares the case with this coach AND that section of it
(selectors.shared_section_for_coach, rules.coach_may_see); the same 404 as a case never shared, so
it tells nothing. A view is logged for the client as the case review logs it.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crisis_coach.coaching import rules, selectors, services
from crisis_coach.coaching.decorators import coach_required
from crisis_coach.common.pagination import paginate
from crisis_coach.wellbeing.models import ThinkingTrap

PER_PAGE = 20


@require_GET
@login_required
@coach_required
def case_thoughts(request, public_id):
    incident = selectors.shared_section_for_coach(request.user, public_id, rules.THOUGHTS)
    services.case_access_record(coach=request.user, incident=incident)
    page = paginate(request, selectors.thought_records_of_case(incident), PER_PAGE)
    context = {
        "incident": incident,
        "client": incident.owner,
        "page_obj": page,
        "traps_choices": ThinkingTrap.choices,
        "read_only": True,
    }
    return render(request, "coaching/coach/case_thoughts.html", context)


@require_GET
@login_required
@coach_required
def case_check_ins(request, public_id):
    incident = selectors.shared_section_for_coach(request.user, public_id, rules.CHECK_INS)
    services.case_access_record(coach=request.user, incident=incident)
    start, end = selectors.case_period(incident)
    page = paginate(request, selectors.check_ins_during_case(incident), PER_PAGE)
    context = {
        "incident": incident,
        "client": incident.owner,
        "page_obj": page,
        "start": start,
        "end": end,
        "read_only": True,
    }
    return render(request, "coaching/coach/case_check_ins.html", context)
