"""The check-in's pages and the support page. A check-in is the signed-in person's own, of their own
local day (timezone.localdate(): UserPreferencesMiddleware activates their zone), so no URL names one
and nobody else's is reachable."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from crisis_coach.common import page_cache
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next
from crisis_coach.wellbeing import selectors, services
from crisis_coach.wellbeing.forms import CheckInForm
from crisis_coach.wellbeing.models import CheckIn

PER_PAGE = 30


def support_url(next_url: str) -> str:
    """The support page, its "Continue" going to `next_url`: for a view that saved words that signal
    despair (rules.distress_signalled) and redirects there instead of straight on."""
    return f"{reverse('wellbeing:support')}?{urlencode({'next': next_url})}"


@login_required
def check_in(request):
    """Today's check-in on a page of its own: where Today's form lands with an error or a conflict,
    and where today's check-in is edited. Saved: back to Today (or the form's `next`)."""
    today = timezone.localdate()
    instance = selectors.check_in_of_day(request.user, today) or CheckIn(owner=request.user, day=today)
    form, conflict = edit_form(request, CheckInForm, instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.check_in_save(
                owner=request.user,
                day=today,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error, reverse("wellbeing:check_in"))
        conflict_resolved(request, saved)
        messages.success(request, _("Checked in for today. Thank you."))
        return redirect(safe_next(request, reverse("reminders:today")))
    context = {"form": form, "conflict": conflict, "check_in": instance if instance.pk else None}
    return render(request, "wellbeing/check_in.html", context)


@require_GET
@login_required
def check_in_list(request):
    def values() -> dict:
        page = paginate(request, selectors.check_ins_for(request.user), PER_PAGE)
        return {"page_obj": page, "today": timezone.localdate()}

    # Cached (common/page_cache.py) under her data version (accounts migration 0013), read on a miss.
    part = page_cache.part(request, request.user.data_version, values)
    return render(request, "wellbeing/check_in_list.html", {"part": part})


@require_GET
@login_required
def support(request):
    """The support panel on its own, after something the person wrote signalled despair; "Continue"
    goes on to where they were heading (`next`, a path of this site)."""
    context = selectors.support_panel(request.user, language=translation.get_language())
    context["continue_url"] = safe_next(request, reverse("reminders:today"))
    return render(request, "wellbeing/support.html", context)
