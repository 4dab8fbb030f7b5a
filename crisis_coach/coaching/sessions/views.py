"""Session pages, one set for both sides: the client's under /coaching/sessions/ (coaching:), the
coach's under /coach/sessions/ (coach:, two-factor first). The URL says the side; the selectors
decide access (404 for anyone else, and for a coach the client is no longer linked to).
"""

import copy
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from crisis_coach.coaching import selectors as coaching_selectors
from crisis_coach.coaching import services as coaching_services
from crisis_coach.coaching.decorators import coach_required
from crisis_coach.coaching.sessions import selectors, services
from crisis_coach.coaching.sessions.forms import (
    AgendaForm,
    SessionMoveForm,
    SessionNoteForm,
    SessionProposeForm,
    SummaryForm,
)
from crisis_coach.common import page_cache
from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.pagination import paginate
from crisis_coach.common.services import create_once

PER_PAGE = 20
COACH, CLIENT = selectors.COACH, selectors.CLIENT
NAMESPACE = {COACH: "coach", CLIENT: "coaching"}


def for_side(view):
    """Login, and on the coach's side the coach pages' own checks (a coach, two-factor on)."""
    checked = {CLIENT: login_required(view), COACH: login_required(coach_required(view))}

    @wraps(view)
    def dispatch(request, *args, side, **kwargs):
        return checked[side](request, *args, side=side, **kwargs)

    return dispatch


def url_of(side: str, name: str, *args) -> str:
    return reverse(f"{NAMESPACE[side]}:{name}", args=args)


def _detail_url(session, side) -> str:
    return url_of(side, "session_detail", session.public_id)


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


# --- lists and proposing -----------------------------------------------------------------------


@require_GET
@for_side
def session_list(request, side):
    past = request.GET.get("when") == "past"

    def values() -> dict:
        page = paginate(request, selectors.sessions_for(request.user, side, past=past), PER_PAGE)
        link = coaching_selectors.active_link_for_client(request.user) if side == CLIENT else None
        return {"page_obj": page, "link": link}

    # Cached (common/page_cache.py) under her data version: a session and a link move both sides'.
    part = page_cache.part(request, request.user.data_version, values)
    return render(request, "coaching/sessions/list.html", {"side": side, "past": past, "part": part})


def _propose(request, *, side, client, coach):
    form = SessionProposeForm(
        request.POST or None, initial={"agenda": selectors.agenda_draft(client=client, coach=coach)}
    )
    if request.method == "POST" and form.is_valid():
        session = create_once(
            form,
            request.user,
            lambda: services.session_propose(
                client=client, coach=coach, proposed_by=request.user, **form.cleaned_data
            ),
        )
        other = client if side == COACH else coach
        messages.success(
            request, _("Session proposed. %(name)s is asked to agree to it.") % {"name": other.display_name}
        )
        return redirect(_detail_url(session, side))
    other = client if side == COACH else coach
    context = {"side": side, "form": form, "other_name": other.display_name}
    return render(request, "coaching/sessions/propose.html", context, status=400 if form.is_bound else 200)


@login_required
def client_propose(request):
    """The client proposes a session to their current coach."""
    link = coaching_selectors.active_link_for_client(request.user)
    if link is None:
        messages.info(request, _("Link a coach first: then you can propose a session."))
        return redirect("coaching:home")
    return _propose(request, side=CLIENT, client=request.user, coach=link.coach)


@login_required
@coach_required
def coach_propose(request, link_id):
    """The coach proposes a session to one of their active clients (from the clients page)."""
    link = coaching_selectors.active_link_of_coach(request.user, link_id)
    return _propose(request, side=COACH, client=link.client, coach=request.user)


@require_GET
@login_required
@coach_required
def case_session_propose(request, public_id):
    """From a shared case's review: on to proposing a session to its client (404 without consent)."""
    incident = coaching_selectors.shared_case_for_coach(request.user, public_id)
    found = coaching_selectors.active_links_for_coach(request.user).filter(client=incident.owner).first()
    if found is None:
        raise Http404("not linked")
    return redirect(url_of(COACH, "session_propose", found.public_id))


# --- one session -------------------------------------------------------------------------------


def _render_detail(
    request, session, side, *, agenda_form=None, summary_form=None, note_form=None, status=200
):
    user = request.user
    context = {
        "side": side,
        "session": session,
        "other_name": selectors.other_name(session, side),
        "waiting_for_me": selectors.waiting_for(session, user),
        "is_changeable": session.is_changeable,
        # A session with a former coach stays the client's record, read-only.
        "linked": side == COACH or selectors.still_linked(session),
        "agenda_form": agenda_form or AgendaForm(instance=session),
        "summary_form": None,
        "notes": None,
        "note_form": None,
    }
    if side == COACH:
        context["summary_form"] = summary_form or SummaryForm(instance=session)
        context["notes"] = selectors.notes_for_session(user, session)
        context["note_form"] = note_form or SessionNoteForm()
    return render(request, "coaching/sessions/detail.html", context, status=status)


@require_GET
@for_side
def session_detail(request, public_id, side):
    session = selectors.session_for(request.user, public_id, side)
    return _render_detail(request, session, side)


