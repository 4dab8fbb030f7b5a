from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
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


@login_required
def community_delete(request, public_id):
    community = selectors.community_for_user(request.user, public_id)
    if request.method == "POST":
        services.community_delete(community=community)
        messages.success(request, _("Community deleted."))
        return redirect("network:communities")
    return render(request, "network/community_delete.html", {"community": community})


@login_required
@require_POST
def participation_delete(request, public_id):
    participation = selectors.participation_for_user(request.user, public_id)
    services.participation_delete(participation=participation)
    messages.success(request, _("Entry deleted."))
    return redirect("network:community_detail", public_id=participation.community.public_id)
