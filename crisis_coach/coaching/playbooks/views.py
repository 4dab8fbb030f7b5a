"""The coach's playbooks (/coach/playbooks/, two-factor like every coach page) and, on the client's
side, adding a step of her current coach's playbook to her own plan (/coaching/cases/<id>/playbooks/).

The coach reaches only her own playbooks (selectors.playbook_of_coach); the client only her own case
(incidents' owner-scoped selector) and only a playbook of her current coach offered to it
(selectors.playbook_for_case): anything else is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from crisis_coach.coaching.decorators import coach_required
from crisis_coach.coaching.playbooks import selectors, services
from crisis_coach.coaching.playbooks.forms import PlaybookForm, step_formset, step_initial
from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_form,
    conflict_redirect,
    conflict_resolved,
    model_fields,
    pending_conflict,
)
from crisis_coach.common.deletion import ConfirmDeleteView
from crisis_coach.common.pagination import paginate
from crisis_coach.common.punctuation import attributes_joined
from crisis_coach.common.services import create_once, create_once_for
from crisis_coach.incidents.models import CrisisType
from crisis_coach.incidents.selectors import incident_for_owner

PER_PAGE = 20
STEPS_PREFIX = "steps"


def _list_url(playbook=None) -> str:
    url = reverse(
        "coach:playbooks" if playbook is None or not playbook.is_archived else "coach:playbooks_archived"
    )
    return f"{url}#playbook-{playbook.public_id}" if playbook else url


def _list_page(request, *, archived: bool):
    page = paginate(request, selectors.playbooks_of_coach(request.user, archived=archived), PER_PAGE)
    for playbook in page:
        playbook.kind_labels = [CrisisType(kind).label for kind in playbook.crisis_types]
    return render(request, "coaching/playbooks/list.html", {"page_obj": page, "archived": archived})


@require_GET
@login_required
@coach_required
def playbook_list(request):
    return _list_page(request, archived=False)


@require_GET
@login_required
@coach_required
def playbook_list_archived(request):
    return _list_page(request, archived=True)


def _form_page(request, form, steps, *, playbook=None, conflict=None):
    context = {"form": form, "steps": steps, "playbook": playbook, "conflict": conflict}
    return render(request, "coaching/playbooks/form.html", context)


@login_required
@coach_required
def playbook_create(request):
    form = PlaybookForm(request.POST or None)
    steps = step_formset(editing=False)(request.POST or None, prefix=STEPS_PREFIX)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        fields = model_fields(form.cleaned_data)
        playbook = create_once(
            form,
            request.user,
            lambda: services.playbook_create(coach=request.user, steps=steps.steps(), **fields),
        )
        messages.success(request, _("Playbook saved. Your linked clients see it on their Resolve page."))
        return redirect(_list_url(playbook))
    return _form_page(request, form, steps)


def _conflict_with_labels(conflict, playbook) -> None:
    """The conflict box names the kinds of setback, and lists the steps as saved there."""
    label = str(PlaybookForm.base_fields["crisis_types"].label)
    for row in conflict["rows"]:
        if str(row["label"]) == label:
            row["value"] = attributes_joined(CrisisType(kind).label for kind in playbook.crisis_types) or _(
                "Every kind"
            )
            row["differs"] = False
    titles = [step.title for step in selectors.steps_of(playbook)]
    conflict["rows"].append({"label": _("Steps"), "value": "\n".join(titles), "long": True, "differs": False})


@login_required
@coach_required
def playbook_edit(request, playbook_id):
    playbook = selectors.playbook_of_coach(request.user, playbook_id)
    formset_class = step_formset(editing=True)
    conflict = None
    if request.method == "POST":
        form = PlaybookForm(request.POST, instance=playbook)
        steps = formset_class(request.POST, prefix=STEPS_PREFIX)
        if form.is_valid() and steps.is_valid():
            try:
                services.playbook_update(
                    playbook=playbook,
                    expected_version=form.cleaned_data["version"],
                    steps=steps.steps(),
                    **model_fields(form.cleaned_data),
                )
            except EditConflict as error:
                return conflict_redirect(request, error)
            conflict_resolved(request, playbook)
            messages.success(request, _("Playbook saved."))
            return redirect(_list_url(playbook))
    else:
        form, conflict = conflict_form(request, PlaybookForm, playbook)
        if form is not None:  # what was typed before the conflict, steps included
            steps = formset_class(pending_conflict(request, playbook), prefix=STEPS_PREFIX)
            _conflict_with_labels(conflict, playbook)
        else:
            form = PlaybookForm(instance=playbook)
            steps = formset_class(initial=step_initial(selectors.steps_of(playbook)), prefix=STEPS_PREFIX)
    return _form_page(request, form, steps, playbook=playbook, conflict=conflict)


@require_POST
@login_required
@coach_required
def playbook_copy(request, playbook_id):
    playbook = selectors.playbook_of_coach(request.user, playbook_id)
    copy = create_once_for(
        request, "coaching.playbook_copy", lambda: services.playbook_copy(playbook=playbook)
    )
    messages.success(request, _("Copied. Rename the copy and change it as you like."))
    return redirect("coach:playbook_edit", copy.public_id)


class PlaybookArchive(ConfirmDeleteView):
    title = addressed_lazy("Archive this playbook?")
    button = gettext_lazy("Yes, archive it")

    def get_object(self):
        return selectors.playbook_of_coach(self.request.user, self.kwargs["playbook_id"])

    def perform(self, playbook):
        services.playbook_archive(playbook=playbook)

    def get_question(self, playbook):
        return addressed("Archive this playbook?")

    def get_quoted(self, playbook):
        return playbook.name

    def get_explanation(self, playbook):
        return _(
            "Your clients no longer see it on their Resolve page. The steps they already added stay in "
            "their plans, and its counts stay here. You can take it out of the archive at any time."
        )

    def get_success_url(self, playbook):
        return reverse("coach:playbooks")

    def get_success_message(self, playbook):
        return _("Archived.")


playbook_archive = login_required(coach_required(PlaybookArchive.as_view()))


@require_POST
@login_required
@coach_required
def playbook_unarchive(request, playbook_id):
    playbook = selectors.playbook_of_coach(request.user, playbook_id)
    services.playbook_unarchive(playbook=playbook)
    messages.success(request, _("Back among your playbooks: your clients see it again."))
    return redirect(_list_url(playbook))


# --- the client's side -----------------------------------------------------------------------------


@require_POST
@login_required
def playbook_add(request, public_id, playbook_id, step_id=None):
    """One step of the coach's playbook (step_id), or all of them, into the client's own plan."""
    incident = incident_for_owner(request.user, public_id)
    playbook = selectors.playbook_for_case(incident, playbook_id)
    if step_id is not None:
        chosen = [selectors.playbook_step_of(playbook, step_id)]
    else:
        chosen = selectors.steps_of(playbook)
    result = create_once_for(
        request,
        "coaching.playbook_add",
        lambda: services.playbook_steps_add(
            incident=incident, playbook=playbook, steps=chosen, today=timezone.localdate()
        ),
    )
    if step_id is not None and result.added:
        messages.success(request, _("Added to your plan: %(title)s") % {"title": result.added[0].title})
    elif step_id is not None:
        messages.info(request, _("Already in your plan: %(title)s") % {"title": chosen[0].title})
    elif result.added:
        count = len(result.added)
        messages.success(
            request,
            ngettext("%(count)s step added to your plan.", "%(count)s steps added to your plan.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("Every step of this playbook is already in your plan."))
    return redirect(reverse("incidents:resolve", args=[incident.public_id]) + "#plan")
