from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_coach.common import page_cache
from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.pagination import paginate
from crisis_coach.common.quotes import unquoted
from crisis_coach.common.services import create_once
from crisis_coach.incidents import presenters, reviews, rules, selectors, services
from crisis_coach.incidents.forms import IncidentForm, ListFilterForm, NoteEditForm, NoteForm
from crisis_coach.incidents.models import CrisisType
from crisis_coach.incidents.views._common import case_part, today
from crisis_coach.network.selectors import who_can_help

PAGE_SIZE = 20


@login_required
def incident_list(request):
    filters = ListFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}

    def page():
        day = today()
        incidents = selectors.incidents_for_list(
            request.user,
            today=day,
            status=chosen.get("status", ""),
            crisis_type=chosen.get("crisis_type", ""),
        )
        page = paginate(request, incidents, PAGE_SIZE)
        for incident in page.object_list:
            incident.days_ago = incident.days_since(day)
        return page

    # The list is cached (common/page_cache.py) under the person's data version, which accounts
    # migration 0013's triggers move; it is read only when the cache misses.
    context = {
        "filters": filters,
        "filtered": bool(chosen.get("status") or chosen.get("crisis_type")),
        "part": page_cache.part(
            request,
            request.user.data_version,
            lambda: {"page": page(), "trash_count": selectors.incidents_in_trash(request.user).count()},
        ),
    }
    return render(request, "incidents/incident_list.html", context)


@login_required
def incident_create(request):
    initial = {"occurred_on": today()}
    # ?crisis_type=… pre-fills the type (the career risk radar links here for a type standing high).
    if request.GET.get("crisis_type") in CrisisType.values:
        initial["crisis_type"] = request.GET["crisis_type"]
    form = IncidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        incident = create_once(
            form, request.user, lambda: services.incident_create(owner=request.user, **fields)
        )
        messages.success(request, addressed("Logged. Start by naming the people who matter."))
        return redirect("incidents:assess", incident.public_id)
    return render(request, "incidents/incident_form.html", {"form": form})


def _render_cockpit(request, incident, note_form):
    def values(case) -> dict:
        day = today()
        return {
            "steps_due": [
                s for s in rules.plan_steps(case) if s.is_open and s.due_on and (s.due_on - day).days <= 7
            ],
            "events": selectors.timeline(case),
            "note_form": note_form,
            "who_can_help": [] if case.is_closed else who_can_help(incident=case, today=day),
            # A closed case shows its reviews after the close (one query; an open one has none due).
            "reviews": reviews.reviews_listed(case, today=day) if case.is_closed else [],
            "stance_journeys": presenters.stance_journeys(case, selectors.stance_readings(case)),
        }

    context = {"incident": incident, "part": case_part(request, incident, values)}
    return render(request, "incidents/incident_detail.html", context)


@login_required
def incident_detail(request, public_id):
    incident = selectors.incident_heading_for_owner(request.user, public_id)
    return _render_cockpit(request, incident, NoteForm())


@login_required
def incident_edit(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    form, conflict = edit_form(request, IncidentForm, incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(
                incident=incident,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            # Both versions are shown at this page's address, after a redirect: a reload re-posts nothing.
            return conflict_redirect(request, error)
        conflict_resolved(request, incident)
        messages.success(request, _("Saved."))
        return redirect("incidents:detail", incident.public_id)
    return render(
        request, "incidents/incident_form.html", {"form": form, "incident": incident, "conflict": conflict}
    )


class IncidentDelete(ConfirmDeleteView):
    """To the trash, not for good: purge_trash deletes it after 30 days."""

    title = addressed_lazy("Delete setback?")
    explanation = gettext_lazy(
        "It moves to the trash, where you can restore it for 30 days. After that it is deleted for good, "
        "with everything in it."
    )
    button = gettext_lazy("Move to trash")

    def get_object(self):
        return selectors.incident_for_owner(self.request.user, self.kwargs["public_id"])

    def perform(self, incident):
        services.incident_trash(incident=incident)

    def get_question(self, incident):
        return fill(addressed("Delete “<bdi>%(title)s</bdi>”?"), title=unquoted(incident.title))

    def get_cancel_url(self, incident):
        return reverse("incidents:detail", args=[incident.public_id])

    def get_success_url(self, incident):
        return reverse("incidents:list")

    def get_success_message(self, incident):
        return _("Moved to the trash. You can restore it for 30 days.")


incident_delete = login_required(IncidentDelete.as_view())


@login_required
def trash(request):
    return render(request, "incidents/trash.html", {"incidents": selectors.incidents_in_trash(request.user)})


@login_required
@require_POST
def incident_restore(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id, in_trash=True)
    services.incident_restore(incident=incident)
    messages.success(request, _("Restored."))
    return redirect("incidents:detail", incident.public_id)


@login_required
@require_POST
def incident_reopen(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    services.incident_reopen(incident=incident)
    messages.success(request, _("Reopened. Your reflection is kept as a draft."))
    return redirect("incidents:resolve", incident.public_id)


@login_required
@require_POST
def note_add(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_cockpit(request, incident, form)
    create_once(
        form,
        request.user,
        lambda: services.timeline_note_add(
            incident=incident, text=form.cleaned_data["text"], at=form.cleaned_data["at"]
        ),
    )
    messages.success(request, _("Note added to the timeline."))
    return redirect("incidents:detail", incident.public_id)


@login_required
def note_edit(request, public_id, event_id):
    """Edit one of the person's own notes; system events have no such page (404)."""
    incident = selectors.incident_for_owner(request.user, public_id)
    note = selectors.note_of(incident, event_id)
    form, conflict = edit_form(request, NoteEditForm, note)
    if request.method == "POST" and form.is_valid():
        try:
            services.timeline_note_edit(
                event=note,
                text=form.cleaned_data["text"],
                at=form.cleaned_data["at"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, note)
        messages.success(request, _("Note saved. Its earlier version is kept."))
        return redirect("incidents:detail", incident.public_id)
    context = {"incident": incident, "form": form, "note": note, "conflict": conflict}
    return render(request, "incidents/note_form.html", context)


@login_required
def note_history(request, public_id, event_id):
    """Every saved version of a note, newest first, with when each was written."""
    incident = selectors.incident_for_owner(request.user, public_id)
    note = selectors.note_of(incident, event_id)
    context = {"incident": incident, "note": note, "versions": selectors.note_versions(note)}
    return render(request, "incidents/note_history.html", context)
