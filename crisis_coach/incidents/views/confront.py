from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis_coach.common.addressing import addressed
from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.services import create_once
from crisis_coach.incidents import rules, selectors, services
from crisis_coach.incidents.forms import ConversationPlanForm, ConversationRecordForm
from crisis_coach.incidents.playbooks import CONVERSATION_PROMPTS
from crisis_coach.incidents.views._common import case_part


def _confront_page(request, incident, plan_form=None):
    def values(case) -> dict:
        key = rules.key_stakeholder(case)
        return {
            "key_stakeholder": key,
            "plan_form": plan_form or ConversationPlanForm(incident=case, initial={"stakeholder": key}),
            "prompts": CONVERSATION_PROMPTS,
        }

    context = {"incident": incident, "part": case_part(request, incident, values)}
    return render(request, "incidents/stage_confront.html", context)


@login_required
def confront(request, public_id):
    return _confront_page(request, selectors.incident_heading_for_owner(request.user, public_id))


@login_required
def conversation_plan(request, public_id):
    incident = selectors.incident_for_owner(request.user, public_id)
    if request.method != "POST":
        return redirect("incidents:confront", public_id)
    form = ConversationPlanForm(request.POST, incident=incident)
    if not form.is_valid():
        return _confront_page(request, incident, plan_form=form)
    create_once(
        form, request.user, lambda: services.conversation_save(incident=incident, conversation=form.instance)
    )
    messages.success(
        request, addressed("Conversation planned. Run through the principles once more before you go.")
    )
    return redirect("incidents:confront", public_id)


def _stance_after(form) -> dict | None:
    """Where the person stands after the talk, as the record form asked (None: no one to ask about)."""
    if not form.cleaned_data.get("stance"):
        return None  # no one to ask about, or a post without the question
    data = form.cleaned_data
    return {"stance": data["stance"], "influence": data["influence"], "note": data["stance_note"]}


def _conversation_form(request, public_id, conversation_id, *, record: bool):
    """Edit the plan of a conversation, or record how it went: one form page, two forms."""
    incident = selectors.incident_for_owner(request.user, public_id)
    conversation = selectors.conversation_of(incident, conversation_id)
    if record:
        form, conflict = edit_form(request, ConversationRecordForm, conversation)
    else:
        form, conflict = edit_form(request, ConversationPlanForm, conversation, incident=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_save(
                incident=incident,
                conversation=form.instance,
                expected_version=form.cleaned_data["version"],
                fields=services.CONVERSATION_RECORD_FIELDS if record else services.CONVERSATION_PLAN_FIELDS,
                stance=_stance_after(form) if record else None,
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, conversation)
        messages.success(request, _("Recorded. Well done for facing it.") if record else _("Saved."))
        return redirect("incidents:confront", public_id)
    heading = _("How did it go?") if record else addressed("Edit the plan")
    context = {
        "incident": incident,
        "form": form,
        "conversation": conversation,
        "heading": heading,
        "conflict": conflict,
    }
    return render(request, "incidents/conversation_form.html", context)


@login_required
def conversation_edit(request, public_id, conversation_id):
    return _conversation_form(request, public_id, conversation_id, record=False)


@login_required
def conversation_record(request, public_id, conversation_id):
    return _conversation_form(request, public_id, conversation_id, record=True)


class ConversationDelete(ConfirmDeleteView):
    explanation = gettext_lazy("Its plan, outcome and notes are deleted.")

    def get_object(self):
        incident = selectors.incident_for_owner(self.request.user, self.kwargs["public_id"])
        return selectors.conversation_of(incident, self.kwargs["conversation_id"])

    def perform(self, conversation):
        services.conversation_delete(conversation=conversation)

    def get_question(self, conversation):
        name = conversation.stakeholder.name if conversation.stakeholder else _("someone")
        what = _("the conversation with %(name)s") % {"name": name}
        return fill(addressed("Delete <bdi>%(what)s</bdi>?"), what=what)

    def get_success_url(self, conversation):
        return reverse("incidents:confront", args=[self.kwargs["public_id"]])

    def get_success_message(self, conversation):
        return _("Conversation deleted.")


conversation_delete = login_required(ConversationDelete.as_view())
