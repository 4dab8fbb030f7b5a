"""The client's side of coaching (/coaching/): link a coach by code, share cases, answer the coach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from crisis_coach.coaching import rules, selectors, services
from crisis_coach.coaching.forms import IncidentShareForm, LinkCoachForm, ReplyForm, ShareAllForm
from crisis_coach.coaching.sessions import selectors as session_selectors
from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.quotes import unquoted
from crisis_coach.common.redirects import redirect_back
from crisis_coach.common.services import create_once
from crisis_coach.incidents.selectors import incident_for_owner


def _back(request):
    return redirect_back(request, "coaching:home")


def _linked_by_code(request, form) -> bool:
    """Link the coach whose code was posted (My coach, the welcome); a refusal stays on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        link = create_once(
            form,
            request.user,
            lambda: services.link_create(client=request.user, coach_profile=form.coach_profile),
        )
    except services.LinkError as error:
        form.add_error("code", str(error))
        return False
    messages.success(
        request,
        addressed("%(name)s is now your coach. Share the setbacks you want them to see.")
        % {"name": link.coach.display_name},
    )
    return True


@login_required
def welcome(request):
    """The welcome's second step: "do you have a coach's invite code?" Linking, or skipping, goes
    straight on to logging the first setback."""
    first_setback = reverse("incidents:create") + "?welcome=1"
    if selectors.active_link_for_client(request.user) is not None:
        return redirect(first_setback)
    form = LinkCoachForm(request.POST or None, user=request.user)
    if _linked_by_code(request, form):
        return redirect(first_setback)
    return render(request, "coaching/welcome.html", {"form": form, "step": 2, "skip_url": first_setback})


@login_required
def home(request):
    link = selectors.active_link_for_client(request.user)
    if request.method == "POST" and link is not None:
        # Linked already: the code posted twice (a double click) or from a tab left open. The page
        # shows the coach; answer as the first post did, with the way back to it.
        return redirect("coaching:home")
    form = LinkCoachForm(request.POST or None, user=request.user)
    if _linked_by_code(request, form):
        return redirect("coaching:home")
    incidents = selectors.incidents_to_share(request.user)
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
            # A session the coach proposed, still ahead, waiting for her answer (whatever its date).
            "awaiting_session": session_selectors.awaiting_answer_of_client(request.user) if link else None,
        },
    )


class LinkEnd(ConfirmDeleteView):
    """The client ends coaching (the coach's side: coach.LinkEnd)."""

    title = gettext_lazy("End coaching")
    explanation = gettext_lazy(
        "The coach loses access to every shared setback at once, and all setbacks become private again. "
        "Comments already written stay on the setbacks. You can link a coach again later with an invite code."
    )
    button = addressed_lazy("Yes, end coaching")

    def get_object(self):
        return selectors.active_link_of_client(self.request.user, self.kwargs["link_id"])

    def perform(self, link):
        services.link_end(link=link, ended_by=self.request.user)

    def get_question(self, link):
        return fill(addressed("End coaching with %(name)s?"), name=link.coach.display_name)

    def get_success_url(self, link):
        return reverse("coaching:home")

    def get_success_message(self, link):
        return _("You ended coaching with %(name)s. They can no longer see any of your setbacks.") % {
            "name": link.coach.display_name
        }


link_end = login_required(LinkEnd.as_view())


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
    form = IncidentShareForm(request.POST)
    if not form.is_valid():  # only a tampered form: the switch posts its own choices
        messages.error(request, addressed("Nothing changed: choose what to share from the list."))
        return _back(request)
    shared, was_shared = form.cleaned_data["shared"], incident.shared_with_coach
    services.incident_set_shared(incident=incident, shared=shared, sections=form.cleaned_data["sections"])
    incident.refresh_from_db(fields=["shared_with_coach", *rules.CHOSEN_SECTIONS.values()])
    if shared and selectors.active_link_for_client(request.user) is None:
        messages.success(
            request,
            _("“%(title)s” is marked to share. No one sees it until you link a coach.")
            % {"title": unquoted(incident.title)},
        )
    elif shared and was_shared:
        messages.success(
            request,
            _("Saved. Your coach now sees of “%(title)s”: %(sections)s.")
            % {"title": unquoted(incident.title), "sections": rules.sections_text(incident)},
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
        messages.error(request, addressed("Your reply is empty. Write something before sending it."))
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


@login_required
@require_POST
def hard_time(request):
    """The support panel's button: tell the current coach the client is having a hard time, once a
    day; back to the page the panel sat on, with a message either way."""
    if selectors.active_link_for_client(request.user) is None:
        messages.info(request, _("You have no coach linked at the moment, so nothing was sent."))
    elif services.hard_time_message_send(client=request.user, today=timezone.localdate()):
        messages.success(request, _("Your coach will get a short message that you are having a hard time."))
    else:
        messages.info(
            request,
            _("You already let your coach know today. They will get in touch in their own time."),
        )
    return redirect_back(request, "reminders:today")
