"""Nudges and ratings. The coach's side is under /coach/ (a shared case through
coaching.views.coach's access helper); the client's under /coaching/ (her own rows only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_coach.coaching.decorators import coach_required
from crisis_coach.coaching.feedback import selectors, services
from crisis_coach.coaching.feedback.forms import NudgeForm, RatingForm
from crisis_coach.coaching.views.coach import _render_review, _shared_case_or_gone
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next
from crisis_coach.common.services import create_once

FEEDBACK_PER_PAGE = 25


def _local_date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def too_soon_message(error: services.NudgeTooSoon, coach) -> str:
    dates = {
        "sent": _local_date(error.last.created_at),
        "next": _local_date(selectors.next_nudge_at(error.last)),
    }
    if error.last.coach_id == coach.pk:
        return _("You nudged on %(sent)s; you can send the next one on %(next)s.") % dates
    return _("This case had a nudge on %(sent)s; the next one can go on %(next)s.") % dates


@login_required
@require_POST
@coach_required
def nudge_send(request, public_id):
    incident, gone = _shared_case_or_gone(request, public_id, NudgeForm)
    if gone:
        return gone
    form = NudgeForm(request.POST)
    if form.is_valid():
        try:
            create_once(
                form,
                request.user,
                lambda: services.nudge_send(
                    coach=request.user, incident=incident, body=form.cleaned_data["body"]
                ),
            )
        except services.NudgeTooSoon as error:
            form.add_error("body", too_soon_message(error, request.user))
        else:
            messages.success(
                request,
                _("Nudge sent. %(name)s sees it on Today.") % {"name": incident.owner.display_name},
            )
            return redirect("coach:case", incident.public_id)
    return _render_review(request, incident, nudge_form=form, status=400)


@login_required
@coach_required
def feedback(request):
    """The coach's ratings: named ones with their comments, anonymous comments without date or name."""
    ratings = selectors.feedback_for_coach(request.user)
    return render(
        request,
        "coaching/feedback/feedback.html",
        {
            "summary": selectors.rating_summary(request.user),
            "page": paginate(request, ratings, FEEDBACK_PER_PAGE),
        },
    )


@login_required
@require_POST
def nudge_dismiss(request, nudge_id):
    nudge = selectors.nudge_of_client(request.user, nudge_id)
    services.nudge_dismiss(nudge=nudge)
    messages.success(request, _("Nudge dismissed."))
    today_url = reverse("reminders:today")
    return redirect(safe_next(request, today_url, within=today_url))


@login_required
def rating(request, public_id):
    """Rate the coaching on a closed case, once. Without an offer (open, unshared, rated or skipped
    already), back to the case: a second post of the same form lands there too."""
    incident = selectors.case_of_client(request.user, public_id)
    link = selectors.rating_offer(incident)
    if link is None:
        return redirect("incidents:detail", incident.public_id)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_once(
                form,
                request.user,
                lambda: services.rating_add(
                    client=request.user,
                    incident=incident,
                    coach=link.coach,
                    score=data["score"],
                    comment=data["comment"],
                    anonymous=data["anonymous"],
                ),
            )
        except services.AlreadyRated:
            # Rated (or skipped) from another tab since this page was opened: once is the rule.
            messages.info(request, _("This case's coaching was rated already."))
            return redirect("incidents:detail", incident.public_id)
        if data["anonymous"]:
            messages.success(
                request, _("Thank you. Your coach sees it only together with at least two other ratings.")
            )
        else:
            messages.success(request, _("Thank you. Your coach sees your rating."))
        return redirect("incidents:detail", incident.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"incident": incident, "link": link, "form": form}
    return render(request, "coaching/feedback/rating_form.html", context, status=status)


@login_required
@require_POST
def rating_skip(request, public_id):
    incident = selectors.case_of_client(request.user, public_id)
    link = selectors.rating_offer(incident)
    if link is not None:
        services.rating_skip(incident=incident, coach=link.coach)
        messages.info(request, _("No rating, then. We won't ask about this case again."))
    return redirect("incidents:detail", incident.public_id)
