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
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.pagination import paginate
from crisis_coach.common.services import create_once
from crisis_coach.network import selectors, services
from crisis_coach.network.forms import CommunityForm, ParticipationForm


@login_required
def community_list(request):
    page_obj = paginate(request, selectors.community_list(user=request.user))
    return render(request, "network/community_list.html", {"page_obj": page_obj})


@login_required
def community_create(request):
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        community = create_once(
            form, request.user, lambda: services.community_create(owner=request.user, **form.cleaned_data)
        )
        messages.success(request, _("Community added."))
        return redirect("network:community_detail", public_id=community.public_id)
    return render(request, "network/community_form.html", {"form": form})


@login_required
def community_detail(request, public_id):
    community = selectors.community_for_user(request.user, public_id)
    today = services.local_today(request.user)
    form = ParticipationForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        create_once(
            form, request.user, lambda: services.participation_log(community=community, **form.cleaned_data)
        )
        messages.success(request, _("Participation logged."))
        return redirect("network:community_detail", public_id=community.public_id)
    context = {"community": community, "participations": community.participations.all(), "form": form}
    return render(request, "network/community_detail.html", context)


@login_required
def community_edit(request, public_id):
    community = selectors.community_for_user(request.user, public_id)
    form, conflict = edit_form(request, CommunityForm, community)
    if request.method == "POST" and form.is_valid():
        try:
            services.community_update(
                community=community,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, community)
        messages.success(request, _("Saved."))
        return redirect("network:community_detail", public_id=community.public_id)
    context = {"form": form, "community": community, "conflict": conflict}
    return render(request, "network/community_form.html", context)


class CommunityDelete(ConfirmDeleteView):
    title = gettext_lazy("Delete community")
    explanation = gettext_lazy("Its participation log goes too. This cannot be undone.")

    def get_object(self):
        return selectors.community_for_user(self.request.user, self.kwargs["public_id"])

    def perform(self, community):
        services.community_delete(community=community)

    def get_question(self, community):
        return fill(addressed("Delete %(name)s?"), name=community.name)

    def get_cancel_url(self, community):
        return reverse("network:community_detail", args=[community.public_id])

    def get_success_url(self, community):
        return reverse("network:communities")

    def get_success_message(self, community):
        return _("Community deleted.")


community_delete = login_required(CommunityDelete.as_view())


@login_required
def participation_edit(request, public_id):
    participation = selectors.participation_for_user(request.user, public_id)
    form, conflict = edit_form(
        request, ParticipationForm, participation, today=services.local_today(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(
                participation=participation,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, participation)
        messages.success(request, _("Saved."))
        return redirect("network:community_detail", public_id=participation.community.public_id)
    context = {
        "form": form,
        "community": participation.community,
        "participation": participation,
        "conflict": conflict,
    }
    return render(request, "network/participation_form.html", context)


@login_required
@require_POST
def participation_delete(request, public_id):
    participation = selectors.participation_for_user(request.user, public_id)
    services.participation_delete(participation=participation)
    messages.success(request, _("Entry deleted."))
    return redirect("network:community_detail", public_id=participation.community.public_id)