@require_POST
@for_side
def session_answer(request, public_id, side, answer):
    session = selectors.session_for(request.user, public_id, side, live_link=True)
    try:
        services.session_answer(
            session=session, by=request.user, accept=answer == "accept", expected_version=_version(request)
        )
    except services.SessionError as error:
        messages.warning(request, str(error))
    else:
        if answer == "accept":
            messages.success(request, _("Agreed. The session is in both your calendars."))
        else:
            messages.success(
                request, _("Declined. %(name)s is told.") % {"name": selectors.other_name(session, side)}
            )
    return redirect(_detail_url(session, side))


@for_side
def session_move(request, public_id, side):
    """A new time, length or place; the other side is asked again."""
    session = selectors.session_for(request.user, public_id, side, live_link=True)
    if not session.is_changeable:
        raise Http404("declined, cancelled or already held: propose a new one")
    # The form works on a copy: the service compares what was typed with the session as it was.
    form, conflict = edit_form(request, SessionMoveForm, copy.copy(session))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.MOVE_FIELDS}
        try:
            moved = services.session_move(
                session=session, by=request.user, expected_version=form.cleaned_data["version"], **values
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        except services.SessionError as error:
            messages.warning(request, str(error))
            return redirect(_detail_url(session, side))
        conflict_resolved(request, session)
        if moved:
            messages.success(
                request,
                _("Saved. %(name)s is asked to agree to the new time or place.")
                % {"name": selectors.other_name(session, side)},
            )
        return redirect(_detail_url(session, side))
    context = {"side": side, "session": session, "form": form, "conflict": conflict}
    context["other_name"] = selectors.other_name(session, side)
    return render(request, "coaching/sessions/move.html", context, status=400 if form.is_bound else 200)


def _text_edit(request, session, side, *, form_class, save, template_title):
    form, conflict = edit_form(request, form_class, session)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, session)
        messages.success(request, _("Saved."))
        return redirect(_detail_url(session, side))
    context = {"side": side, "session": session, "form": form, "conflict": conflict, "title": template_title}
    context["other_name"] = selectors.other_name(session, side)
    return render(request, "coaching/sessions/text_edit.html", context, status=400 if form.is_bound else 200)


@for_side
def session_agenda(request, public_id, side):
    """The shared agenda, edited by either side, conflicts detected; kept as it was once the session
    is declined or cancelled."""
    session = selectors.session_for(request.user, public_id, side, live_link=True)
    if not session.is_live:
        raise Http404("declined or cancelled")
    return _text_edit(
        request,
        session,
        side,
        form_class=AgendaForm,
        save=lambda form: services.session_agenda_update(
            session=session, agenda=form.cleaned_data["agenda"], expected_version=form.cleaned_data["version"]
        ),
        template_title=gettext_lazy("The session's agenda"),
    )


@login_required
@coach_required
def session_summary(request, public_id):
    """The shared summary: the coach writes it, the client reads it. None for a session that was
    declined or called off: nothing took place to sum up."""
    session = selectors.session_for(request.user, public_id, COACH)
    if not session.is_live:
        raise Http404("declined or cancelled")
    if not session.has_started:
        # The page offers no form until then; a post from an old tab or a script is told why.
        messages.info(request, _("You can write the summary once the session has begun."))
        return redirect(_detail_url(session, COACH))
    return _text_edit(
        request,
        session,
        COACH,
        form_class=SummaryForm,
        save=lambda form: services.session_summary_write(
            session=session,
            by=request.user,
            summary=form.cleaned_data["summary"],
            expected_version=form.cleaned_data["version"],
        ),
        template_title=gettext_lazy("The session's summary"),
    )


@login_required
@require_POST
@coach_required
def session_note_add(request, public_id):
    session = selectors.session_for(request.user, public_id, COACH)
    form = SessionNoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, session, COACH, note_form=form, status=400)
    create_once(
        form,
        request.user,
        lambda: coaching_services.coach_note_add(
            coach=request.user, client=session.client, session=session, body=form.cleaned_data["body"]
        ),
    )
    messages.success(request, _("Note saved. Only you can see it."))
    return redirect(_detail_url(session, COACH))


class SessionCancel(ConfirmDeleteView):
    """Either side calls off a proposed or agreed session: GET asks, POST does it."""

    title = gettext_lazy("Cancel the session")
    button = addressed_lazy("Yes, cancel the session")
    explanation = gettext_lazy("The other side is told, and the session leaves both your calendars.")

    def get_object(self):
        session = selectors.session_for(
            self.request.user, self.kwargs["public_id"], self.kwargs["side"], live_link=True
        )
        if not session.is_changeable:
            raise Http404("declined, cancelled or already held")
        return session

    def perform(self, session):
        try:
            services.session_cancel(session=session, by=self.request.user)
        except services.SessionError as error:
            messages.warning(self.request, str(error))

    def get_question(self, session):
        return fill(
            _("Cancel the session with %(name)s?"), name=selectors.other_name(session, self.kwargs["side"])
        )

    def get_success_url(self, session):
        return _detail_url(session, self.kwargs["side"])

    def get_cancel_url(self, session):
        return self.get_success_url(session)

    def get_success_message(self, session):
        return _("The session is cancelled.")


_cancel_view = SessionCancel.as_view()


@for_side
def session_cancel(request, public_id, side):
    return _cancel_view(request, public_id=public_id, side=side)
