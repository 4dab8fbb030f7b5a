"""The coach's side (/coach/): the caseload, the read-only case review, comments, proposals, notes.

Every case is fetched through selectors.shared_case_for_coach, so a case without consent is a 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_coach.coaching import rules as coaching_rules
from crisis_coach.coaching import selectors, services
from crisis_coach.coaching.decorators import coach_required
from crisis_coach.coaching.feedback import selectors as feedback_selectors
from crisis_coach.coaching.feedback.forms import NudgeForm
from crisis_coach.coaching.forms import CaseloadFilterForm, CommentForm, NoteForm, ProposeStepForm
from crisis_coach.common import page_cache
from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next
from crisis_coach.common.services import create_once, create_once_for
from crisis_coach.incidents import presenters, rules

PAGE_SIZE = 25
NEWEST_CLIENTS = 5  # on the dashboard; all of them are on their own, paginated page
COLUMNS = [
    ("client", gettext_lazy("Client")),
    ("title", gettext_lazy("Case")),
    ("type", gettext_lazy("Type")),
    ("risk", gettext_lazy("Risk")),
    ("stage", gettext_lazy("Stage")),
    ("days", gettext_lazy("Days open")),
    ("overdue", gettext_lazy("Overdue steps")),
    ("activity", gettext_lazy("Last activity")),
    ("attention", gettext_lazy("Needs attention")),
]


def _sort_links(request, current: str) -> list[dict]:
    """Header links: a click sorts by that column, a second click reverses it."""
    params = {k: v for k, v in request.GET.items() if k not in ("sort", "page")}
    links = []
    for key, label in COLUMNS:
        direction = "asc" if current == key else "desc" if current == f"-{key}" else ""
        next_sort = f"-{key}" if direction == "asc" else key
        links.append(
            {
                "key": key,
                "label": label,
                "direction": direction,
                "url": "?" + urlencode({**params, "sort": next_sort}),
            }
        )
    return links


@login_required
@coach_required
def dashboard(request):
    filters = CaseloadFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    sort = chosen.get("sort") or selectors.DEFAULT_SORT

    def page():
        cases = selectors.filtered_caseload(
            request.user,
            stage=chosen.get("stage", ""),
            risk=chosen.get("risk", ""),
            attention=chosen.get("attention", False),
            q=chosen.get("q", ""),
            sort=sort,
        )
        return selectors.caseload_page(request, cases, PAGE_SIZE, coach=request.user)

    # The caseload (its figures, the ratings, the filters, the table, the newest clients) is cached
    # (common/page_cache.py): ranking thousands of cases costs ten times the rest of the page, and
    # a coach comes back to the dashboard after every case. Its values are built and read only when
    # the cache misses: even building the caseload's queryset costs more than a cached page.
    return render(
        request,
        "coaching/coach/dashboard.html",
        {
            "filters": filters,
            "columns": _sort_links(request, sort),
            "profile": request.user.coach_profile,
            # The caseload version: coaching migration 0005's triggers move it. coach_required loaded
            # the profile, before anything of the caseload was read.
            "part": page_cache.part(
                request,
                request.user.coach_profile.caseload_version,
                lambda: {
                    "page": page(),
                    "summary": selectors.caseload_summary(request.user),
                    "newest_links": list(selectors.newest_links_for_coach(request.user, NEWEST_CLIENTS)),
                    "ratings": feedback_selectors.rating_summary(request.user),
                },
            ),
        },
    )


@login_required
@coach_required
def clients(request):
    links = selectors.links_for_clients_page(request.user)
    return render(request, "coaching/coach/clients.html", {"page": paginate(request, links, PAGE_SIZE)})


@login_required
@require_POST
@coach_required
def code_regenerate(request):
    create_once_for(
        request,
        "coaching.code_regenerate",
        lambda: services.invite_code_regenerate(profile=request.user.coach_profile),
    )
    messages.success(request, _("Your new invite code is ready. The old one no longer works."))
    return redirect("coach:dashboard")


class LinkEnd(ConfirmDeleteView):
    """The coach ends coaching (the client's side: client.LinkEnd)."""

    title = gettext_lazy("End coaching")
    button = addressed_lazy("Yes, end coaching")

    def get_object(self):
        return selectors.active_link_of_coach(self.request.user, self.kwargs["link_id"])

    def perform(self, link):
        services.link_end(link=link, ended_by=self.request.user)

    def get_question(self, link):
        return fill(addressed("End coaching with %(name)s?"), name=link.client.display_name)

    def get_explanation(self, link):
        return fill(
            addressed(
                "You lose access to every case %(name)s shared with you, at once, and those cases "
                "become private again. Your comments stay on them; your private notes stay yours."
            ),
            name=link.client.display_name,
        )

    def get_success_url(self, link):
        return reverse("coach:dashboard")

    def get_success_message(self, link):
        return _("You ended coaching with %(name)s.") % {"name": link.client.display_name}


link_end = login_required(coach_required(LinkEnd.as_view()))


def _render_review(
    request, incident, *, comment_form=None, propose_form=None, note_form=None, nudge_form=None, status=200
):
    """The case review. Its content is cached (common/page_cache.py) under the client's data version,
    which every write to her case moves (a coach's comment, nudge and proposal too), and the coach's,
    which her private notes and the link move: a load reads only the case's heading
    (selectors.shared_case_heading_for_coach) and the case on a miss. A POST's page, showing what
    was typed and its errors, is rendered afresh."""

    def build() -> dict:
        case = selectors.shared_case_loaded(incident)
        today = timezone.localdate()
        return {
            "incident": case,
            "client": case.owner,
            # What the client shares beyond the plan (coaching/rules.py): the template shows nothing else.
            "sections": coaching_rules.visible_sections(case),
            "shared_text": coaching_rules.sections_text(case),
            "progress": presenters.stage_progress(case),
            "clock": presenters.clock_for(case, today),
            "today": today,
            "plan": rules.plan_steps(case),
            # The same follow-through the client sees on Resolve, counted on the client's calendar.
            "follow_through": rules.follow_through(case, zone=case.owner.zone),
            "overdue_step_ids": {step.pk for step in rules.overdue_steps(case, today)},
            "proposals": [s for s in case.steps.all() if not s.is_in_plan],
            "events": case.events.all(),
            "comments": selectors.case_comments(case),
            "notes": selectors.notes_for_case(request.user, case),
            "comment_form": comment_form or CommentForm(incident=case),
            "propose_form": propose_form or ProposeStepForm(incident=case),
            "note_form": note_form or NoteForm(),
            "nudge_form": nudge_form or NudgeForm(),  # coaching/feedback
            "nudge": feedback_selectors.nudge_state(case),
        }

    # Read before the view was logged: the log (her coaching panel shows it) moves her version, so
    # the first view in CASE_ACCESS_WINDOW is cached under the committed one and the next load
    # misses once, rather than a part cached under a version a rolled-back request never wrote.
    version = f"{incident.owner.data_version}.{request.user.data_version}"
    context = {"incident": incident, "part": page_cache.part(request, version, build)}
    return render(request, "coaching/coach/case_review.html", context, status=status)


def _shared_case_or_gone(request, public_id, form_class=None, *, heading=False):
    """The shared case, or (None, a page saying it is not shared with this coach).

    A coach whose access ended while the page was open would otherwise lose what they typed to a
    bare "Not found". The page is a 404 all the same and shows nothing of the case: only the text
    this coach posted, to copy. It reads the same for a case that never was theirs or does not
    exist, so it reveals nothing either. People who are not coaches never get here (@coach_required).
    With `heading`, only the case's heading is read (the cached review's load).
    """
    shared_case = selectors.shared_case_heading_for_coach if heading else selectors.shared_case_for_coach
    try:
        return shared_case(request.user, public_id), None
    except Http404:
        pass
    typed = []
    if form_class is not None:
        for name, field in form_class.base_fields.items():
            value = request.POST.get(name, "")
            if isinstance(field.widget, (forms.Textarea, forms.TextInput)) and value.strip():
                typed.append({"label": field.label, "value": value, "id": f"typed-{name}"})
    return None, render(request, "coaching/coach/case_gone.html", {"typed": typed}, status=404)


@login_required
@coach_required
def case_review(request, public_id):
    incident, gone = _shared_case_or_gone(request, public_id, heading=True)
    if gone:
        return gone
    services.case_access_record(coach=request.user, incident=incident)
    return _render_review(request, incident)


@login_required
@require_POST
@coach_required
def comment_add(request, public_id):
    incident, gone = _shared_case_or_gone(request, public_id, CommentForm)
    if gone:
        return gone
    form = CommentForm(request.POST, incident=incident)
    if not form.is_valid():
        return _render_review(request, incident, comment_form=form, status=400)
    create_once(
        form,
        request.user,
        lambda: services.coach_comment_add(
            coach=request.user,
            incident=incident,
            body=form.cleaned_data["body"],
            step=form.cleaned_data["step"],
            conversation=form.cleaned_data["conversation"],
            case_url=request.build_absolute_uri(reverse("incidents:detail", args=[incident.public_id])),
        ),
    )
    messages.success(
        request, _("Comment sent. %(name)s sees it on their case.") % {"name": incident.owner.display_name}
    )
    return redirect("coach:case", incident.public_id)


@login_required
@require_POST
@coach_required
def step_propose(request, public_id):
    incident, gone = _shared_case_or_gone(request, public_id, ProposeStepForm)
    if gone:
        return gone
    form = ProposeStepForm(request.POST, incident=incident)
    if not form.is_valid():
        return _render_review(request, incident, propose_form=form, status=400)
    create_once(
        form,
        request.user,
        lambda: services.step_propose(
            coach=request.user,
            incident=incident,
            case_url=request.build_absolute_uri(reverse("incidents:detail", args=[incident.public_id])),
            **form.cleaned_data,
        ),
    )
    messages.success(request, _("Step proposed. It joins the plan when your client accepts it."))
    return redirect("coach:case", incident.public_id)


@login_required
@require_POST
@coach_required
def note_add(request, public_id):
    incident, gone = _shared_case_or_gone(request, public_id, NoteForm)
    if gone:
        return gone
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_review(request, incident, note_form=form, status=400)
    create_once(
        form,
        request.user,
        lambda: services.coach_note_add(
            coach=request.user,
            client=incident.owner,
            incident=incident if form.cleaned_data["scope"] == NoteForm.CASE else None,
            body=form.cleaned_data["body"],
        ),
    )
    messages.success(request, _("Note saved. Only you can see it."))
    return redirect("coach:case", incident.public_id)


class NoteDelete(ConfirmDeleteView):
    """From the case review or the note's own page: back there (`next`), else the dashboard."""

    title = gettext_lazy("Delete note")
    explanation = gettext_lazy("This cannot be undone.")
    button = gettext_lazy("Delete note")

    def get_object(self):
        return selectors.note_of_coach(self.request.user, self.kwargs["note_id"])

    def perform(self, note):
        services.coach_note_delete(note=note)

    def get_question(self, note):
        return addressed("Delete this note?")

    def get_quoted(self, note):
        return note.body

    def get_success_url(self, note):
        return safe_next(self.request, reverse("coach:dashboard"))

    def get_next(self, note):
        return self.get_success_url(note)

    def get_success_message(self, note):
        return _("Note deleted.")


note_delete = login_required(coach_required(NoteDelete.as_view()))
