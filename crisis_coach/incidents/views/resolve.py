from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_form,
    conflict_redirect,
    conflict_resolved,
    edit_form,
)
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.redirects import safe_next
from crisis_coach.common.services import create_once, create_once_for
from crisis_coach.incidents import rules, selectors, services
from crisis_coach.incidents.forms import ReflectionForm, StepCheckForm, StepDropForm, StepForm
from crisis_coach.incidents.models import StepKind, StepStatus
from crisis_coach.incidents.playbooks import playbook_for, playbook_step
from crisis_coach.incidents.views._common import case_part, partial_or_redirect, today


def _resolve_page(request, incident, *, step_form=None, reflection_form=None, conflict=None):
    def values(case) -> dict:
        in_plan = {step.title for step in case.steps.all()}
        return {
            "step_form": step_form
            or StepForm(
                incident=case, initial={"kind": StepKind.QUICK_WIN, "due_on": today() + timedelta(days=14)}
            ),
            "reflection_form": reflection_form or ReflectionForm(instance=selectors.reflection_of(case)),
            "suggestions": [s for s in playbook_for(case.crisis_type) if str(s.title) not in in_plan],
            "plan": rules.plan_steps(case),
            "follow_through": rules.follow_through(case, zone=request.user.zone),
            "conflict": conflict,
            "reflection_open": bool(reflection_form and reflection_form.errors)
            or conflict is not None
            or rules.reflection_open(case),
        }

    context = {"incident": incident, "part": case_part(request, incident, values, cached=conflict is None)}
    return render(request, "incidents/stage_resolve.html", context)


@login_required
def resolve(request, public_id):
    if "conflict" not in request.GET:
        return _resolve_page(request, selectors.incident_heading_for_owner(request.user, public_id))
    incident = selectors.incident_for_owner(request.user, public_id)
    # After a conflicting save of the reflection (reflection_save), this page shows both versions.
    form, conflict = conflict_form(request, ReflectionForm, selectors.reflection_of(incident))
    return _resolve_page(request, incident, reflection_form=form, conflict=conflict)


