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
from crisis_coach.common.quotes import unquoted
from crisis_coach.common.redirects import redirect_back
from crisis_coach.common.services import create_once
from crisis_coach.incidents.models import Incident
from crisis_coach.incidents.selectors import incident_for_owner


def _back(request):
    return redirect_back(request, "coaching:home")


@login_required
def home(request):
    link = selectors.active_link_for_client(request.user)
    if request.method == "POST" and link is not None:
        # Linked already: the code posted twice (a double click) or from a tab left open. The page
        # shows the coach; answer as the first post did, with the way back to it.
        return redirect("coaching:home")
    form = LinkCoachForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            link = create_once(
                form,
                request.user,
                lambda: services.link_create(client=request.user, coach_profile=form.coach_profile),
            )
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
        if shared and selectors.active_link_for_client(request.user) is None:
            # Marked, not shown: nobody sees them until a coach is linked (the panel says "Marked to share").
            messages.success(
                request,
                ngettext(
                    "Marked %(count)s setback to share. No one sees it until you link a coach.",
                    "Marked %(count)s setbacks to share. No one sees them until you link a coach.",
                    count,
                )
                % {"count": count},
            )
        elif shared:
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
    if shared and selectors.active_link_for_client(request.user) is None:
        messages.success(
            request,
            _("“%(title)s” is marked to share. No one sees it until you link a coach.")
            % {"title": unquoted(incident.title)},
        )
    elif shared:
        messages.success(
            request, _("“%(title)s” is shared with your coach.") % {"title": unquoted(incident.title)}
        )
    else:
        messages.success(request, _("“%(title)s” is no longer shared.") % {"title": unquoted(incident.title)})
    return _back(request)


@login_required
@require_POST
def comment_reply(request, public_id, comment_id):
    incident = incident_for_owner(request.user, public_id)
    comment = selectors.comment_of(incident, comment_id)
    link = selectors.active_link_for_client(request.user)
    if not selectors.is_current_coach(link, comment.author_id):
        # A page left open while coaching ended: a reply would reach no one, so none is stored.
        messages.error(
            request,
            _("Coaching with %(name)s has ended: they can no longer read replies. Nothing was sent.")
            % {"name": comment.author.display_name},
        )
        return _back(request)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your reply is empty. Write something before sending it."))
        return _back(request)
    create_once(
        form,
        request.user,
        lambda: services.comment_reply_add(
            author=request.user, comment=comment, body=form.cleaned_data["body"]
        ),
    )
    if incident.shared_with_coach:
        messages.success(request, _("Your reply is sent to %(name)s.") % {"name": link.coach.display_name})
    else:
        messages.success(
            request,
            _("Your reply is saved. %(name)s sees it only if you share this setback again.")
            % {"name": link.coach.display_name},
        )
    return _back(request)


@login_required
@require_POST
def proposal_answer(request, public_id, step_id, answer):
    incident = incident_for_owner(request.user, public_id)
    step = selectors.pending_proposal_of(incident, step_id)
    if not selectors.is_current_coach(selectors.active_link_for_client(request.user), step.proposed_by_id):
        messages.error(
            request,
            _("“%(title)s” was proposed by a coach you no longer work with. It is no longer open.")
            % {"title": unquoted(step.title)},
        )
        return _back(request)
    if answer == "accept":
        services.step_proposal_accept(step=step)
        messages.success(request, _("“%(title)s” joined your plan.") % {"title": unquoted(step.title)})
    else:
        services.step_proposal_decline(step=step)
        messages.info(request, _("You declined “%(title)s”.") % {"title": unquoted(step.title)})
    return _back(request)
