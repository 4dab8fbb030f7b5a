"""A case's thought records, for its owner alone (a coach, the case shared or not, gets 404: thought
records are private until sharing per section lands, issue 21).

Every view reaches the case through incidents.selectors.incident_for_owner and the record inside it
(selectors.thought_record_of). The form comes in two parts, each saved on its own (forms.py); after a
save whose words signal despair, the support page comes first (wellbeing.views.support_url).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.deletion import ConfirmDeleteView
from crisis_coach.common.pagination import paginate
from crisis_coach.common.services import create_once
from crisis_coach.incidents.selectors import incident_for_owner
from crisis_coach.wellbeing.models import ThinkingTrap
from crisis_coach.wellbeing.rules import distress_signalled
from crisis_coach.wellbeing.thinking_traps import trap_labels
from crisis_coach.wellbeing.thoughts import selectors, services
from crisis_coach.wellbeing.thoughts.forms import ThoughtBalanceForm, ThoughtSituationForm
from crisis_coach.wellbeing.views import support_url

PER_PAGE = 20


def _after_save(record, url: str):
    """On to `url`, by way of the support page when what the record says signals despair."""
    if distress_signalled(services.written_text(record), translation.get_language()):
        return redirect(support_url(url))
    return redirect(url)


def _list_url(incident, record) -> str:
    return f"{reverse('thoughts:list', args=[incident.public_id])}#thought-{record.public_id}"


def _balance_url(incident, record) -> str:
    return reverse("thoughts:balance", args=[incident.public_id, record.public_id])


def _traps_by_name(conflict, instance) -> None:
    """The conflict box names the traps the other tab ticked, not their stored values."""
    label = str(ThoughtSituationForm.base_fields["traps"].label)
    for row in conflict["rows"]:
        if str(row["label"]) == label:
            row["value"] = ", ".join(trap_labels(instance.traps))


@require_GET
@login_required
def thought_list(request, public_id):
    incident = incident_for_owner(request.user, public_id)
    page = paginate(request, selectors.thought_records_for(incident), PER_PAGE)
    context = {"incident": incident, "page_obj": page, "traps_choices": ThinkingTrap.choices}
    return render(request, "wellbeing/thoughts/list.html", context)


@login_required
def thought_add(request, public_id):
    incident = incident_for_owner(request.user, public_id)
    form = ThoughtSituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SITUATION_FIELDS}
        record = create_once(
            form, request.user, lambda: services.thought_record_create(incident=incident, **fields)
        )
        messages.success(request, _("Saved. Now look at the thought from both sides."))
        return _after_save(record, _balance_url(incident, record))
    context = {"incident": incident, "form": form, "record": None, "conflict": None}
    return render(request, "wellbeing/thoughts/situation_form.html", context)


def _save_part(request, record, form, names):
    """Save one part of the record from its valid form: None when saved, else the conflict page's
    redirect (another tab saved the record since this form was opened)."""
    fields = {name: form.cleaned_data[name] for name in names}
    try:
        services.thought_record_update(record=record, expected_version=form.cleaned_data["version"], **fields)
    except EditConflict as error:
        return conflict_redirect(request, error)
    conflict_resolved(request, record)
    return None


@login_required
def thought_edit(request, public_id, record_id):
    """Part one again. Saved: on to part two while it is still empty, else back to the list."""
    incident = incident_for_owner(request.user, public_id)
    record = selectors.thought_record_of(incident, record_id)
    form, conflict = edit_form(request, ThoughtSituationForm, record)
    if request.method == "POST" and form.is_valid():
        if refused := _save_part(request, record, form, services.SITUATION_FIELDS):
            return refused
        messages.success(request, _("Saved."))
        balanced = record.balanced_thought or record.intensity_after is not None
        next_url = _list_url(incident, record) if balanced else _balance_url(incident, record)
        return _after_save(record, next_url)
    if conflict:
        _traps_by_name(conflict, record)
    context = {"incident": incident, "form": form, "record": record, "conflict": conflict}
    return render(request, "wellbeing/thoughts/situation_form.html", context)


@login_required
def thought_balance(request, public_id, record_id):
    """Part two, the thought shown at the top of the page while it is written."""
    incident = incident_for_owner(request.user, public_id)
    record = selectors.thought_record_of(incident, record_id)
    form, conflict = edit_form(request, ThoughtBalanceForm, record)
    if request.method == "POST" and form.is_valid():
        if refused := _save_part(request, record, form, services.BALANCE_FIELDS):
            return refused
        if record.intensity_after is not None:
            messages.success(
                request,
                _("Saved. The feeling was %(before)s before and is %(after)s now, out of 100.")
                % {"before": record.intensity_before, "after": record.intensity_after},
            )
        else:
            messages.success(request, _("Saved."))
        return _after_save(record, _list_url(incident, record))
    context = {"incident": incident, "form": form, "record": record, "conflict": conflict}
    context["traps"] = trap_labels(record.traps)
    return render(request, "wellbeing/thoughts/balance_form.html", context)


class ThoughtDelete(ConfirmDeleteView):
    title = addressed_lazy("Delete this thought record?")

    def get_object(self):
        incident = incident_for_owner(self.request.user, self.kwargs["public_id"])
        return selectors.thought_record_of(incident, self.kwargs["record_id"])

    def perform(self, record):
        services.thought_record_delete(record=record)

    def get_question(self, record):
        return addressed("Delete this thought record for good?")

    def get_quoted(self, record):
        return record.thought

    def get_explanation(self, record):
        return _("It is deleted for good, with both of its parts. The rest of the case stays as it is.")

    def get_success_url(self, record):
        return reverse("thoughts:list", args=[self.kwargs["public_id"]])

    def get_success_message(self, record):
        return _("The thought record is deleted.")


thought_delete = login_required(ThoughtDelete.as_view())