@login_required
def step_add(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    if request.method != "POST":
        return redirect("incidents:resolve", public_id)
    form = StepForm(request.POST, incident=incident)
    if not form.is_valid():
        return _resolve_page(request, incident, step_form=form)
    create_once(form, request.user, lambda: services.step_save(incident=incident, step=form.instance))
    messages.success(request, _("Step added."))
    return redirect("incidents:resolve", public_id)


@login_required
def step_edit(request, public_id, step_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    step = selectors.step_of(incident, step_id)
    form, conflict = edit_form(request, StepForm, step, incident=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_save(
                incident=incident, step=form.instance, expected_version=form.cleaned_data["version"]
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, step)
        messages.success(request, _("Saved."))
        return redirect("incidents:resolve", public_id)
    context = {"incident": incident, "form": form, "step": step, "conflict": conflict}
    return render(request, "incidents/step_form.html", context)


@login_required
@require_POST
def step_status(request, public_id, step_id):
    # A tick reads the case's heading and the step, not the whole case: the service reads the case
    # as the change left it, which the row and the case header show (bench/RESULTS.md, the writes).
    incident = selectors.incident_heading_for_owner(request.user, public_id)
    step = selectors.step_of(incident, step_id)
    status = request.POST.get("status", "")
    if status not in StepStatus.values:
        raise Http404("unknown status")
    if status == StepStatus.DROPPED:
        # Dropping asks why first (step_drop); a plain form, so it works the same with htmx.
        drop_url = reverse("incidents:step_drop", args=[public_id, step_id])
        return HttpResponseClientRedirect(drop_url) if request.htmx else redirect(drop_url)
    stage_before = incident.stage
    incident = selectors.loaded_case(services.step_set_status(step=step, status=status))
    step = selectors.step_in_case(incident, step_id)
    back = safe_next(request, reverse("incidents:resolve", args=[public_id]))
    if incident.stage != stage_before:
        # The stepper, the badge and the next action changed too: a swapped row would leave them stale.
        if incident.is_closed:
            messages.success(request, _("Every step is done: this setback is closed. Well done."))
            back = reverse("incidents:detail", args=[public_id])
        if request.htmx:
            return HttpResponseClientRedirect(back)
    if status == StepStatus.DONE and not request.htmx:
        messages.info(request, _("Done. Did it work? You can say so on the step."))
    # Just ticked: the row opens "did it work?" at once.
    return _step_row_response(request, incident, step, back, just_done=status == StepStatus.DONE)


def _step_row_response(request, incident, step, back, **extra):
    """The step's row, swapped in by htmx with the case header's parts; a redirect without JavaScript."""
    return partial_or_redirect(
        request,
        "incidents/_step_row.html",
        {
            "incident": incident,
            "step": step,
            "today": today(),
            "compact": request.POST.get("compact"),
            # The compact row lives on the setback's page, beside the timeline the change wrote to.
            "timeline_events": selectors.timeline(incident) if request.POST.get("compact") else None,
            # On the Resolve page, its follow-through counts change with the row (swapped out of band).
            "follow_through": None
            if request.POST.get("compact")
            else rules.follow_through(incident, zone=request.user.zone),
            **_reflection_unfolded(request, incident),
            **extra,
        },
        back,
        progress_of=incident,  # the last step ticked: "Every step is done…" shows at once
    )


def _reflection_unfolded(request, incident) -> dict:
    """On Resolve, once the plan's last step is done and no reflection is begun, the reflection
    unfolds at once, swapped in beside the row (out of band)."""
    if request.POST.get("compact") or hasattr(incident, "reflection") or not rules.plan_done(incident):
        return {}
    return {"reflection_form": ReflectionForm(), "reflection_open": True, "reflection_oob": True}


def _plan_step(incident, step_id):
    """A step of the plan: a coach's proposal is accepted or declined, never checked or dropped."""
    step = selectors.step_in_case(incident, step_id)
    if not step.is_in_plan:
        raise Http404("a proposal is accepted or declined")
    return step


@login_required
def step_check(request, public_id, step_id):
    """ "Did it work?" for a done step, answered on its row (htmx) or on this page (no JavaScript,
    and the link from Today's follow-up); answered again later, "did it work now?"."""
    incident = selectors.incident_for_owner(request.user, public_id)
    step = _plan_step(incident, step_id)
    back = safe_next(request, reverse("incidents:resolve", args=[public_id]) + "#plan")
    if step.status != StepStatus.DONE:
        messages.info(request, _("A step is checked once it is done."))
        return redirect(back)
    initial = {"check_result": step.check_result, "check_note": step.check_note}
    form = StepCheckForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        incident = services.step_check(
            step=step, result=form.cleaned_data["check_result"], note=form.cleaned_data["check_note"]
        )
        if not request.htmx:
            messages.success(request, _("Thank you: noted how it went."))
        return _step_row_response(request, incident, selectors.step_in_case(incident, step_id), back)
    if request.method == "POST" and request.htmx:
        return _step_row_response(request, incident, step, back, check_form=form, just_done=True)
    context = {"incident": incident, "step": step, "form": form, "next": back}
    return render(request, "incidents/step_check.html", context)


@login_required
def step_drop(request, public_id, step_id):
    """Drop a step, saying why: the reason is required, and nothing changes without it."""
    incident = selectors.incident_for_owner(request.user, public_id)
    step = _plan_step(incident, step_id)
    back = safe_next(request, reverse("incidents:resolve", args=[public_id]) + "#plan")
    form = StepDropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.step_drop(step=step, reason=form.cleaned_data["drop_reason"])
        messages.success(request, _("Step dropped. The reason stays in the story."))
        return redirect(back)
    context = {"incident": incident, "step": step, "form": form, "next": back}
    return render(request, "incidents/step_drop.html", context)


@login_required
@require_POST
def step_move(request, public_id, step_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    step = selectors.step_of(incident, step_id)
    services.step_move(step=step, direction=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(reverse("incidents:resolve", args=[public_id]) + "#plan")


class StepDelete(ConfirmDeleteView):
    explanation = addressed_lazy(
        "If you only decided not to do it, mark it “Dropped” instead: it stays in the story."
    )

    def get_object(self):
        incident = selectors.incident_for_owner(self.request.user, self.kwargs["public_id"])
        return selectors.step_of(incident, self.kwargs["step_id"])

    def perform(self, step):
        services.step_delete(step=step)

    def get_question(self, step):
        return fill(addressed("Delete <bdi>%(what)s</bdi>?"), what=step.title)

    def get_success_url(self, step):
        return reverse("incidents:resolve", args=[self.kwargs["public_id"]])

    def get_success_message(self, step):
        return _("Step deleted.")


step_delete = login_required(StepDelete.as_view())


@login_required
@require_POST
def playbook_add(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    suggestion = playbook_step(incident.crisis_type, request.POST.get("key", ""))
    if suggestion is None:
        raise Http404("no such suggestion")
    create_once_for(
        request,
        "incidents.playbook_add",
        lambda: services.playbook_step_add(incident=incident, suggestion=suggestion, today=today()),
    )
    messages.success(request, _("Added to your plan: %(title)s") % {"title": suggestion.title})
    return redirect(reverse("incidents:resolve", args=[public_id]) + "#plan")


@login_required
def reflection_save(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    if request.method != "POST":
        return redirect("incidents:resolve", public_id)
    form = ReflectionForm(request.POST, instance=selectors.reflection_of(incident))
    if not form.is_valid():
        return _resolve_page(request, incident, reflection_form=form)
    try:
        incident = services.reflection_save(
            incident=incident, reflection=form.instance, expected_version=form.cleaned_data["version"]
        )
    except EditConflict as error:
        # Shown on the Resolve page itself, after a redirect: a reload there re-posts nothing.
        return conflict_redirect(request, error, reverse("incidents:resolve", args=[public_id]))
    conflict_resolved(request, form.instance)
    if incident.is_closed:
        messages.success(
            request,
            ngettext(
                "Closed in %(days)s day. This setback is behind you.",
                "Closed in %(days)s days. This setback is behind you.",
                incident.resolution_days,
            )
            % {"days": incident.resolution_days},
        )
        return redirect("incidents:detail", public_id)
    messages.info(request, _("Reflection saved. The setback closes once every step is done."))
    return redirect("incidents:resolve", public_id)
