"""The reviews after the close: one page per review to answer it (or correct the answer), and skip.

A review is answered once it is due, while its case is closed; before that, the page says when it
opens, and a POST changes nothing. An answered review can be corrected; its form carries the
version it was opened from, so an answer saved meanwhile in another tab is a conflict, not lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.redirects import safe_next
from crisis_coach.incidents import reviews, selectors, services
from crisis_coach.incidents.forms import ReviewForm
from crisis_coach.incidents.models import ReviewStatus
from crisis_coach.incidents.views._common import today


def _not_open(review, day) -> str:
    """Why this review cannot be answered today, for the person; "" when it can (or was answered)."""
    if review.status == ReviewStatus.ANSWERED or reviews.review_answerable(review, today=day):
        return ""
    if review.due_on > day:
        return _(
            "This review opens on %(date)s. Come back then: it asks how things stand once some time "
            "has passed."
        ) % {"date": date_format(review.due_on, "DATE_FORMAT")}
    return _("This setback is open again. Its reviews come back once it is closed.")


@login_required
def review(request, public_id, review_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    review = reviews.review_of(incident, review_id)
    day = today()
    not_open = _not_open(review, day)
    context = {"incident": incident, "review": review, "title": reviews.review_title(review.offset_days)}
    if not_open:
        if request.method == "POST":
            messages.info(request, not_open)
            return redirect("incidents:review", public_id, review_id)
        return render(request, "incidents/review_form.html", {**context, "not_open": not_open})
    people = incident.stakeholders.all()
    form, conflict = edit_form(request, ReviewForm, review, stakeholders=people)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.review_answer(
                review=form.instance,
                expected_version=form.cleaned_data["version"],
                stances=form.stances(),
                still_to_do=form.cleaned_data.get("still_to_do", ""),
                today=day,
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, review)
        if review.step_id and not incident.is_closed:
            messages.success(
                request,
                _("Review saved. “%(title)s” is in your plan, so the setback is open again.")
                % {"title": review.step.title},
            )
            return redirect("incidents:resolve", public_id)
        messages.success(request, _("Review saved. Its answers are on the timeline."))
        return redirect(reverse("incidents:detail", args=[public_id]) + "#timeline")
    return render(request, "incidents/review_form.html", {**context, "form": form, "conflict": conflict})


@login_required
@require_POST
def review_skip(request, public_id, review_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    review = reviews.review_of(incident, review_id)
    back = safe_next(request, reverse("incidents:detail", args=[public_id]))
    not_open = _not_open(review, today())
    if not_open or review.status != ReviewStatus.SCHEDULED:
        messages.info(request, not_open or _("This review was already answered or skipped."))
        return redirect(back)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = review.version  # a form without it (an old page): skipping twice is still refused
    try:
        services.review_skip(review=review, expected_version=version)
    except EditConflict:
        messages.info(request, _("This review was changed elsewhere meanwhile, so it was not skipped."))
        return redirect("incidents:review", public_id, review_id)
    messages.success(request, _("Review skipped. It stays on the timeline as skipped."))
    return redirect(back)
