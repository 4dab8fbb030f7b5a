from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from crisis_coach.coaching.decorators import two_factor_set_up_first
from crisis_coach.coaching.services import case_access_record
from crisis_coach.common import page_cache
from crisis_coach.insights import report
from crisis_coach.insights.checkins import check_in_chart
from crisis_coach.insights.dashboard import caseload_charts, network_charts, personal_charts
from crisis_coach.insights.stances import stance_charts
from crisis_coach.insights.thoughts import thought_charts


@require_GET
@login_required
def home(request):
    user = request.user

    def values() -> dict:
        today, rtl = timezone.localdate(), translation.get_language_bidi()
        context = personal_charts(user, today=today, rtl=rtl)
        context.update(network_charts(user, today=today, rtl=rtl))
        context.update(stance_charts(user, chosen=request.GET.get("case"), rtl=rtl))
        context.update(thought_charts(user, chosen=request.GET.get("thought_case"), rtl=rtl))
        context.update(check_in_chart(user, today=today, rtl=rtl))
        if user.is_coach:
            context.update(caseload_charts(user, rtl=rtl))
        return context

    # Cached (common/page_cache.py) under her data version (accounts migration 0013), and a coach's
    # under her caseload's version too (coaching migration 0005); the charts are read on a miss.
    version = user.data_version
    if user.is_coach:
        version = f"{version}.{user.coach_profile.caseload_version}"
    return render(request, "insights/home.html", {"part": page_cache.part(request, version, values)})


@require_GET
@login_required
def case_report(request, public_id):
    context = report.report_context(request.user, public_id, include_notes=request.GET.get("include_notes"))
    if context["as_coach"] and (set_up := two_factor_set_up_first(request)):
        return set_up  # before the access log: the client is never told of a view the coach did not get
    if context["as_coach"]:
        case_access_record(coach=request.user, incident=context["incident"])
    return render(request, "insights/case_report.html", context)


@require_GET
@login_required
def case_report_markdown(request, public_id):
    context = report.report_context(request.user, public_id, include_notes=request.GET.get("include_notes"))
    if context["as_coach"] and (set_up := two_factor_set_up_first(request)):
        return set_up  # before the access log: the client is never told of a view the coach did not get
    if context["as_coach"]:
        case_access_record(coach=request.user, incident=context["incident"])
    response = HttpResponse(report.as_markdown(context), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, report.file_name(context["incident"]))
    return response
