from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
from crisis_coach.common.deletion import ConfirmDeleteView
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import redirect_back
from crisis_coach.common.services import create_once
from crisis_coach.network import selectors, services
from crisis_coach.network.forms import CommitmentForm
from crisis_coach.network.views._common import flag_overdue


@login_required
def commitment_list(request):
    today = services.local_today(request.user)
    context = {
        "today": today,
        "open_commitments": flag_overdue(selectors.commitments_open(user=request.user), today),
        "page_obj": paginate(request, selectors.commitments_settled(user=request.user)),
        "trust": selectors.trust_record_for_user(user=request.user, today=today),
    }
    return render(request, "network/commitment_list.html", context)


@login_required
def commitment_create(request, public_id):
    contact = selectors.contact_for_user(request.user, public_id)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        create_once(
            form, request.user, lambda: services.commitment_create(contact=contact, **form.cleaned_data)
        )
        messages.success(request, _("Promise noted. Keep it on time and trust grows."))
        return redirect("network:contact_detail", public_id=contact.public_id)
    return render(request, "network/commitment_form.html", {"form": form, "contact": contact})


@login_required
def commitment_edit(request, public_id):
    commitment = selectors.commitment_for_user(request.user, public_id)
    form, conflict = edit_form(request, CommitmentForm, commitment)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_update(
                commitment=commitment,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, commitment)
        messages.success(request, _("Saved."))
        return redirect("network:contact_detail", public_id=commitment.contact.public_id)
    context = {"form": form, "contact": commitment.contact, "commitment": commitment, "conflict": conflict}
    return render(request, "network/commitment_form.html", context)


@login_required
@require_POST
def commitment_kept(request, public_id):
    commitment = selectors.commitment_for_user(request.user, public_id)
    services.commitment_mark_kept(commitment=commitment)
    messages.success(request, _("Promise kept. Well done."))
    return redirect_back(request, commitment_fallback(commitment))


@login_required
@require_POST
def commitment_broken(request, public_id):
    commitment = selectors.commitment_for_user(request.user, public_id)
    services.commitment_mark_broken(commitment=commitment)
    messages.success(request, _("Marked as broken. Saying so openly is how trust is repaired."))
    return redirect_back(request, commitment_fallback(commitment))


@login_required
@require_POST
def commitment_reopen(request, public_id):
    commitment = selectors.commitment_for_user(request.user, public_id)
    services.commitment_reopen(commitment=commitment)
    messages.success(request, _("The promise is open again."))
    return redirect_back(request, commitment_fallback(commitment))


class CommitmentDelete(ConfirmDeleteView):
    title = gettext_lazy("Delete promise")
    explanation = addressed_lazy(
        "It leaves your trust record too. If you could not keep it, marking it broken is the honest record."
    )

    def get_object(self):
        return selectors.commitment_for_user(self.request.user, self.kwargs["public_id"])

    def perform(self, commitment):
        services.commitment_delete(commitment=commitment)

    def get_question(self, commitment):
        return addressed("Delete this promise?")

    def get_quoted(self, commitment):
        return commitment.what

    def get_success_url(self, commitment):
        return commitment_fallback(commitment)

    def get_success_message(self, commitment):
        return _("Promise deleted.")


commitment_delete = login_required(CommitmentDelete.as_view())


def commitment_fallback(commitment) -> str:
    return reverse("network:contact_detail", kwargs={"public_id": commitment.contact.public_id})
