"""The radar's pages and the prevention plan's. Every object is reached through the owner-scoped
selectors: anyone else, a linked coach included, gets 404 (private until sharing lands, issue 21)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.deletion import ConfirmDeleteView
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next
from crisis_coach.common.services import create_once
from crisis_coach.wellbeing.models import PreventionStatus
from crisis_coach.wellbeing.radar import rules, selectors, services
from crisis_coach.wellbeing.radar.chart import trend_svg
from crisis_coach.wellbeing.radar.forms import PreventionStepForm, RadarForm
from crisis_coach.wellbeing.radar.questions import ANSWER_CHOICES, RADAR_TYPES

PER_PAGE = 30


@login_required
def radar_check(request):
    """The self-check. Saved: on to its result."""
    form = RadarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = create_once(
            form,
            request.user,
            lambda: services.radar_check_record(
                owner=request.user, answers=form.cleaned_data, taken_on=timezone.localdate()
            ),
        )
        messages.success(request, _("Saved. Here is what your answers show."))
        return redirect("radar:result", check.public_id)
    context = {
        "form": form,
        "latest": selectors.latest_radar_check(request.user),
        "answer_choices": ANSWER_CHOICES,
    }
    return render(request, "wellbeing/radar/check.html", context)


@require_GET
@login_required
def radar_result(request, check_id):
    check = selectors.radar_check_for_owner(request.user, check_id)
    result = selectors.radar_result(check)
    for type_result in result.types:
        type_result.chart = trend_svg(
            label=str(type_result.label), trend=type_result.trend, rtl=translation.get_language_bidi()
        )
    context = {"result": result, "high_score": rules.HIGH_SCORE}
    return render(request, "wellbeing/radar/result.html", context)


@require_POST
@login_required
def suggestions_add(request, check_id):
    """One click: the type's suggested steps join the plan (each only once)."""
    check = selectors.radar_check_for_owner(request.user, check_id)
    crisis_type = request.POST.get("crisis_type", "")
    if crisis_type not in RADAR_TYPES:
        raise Http404("not a type the radar watches")
    added = services.prevention_suggestions_add(
        owner=request.user, crisis_type=crisis_type, today=timezone.localdate()
    )
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d step added to your prevention plan.",
                "%(count)d steps added to your prevention plan.",
                len(added),
            )
            % {"count": len(added)},
        )
    else:
        messages.info(request, _("These steps are already in your prevention plan."))
    return redirect(reverse("radar:result", args=[check.public_id]) + f"#type-{crisis_type}")


@require_GET
@login_required
def plan(request):
    page = paginate(request, selectors.prevention_plan_for(request.user), PER_PAGE)
    return render(request, "wellbeing/radar/plan.html", {"page_obj": page, "today": timezone.localdate()})


@login_required
def step_edit(request, step_id):
    step = selectors.prevention_step_for_owner(request.user, step_id)
    form, conflict = edit_form(request, PreventionStepForm, step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prevention_step_update(
                step=step,
                expected_version=data["version"],
                title=data["title"],
                detail=data["detail"],
                due_on=data["due_on"],
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, step)
        messages.success(request, _("Saved."))
        return redirect("radar:plan")
    return render(
        request, "wellbeing/radar/step_form.html", {"form": form, "step": step, "conflict": conflict}
    )


@require_POST
@login_required
def step_status(request, step_id):
    """Tick done, drop or reopen, from Today or the plan page; back where the form came from."""
    step = selectors.prevention_step_for_owner(request.user, step_id)
    status = request.POST.get("status", "")
    if status not in PreventionStatus.values:
        raise Http404("not a status")
    services.prevention_step_set_status(step=step, status=status)
    done = {
        PreventionStatus.DONE: _("Done: %(title)s"),
        PreventionStatus.DROPPED: _("Dropped: %(title)s"),
        PreventionStatus.TODO: _("Back on your plan: %(title)s"),
    }
    messages.success(request, done[status] % {"title": step.title})
    return redirect(safe_next(request, reverse("radar:plan")))


class StepDelete(ConfirmDeleteView):
    title = addressed_lazy("Delete this prevention step?")

    def get_object(self):
        return selectors.prevention_step_for_owner(self.request.user, self.kwargs["step_id"])

    def perform(self, step):
        services.prevention_step_delete(step=step)

    def get_question(self, step):
        return _("Delete this step of your prevention plan for good?")

    def get_quoted(self, step):
        return step.title

    def get_explanation(self, step):
        return _("It is deleted for good. If the radar suggested it, it may suggest it again.")

    def get_success_url(self, step):
        return reverse("radar:plan")

    def get_cancel_url(self, step):
        return reverse("radar:plan")

    def get_success_message(self, step):
        return _("The step is deleted.")


step_delete = login_required(StepDelete.as_view())
