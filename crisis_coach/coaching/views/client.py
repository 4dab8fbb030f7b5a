"""The client's side of coaching (/coaching/): link a coach by code, share cases, answer the coach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crisis_coach.coaching import selectors, services
from crisis_coach.coaching.forms import LinkCoachForm, ReplyForm, ShareAllForm
from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.views._common import redirect_back
from crisis_coach.incidents.models import Incident
from crisis_coach.incidents.selectors import incident_for_owner


def _back(request):
    return redirect_back(request, "coaching:home")


@login_required
def home(request):
    link = selectors.active_link_for_client(request.user)
    form = LinkCoachForm(request.POST or None)
    if request.method == "POST" and link is None and form.is_valid():
        try:
            link = services.link_create(client=request.user, coach_profile=form.coach_profile)
        except services.LinkError as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is now your coach. Share the setbacks you want them to see.")
                % {"name": link.coach.display_name},
            )
            return redirect("coaching:home")
    incidents = (
        Incident.objects.alive()
        .filter(owner=request.user)
        .only("public_id", "title", "stage", "shared_with_coach", "occurred_on")
    )
    return render(
        request,
        "coaching/home.html",
        {
            "link": link,
            "form": form,
            "incidents": incidents,
            "past_links": selectors.past_links_for_client(request.user),
            "comments": selectors.comments_for_client(request.user),
            "proposals": selectors.pending_proposals_for_client(request.user),
            "reply_form": ReplyForm(),
        },
    )


@login_required
def link_end(request, link_id):
    link = get_object_or_404(
        CoachingLink.objects.active().select_related("coach"), client=request.user, public_id=link_id
    )
    if request.method == "POST":
        services.link_end(link=link, ended_by=request.user)
        messages.success(
            request,
            _("You ended coaching with %(name)s. They can no longer see any of your setbacks.")
            % {"name": link.coach.display_name},
        )
        return redirect("coaching:home")
    return render(request, "coaching/link_end_confirm.html", {"link": link, "other": link.coach})


@login_required
@require_POST
def share_all(request):
    form = ShareAllForm(request.POST)
    if form.is_valid():
        shared = form.cleaned_data["shared"]
        count = services.incidents_set_shared_all(client=request.user, shared=shared)
        if shared:
            messages.success(
                request,
                ngettext(
                    "Shared %(count)s setback with your coach.",
                    "Shared %(count)s setbacks with your coach.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.success(request, _("Your coach no longer sees any of your setbacks."))
    return redirect("coaching:home")


@login_required
@require_POST
def incident_share(request, public_id):
    incident = incident_for_owner(request.user, public_id)
    shared = request.POST.get("shared") == "1"
    services.incident_set_shared(incident=incident, shared=shared)
    if shared:
        messages.success(request, _("“%(title)s” is shared with your coach.") % {"title": incident.title})
    else:
        messages.success(request, _("“%(title)s” is no longer shared.") % {"title": incident.title})
    return _back(request)


@login_required
@require_POST
def comment_reply(request, public_id, comment_id):
    incident = incident_for_owner(request.user, public_id)
    comment = selectors.comment_of(incident, comment_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.comment_reply_add(author=request.user, comment=comment, body=form.cleaned_data["body"])
        messages.success(request, _("Your reply is sent to your coach."))
    else:
        messages.error(request, _("Write a reply before sending it."))
    return _back(request)


@login_required
@require_POST
def proposal_answer(request, public_id, step_id, answer):
    incident = incident_for_owner(request.user, public_id)
    step = selectors.pending_proposal_of(incident, step_id)
    if answer == "accept":
        services.step_proposal_accept(step=step)
        messages.success(request, _("“%(title)s” joined your plan.") % {"title": step.title})
    else:
        services.step_proposal_decline(step=step)
        messages.info(request, _("You declined “%(title)s”.") % {"title": step.title})
    return _back(request)
