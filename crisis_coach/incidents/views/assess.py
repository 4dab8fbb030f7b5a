from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_coach.common.addressing import addressed
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_form,
    conflict_redirect,
    conflict_resolved,
    edit_form,
)
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.services import create_once, create_once_for
from crisis_coach.incidents import selectors, services
from crisis_coach.incidents.forms import AssessmentForm, StakeholderForm
from crisis_coach.incidents.views._common import case_part, partial_or_redirect


def _assess_page(
    request, incident, *, stakeholder_form=None, assessment_form=None, conflict=None, status=200
):
    def values(case) -> dict:
        assessment = services.assessment_for(case)
        return {
            "stakeholder_form": stakeholder_form or StakeholderForm(owner=request.user),
            "assessment_form": assessment_form or AssessmentForm(instance=assessment),
            "assessment": assessment if assessment.pk else None,
            "conflict": conflict,
            # Learning across cases: earlier cases with the same kind of root cause, and what was tried.
            "earlier_cases": selectors.earlier_cases_like(case),
            "titles_in_plan": {step.title for step in case.steps.all()},
        }

    context = {"incident": incident, "part": case_part(request, incident, values, cached=conflict is None)}
    return render(request, "incidents/stage_assess.html", context, status=status)


@login_required
def assess(request, public_id):
    if "conflict" not in request.GET:
        return _assess_page(request, selectors.incident_heading_for_owner(request.user, public_id))
    incident = selectors.incident_for_owner(request.user, public_id)
    # After a conflicting save (assessment_save), this page shows both versions.
    form, conflict = conflict_form(request, AssessmentForm, services.assessment_for(incident))
    return _assess_page(request, incident, assessment_form=form, conflict=conflict)


@login_required
def assessment_save(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    if request.method != "POST":
        return redirect("incidents:assess", public_id)
    form = AssessmentForm(request.POST, instance=services.assessment_for(incident))
    if not form.is_valid():
        return _assess_page(request, incident, assessment_form=form)
    try:
        services.assessment_save(assessment=form.instance, expected_version=form.cleaned_data["version"])
    except EditConflict as error:
        # Shown on the Assess page itself, after a redirect: a reload there re-posts nothing.
        return conflict_redirect(request, error, reverse("incidents:assess", args=[public_id]))
    conflict_resolved(request, form.instance)
    messages.success(request, _("Assessment saved."))
    return redirect("incidents:assess", public_id)


@login_required
def stakeholder_add(request, public_id):
    # The case's heading only: the service reads the case as the change left it, which the partial
    # shows (bench/RESULTS.md, the writes).
    incident = selectors.incident_heading_for_owner(request.user, public_id)
    if request.method != "POST":
        return redirect("incidents:assess", public_id)
    form = StakeholderForm(request.POST, owner=request.user)
    if form.is_valid():
        stakeholder = create_once(
            form,
            request.user,
            lambda: services.stakeholder_save(incident=incident, stakeholder=form.instance),
        )
        incident = selectors.loaded_case(stakeholder.incident)
        form = StakeholderForm(owner=request.user)
        if not request.htmx:
            messages.success(request, _("Added."))
    elif not request.htmx:
        return _assess_page(request, incident, stakeholder_form=form)
    else:
        incident = selectors.loaded_case(incident)
    return partial_or_redirect(
        request,
        "incidents/_stakeholders.html",
        {"incident": incident, "stakeholder_form": form},
        reverse("incidents:assess", args=[public_id]),
        progress_of=incident,  # "Still needed…" and the next action follow the new person
    )


@login_required
def stakeholder_edit(request, public_id, stakeholder_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    stakeholder = selectors.stakeholder_of(incident, stakeholder_id)
    form, conflict = edit_form(request, StakeholderForm, stakeholder, owner=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_save(
                incident=incident,
                stakeholder=form.instance,
                expected_version=form.cleaned_data["version"],
                stance_note=form.cleaned_data["stance_note"],
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, stakeholder)
        messages.success(request, _("Saved."))
        return redirect("incidents:assess", public_id)
    return render(
        request,
        "incidents/stakeholder_form.html",
        {"incident": incident, "form": form, "stakeholder": stakeholder, "conflict": conflict},
    )


class StakeholderDelete(ConfirmDeleteView):
    explanation = gettext_lazy("Their ratings and notes go too. Conversations with them are kept.")

    def get_object(self):
        incident = selectors.incident_for_owner(self.request.user, self.kwargs["public_id"])
        return selectors.stakeholder_of(incident, self.kwargs["stakeholder_id"])

    def perform(self, stakeholder):
        services.stakeholder_delete(stakeholder=stakeholder)

    def get_question(self, stakeholder):
        return fill(addressed("Delete <bdi>%(what)s</bdi>?"), what=stakeholder.name)

    def get_success_url(self, stakeholder):
        return reverse("incidents:assess", args=[self.kwargs["public_id"]])

    def get_success_message(self, stakeholder):
        return _("Removed %(name)s.") % {"name": stakeholder.name}


stakeholder_delete = login_required(StakeholderDelete.as_view())


@login_required
@require_POST
def stakeholder_to_contact(request, public_id, stakeholder_id):
    """One click: add this stakeholder to the network and link the two."""
    incident = selectors.incident_for_owner(request.user, public_id)
    stakeholder = selectors.stakeholder_of(incident, stakeholder_id)
    contact = create_once_for(
        request,
        "incidents.stakeholder_to_contact",
        lambda: services.stakeholder_create_contact(stakeholder=stakeholder),
    )
    messages.success(request, _("%(name)s is now in your network.") % {"name": contact.name})
    return redirect("incidents:assess", public_id)


@login_required
@require_POST
def prevention_copy(request, public_id, step_id):
    """One click: an earlier case's prevention step joins this plan (selectors.earlier_prevention_step)."""
    incident = selectors.incident_for_owner(request.user, public_id)
    source = selectors.earlier_prevention_step(incident, step_id)
    if source.title in {step.title for step in incident.steps.all()}:
        messages.info(request, _("Already in your plan: %(title)s") % {"title": source.title})
    else:
        services.prevention_step_copy(incident=incident, source=source)
        messages.success(request, _("Added to your plan: %(title)s") % {"title": source.title})
    return redirect(reverse("incidents:assess", args=[public_id]) + "#learning")
