"""The coach's weekly digest settings (/coach/digest/): on or off, which weekday, from what time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.coaching import digest
from crisis_coach.coaching.decorators import coach_required
from crisis_coach.coaching.forms import CoachDigestForm


@login_required
@coach_required
def digest_settings(request):
    profile = request.user.coach_profile
    form = CoachDigestForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        digest.digest_settings_update(
            profile=profile,
            enabled=form.cleaned_data["digest_enabled"],
            weekday=form.cleaned_data["digest_weekday"],
            time=form.cleaned_data["digest_time"],
        )
        messages.success(request, _("Your weekly digest settings are saved."))
        return redirect("coach:digest")
    if form.is_bound:
        profile.refresh_from_db()  # the form's errors show; "next digest" tells what is saved
    now = timezone.now()
    next_at = digest.next_digest_at(
        profile,
        now=now,
        zone=request.user.zone,
        sent_this_week=digest.sent_this_week(request.user, now=now),
    )
    context = {"form": form, "next_at": next_at, "zone_name": request.user.time_zone}
    return render(request, "coaching/coach/digest_settings.html", context, status=400 if form.errors else 200)
