"""Every edit form of a record detects an edit saved meanwhile elsewhere (another tab, another device).

Each form is opened in two "tabs" (two GETs), both are saved: the second save is refused and shown at
the edit page's own address, with the saved version above the form and the typed one in it, and
nothing is overwritten; a reload shows the same page (it re-posts nothing); saving again from there
deliberately keeps the typed version. The enumeration tests make a new edit form join this list.
"""

import importlib
import importlib.util
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from crisis_coach.coaching.models import CoachingSession, Playbook
from crisis_coach.coaching.playbooks import forms as playbook_forms
from crisis_coach.coaching.playbooks import services as playbook_services
from crisis_coach.coaching.services import coach_profile_create
from crisis_coach.coaching.sessions import forms as session_forms
from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.evidence import forms as evidence_forms
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents import forms as incident_forms
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    CaseReview,
    Conversation,
    Incident,
    Reflection,
    Stakeholder,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.network import forms as network_forms
from crisis_coach.network import services as network_services
from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)
from crisis_coach.wellbeing import forms as wellbeing_forms
from crisis_coach.wellbeing.models import CheckIn, PreventionStep, ThoughtRecord
from crisis_coach.wellbeing.radar import forms as radar_forms
from crisis_coach.wellbeing.radar import services as radar_services
from crisis_coach.wellbeing.thoughts import forms as thought_forms
from tests.evidence.helpers import form_data as evidence_form_data
from tests.evidence.helpers import make_entry
from tests.factories import (
    TOTP_SECRET,
    make_assessment,
    make_contact,
    make_conversation,
    make_incident,
    make_note,
    make_reflection,
    make_stakeholder,
    make_step,
)
from tests.wellbeing.helpers import make_check_in
from tests.wellbeing.thought_helpers import make_thought_record
from tests.wellbeing.thought_helpers import part_one as thought_part_one
from tests.wellbeing.thought_helpers import part_two as thought_part_two

pytestmark = pytest.mark.django_db

THEIRS = "Saved from tab one"
YOURS = "Typed in tab two"


@dataclass
class Case:
    page: str  # where the form is opened (and where the conflict is shown)
    post: str  # where it is posted
    data: dict  # a valid post, without the version
    field: str  # the text field both tabs change
    read: callable  # the stored value of `field`


def _incident(user):
    incident = make_incident(user)
    data = {
        "title": "x",
        "what_happened": "A new client's counter-offer slipped through.",
        "occurred_on": "2026-11-20",
        "crisis_type": "work_mistake",
        "severity": "3",
    }
    url = reverse("incidents:edit", args=[incident.public_id])
    return Case(url, url, data, "title", lambda: Incident.objects.get(pk=incident.pk).title)


def _assessment(user):
    incident = make_incident(user)
    assessment = make_assessment(incident)
    return Case(
        reverse("incidents:assess", args=[incident.public_id]),
        reverse("incidents:assessment_save", args=[incident.public_id]),
        {"harm_reputation": "3", "reversibility": "effort", "urgency": "medium"},
        "root_cause",
        lambda: Assessment.objects.get(pk=assessment.pk).root_cause,
    )


def _stakeholder(user):
    incident = make_incident(user)
    stakeholder = make_stakeholder(incident)
    url = reverse("incidents:stakeholder_edit", args=[incident.public_id, stakeholder.public_id])
    data = {"relation": "manager", "influence": "5", "stance": "neutral"}
    return Case(url, url, data, "name", lambda: Stakeholder.objects.get(pk=stakeholder.pk).name)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _conversation_plan(user):
    incident = make_incident(user)
    stakeholder = make_stakeholder(incident)
    conversation = make_conversation(incident, stakeholder, planned_for=timezone.now() + timedelta(days=2))
    url = reverse("incidents:conversation_edit", args=[incident.public_id, conversation.public_id])
    data = {"stakeholder": str(stakeholder.pk), "planned_for": _local(conversation.planned_for)}
    return Case(url, url, data, "ask", lambda: Conversation.objects.get(pk=conversation.pk).ask)


def _conversation_record(user):
    incident = make_incident(user)
    stakeholder = make_stakeholder(incident)
    conversation = make_conversation(incident, stakeholder, planned_for=timezone.now() - timedelta(hours=3))
    url = reverse("incidents:conversation_record", args=[incident.public_id, conversation.public_id])
    data = {"held_at": _local(timezone.now() - timedelta(hours=2)), "outcome": "positive"}
    return Case(
        url, url, data, "outcome_notes", lambda: Conversation.objects.get(pk=conversation.pk).outcome_notes
    )


def _step(user):
    incident = make_incident(user)
    step = make_step(incident)
    url = reverse("incidents:step_edit", args=[incident.public_id, step.public_id])
    data = {"kind": "remedy", "status": "todo"}
    return Case(url, url, data, "title", lambda: ActionStep.objects.get(pk=step.pk).title)


def _reflection(user):
    incident = make_incident(user)
    make_step(incident)  # an open step: saving the reflection does not close the setback
    reflection = Reflection.objects.create(
        incident=incident, strengths="Calm", lessons="x", next_step="Lead", control_at_close=5
    )
    return Case(
        reverse("incidents:resolve", args=[incident.public_id]),
        reverse("incidents:reflection_save", args=[incident.public_id]),
        {"strengths": "Calm", "next_step": "Lead the next account", "control_at_close": "7"},
        "lessons",
        lambda: Reflection.objects.get(pk=reflection.pk).lessons,
    )


def _note(user):
    note = make_note(make_incident(user), "A note of my own.")
    url = reverse("incidents:note_edit", args=[note.incident.public_id, note.pk])
    data = {"at": _local(note.at)}
    return Case(url, url, data, "text", lambda: TimelineEvent.objects.get(pk=note.pk).text)


def _contact(user):
    contact = make_contact(user)
    url = reverse("network:contact_edit", args=[contact.public_id])
    data = {"relationship": "mentor", "importance": "3", "cadence_days": "30"}
    return Case(url, url, data, "name", lambda: Contact.objects.get(pk=contact.pk).name)


def _important_date(user):
    contact = make_contact(user)
    item = network_services.important_date_create(
        contact=contact, kind="other", label="Wedding", date=date(2020, 6, 1), repeats_yearly=True
    )
    url = reverse("network:important_date_edit", args=[item.public_id])
    data = {"kind": "other", "date": "2020-06-01", "repeats_yearly": "on"}
    return Case(url, url, data, "label", lambda: ImportantDate.objects.get(pk=item.pk).label)


def _commitment(user):
    contact = make_contact(user)
    due = timezone.localdate() + timedelta(days=10)
    commitment = network_services.commitment_create(contact=contact, what="Send the deck", due_on=due)
    url = reverse("network:commitment_edit", args=[commitment.public_id])
    return Case(
        url, url, {"due_on": due.isoformat()}, "what", lambda: Commitment.objects.get(pk=commitment.pk).what
    )


def _community(user):
    community = network_services.community_create(owner=user, name="Guild", kind="association")
    url = reverse("network:community_edit", args=[community.public_id])
    data = {"kind": "association"}
    return Case(url, url, data, "name", lambda: Community.objects.get(pk=community.pk).name)


def _interaction(user):
    contact = make_contact(user)
    day = timezone.localdate() - timedelta(days=3)
    interaction = network_services.interaction_log(
        contact=contact, happened_on=day, channel="call", summary="Coffee"
    )
    url = reverse("network:interaction_edit", args=[interaction.public_id])
    data = {"happened_on": day.isoformat(), "channel": "call"}
    return Case(url, url, data, "summary", lambda: Interaction.objects.get(pk=interaction.pk).summary)


def _participation(user):
    community = network_services.community_create(owner=user, name="Guild", kind="association")
    day = timezone.localdate() - timedelta(days=3)
    participation = network_services.participation_log(community=community, happened_on=day, kind="spoke")
    url = reverse("network:participation_edit", args=[participation.public_id])
    data = {"happened_on": day.isoformat(), "kind": "spoke"}
    return Case(url, url, data, "notes", lambda: Participation.objects.get(pk=participation.pk).notes)


def _evidence(user):
    incident = make_incident(user)
    entry = make_entry(incident)
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    data = {k: v for k, v in evidence_form_data().items() if k != "what_happened"}
    return Case(url, url, data, "what_happened", lambda: EvidenceEntry.objects.get(pk=entry.pk).what_happened)


def _review(user):
    incident = make_incident(user)
    person = make_stakeholder(incident, stance="neutral", influence=5)
    make_step(incident, status="done")
    make_reflection(incident, control_at_close=6)  # closes the case: its reviews are scheduled
    review = CaseReview.objects.get(incident=incident, offset_days=7)
    CaseReview.objects.filter(pk=review.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    url = reverse("incidents:review", args=[incident.public_id, review.public_id])
    data = {
        "happened_again": "no",
        "control_now": "8",
        f"stance-{person.public_id}": "neutral",
        f"influence-{person.public_id}": "5",
    }
    return Case(url, url, data, "notes", lambda: CaseReview.objects.get(pk=review.pk).notes)


def _thought_situation(user):
    incident = make_incident(user)
    record = make_thought_record(incident)
    url = reverse("thoughts:edit", args=[incident.public_id, record.public_id])
    data = {k: v for k, v in thought_part_one().items() if k != "situation"}
    return Case(url, url, data, "situation", lambda: ThoughtRecord.objects.get(pk=record.pk).situation)


def _thought_balance(user):
    incident = make_incident(user)
    record = make_thought_record(incident)
    url = reverse("thoughts:balance", args=[incident.public_id, record.public_id])
    data = {k: v for k, v in thought_part_two().items() if k not in ("balanced_thought", "version")}
    return Case(
        url, url, data, "balanced_thought", lambda: ThoughtRecord.objects.get(pk=record.pk).balanced_thought
    )


def _prevention_step(user):
    step = radar_services.prevention_step_create(
        owner=user, crisis_type="work_mistake", title="Check offers twice"
    )
    url = reverse("radar:step_edit", args=[step.public_id])
    return Case(
        url, url, {"detail": "", "due_on": ""}, "title", lambda: PreventionStep.objects.get(pk=step.pk).title
    )


def _check_in(user):
    check_in = make_check_in(user, note="Slept badly")
    url = reverse("wellbeing:check_in")
    data = {"mood": "4", "control": "6", "sleep": "3"}
    return Case(url, url, data, "note", lambda: CheckIn.objects.get(pk=check_in.pk).note)


def _playbook(user):
    """The person is a coach here (two-factor on, as coach pages require), editing her playbook; its
    steps are on the same form, under the playbook's version."""
    coach_profile_create(user=user)
    TOTP.activate(user, TOTP_SECRET)
    playbook = playbook_services.playbook_create(
        coach=user,
        name="Winning back a client",
        crisis_types=[],
        steps=[{"title": "Call the client", "kind": "quick_win", "due_in_days": 2, "detail": ""}],
    )
    step = playbook.steps.get()
    url = reverse("coach:playbook_edit", args=[playbook.public_id])
    data = {
        "prompts": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-public_id": str(step.public_id),
        "steps-0-title": "Call the client",
        "steps-0-kind": "quick_win",
        "steps-0-due_in_days": "2",
    }
    return Case(url, url, data, "name", lambda: Playbook.objects.get(pk=playbook.pk).name)


def _session(user, *, as_coach: bool, starts_in=timedelta(days=3)):
    """A session between the person and a linked other side: she is the client, or (as_coach) the
    coach, two-factor on, of a client linked to her."""
    from crisis_coach.coaching.services import link_create
    from crisis_coach.coaching.sessions.services import session_propose
    from tests.factories import make_user

    if as_coach:
        coach_profile_create(user=user)
        TOTP.activate(user, TOTP_SECRET)
        coach, client = user, make_user(display_name="Cleo Client")
    else:
        coach, client = make_user(display_name="Casey Coach", is_coach=True), user
    link_create(client=client, coach_profile=coach.coach_profile)
    at = timezone.now() + starts_in
    return session_propose(
        client=client, coach=coach, proposed_by=coach, starts_at=at, duration_minutes=50, notify=False
    )


def _session_agenda(user):
    session = _session(user, as_coach=False)
    url = reverse("coaching:session_agenda", args=[session.public_id])
    return Case(url, url, {}, "agenda", lambda: CoachingSession.objects.get(pk=session.pk).agenda)


def _session_move(user):
    session = _session(user, as_coach=False)
    url = reverse("coaching:session_move", args=[session.public_id])
    starts = timezone.localtime(session.starts_at, user.zone).strftime("%Y-%m-%dT%H:%M")
    data = {"starts_at": starts, "duration_minutes": "50"}
    return Case(url, url, data, "place", lambda: CoachingSession.objects.get(pk=session.pk).place)


def _session_summary(user):
    session = _session(user, as_coach=True, starts_in=-timedelta(hours=1))  # a summary follows the start
    url = reverse("coach:session_summary", args=[session.public_id])
    return Case(url, url, {}, "summary", lambda: CoachingSession.objects.get(pk=session.pk).summary)


# URL name → (the form it edits, how to make a record and post it).
EDIT_FORMS = {
    "incidents:edit": (incident_forms.IncidentForm, _incident),
    "incidents:assessment_save": (incident_forms.AssessmentForm, _assessment),
    "incidents:stakeholder_edit": (incident_forms.StakeholderForm, _stakeholder),
    "incidents:conversation_edit": (incident_forms.ConversationPlanForm, _conversation_plan),
    "incidents:conversation_record": (incident_forms.ConversationRecordForm, _conversation_record),
    "incidents:step_edit": (incident_forms.StepForm, _step),
    "incidents:reflection_save": (incident_forms.ReflectionForm, _reflection),
    "incidents:note_edit": (incident_forms.NoteEditForm, _note),
    "network:contact_edit": (network_forms.ContactForm, _contact),
    "network:important_date_edit": (network_forms.ImportantDateForm, _important_date),
    "network:commitment_edit": (network_forms.CommitmentForm, _commitment),
    "network:community_edit": (network_forms.CommunityForm, _community),
    "network:interaction_edit": (network_forms.InteractionForm, _interaction),
    "network:participation_edit": (network_forms.ParticipationForm, _participation),
    "evidence:edit": (evidence_forms.EvidenceForm, _evidence),
    "incidents:review": (incident_forms.ReviewForm, _review),
    "thoughts:edit": (thought_forms.ThoughtSituationForm, _thought_situation),
    "thoughts:balance": (thought_forms.ThoughtBalanceForm, _thought_balance),
    "radar:step_edit": (radar_forms.PreventionStepForm, _prevention_step),
    "wellbeing:check_in": (wellbeing_forms.CheckInForm, _check_in),
    "coach:playbook_edit": (playbook_forms.PlaybookForm, _playbook),
    "coaching:session_agenda": (session_forms.AgendaForm, _session_agenda),
    "coaching:session_move": (session_forms.SessionMoveForm, _session_move),
    "coach:session_summary": (session_forms.SummaryForm, _session_summary),
}

# ModelForms that never edit a shared record, and why.
NOT_EDIT_FORMS = {
    # The person's own preferences (name, language, time zone; the digest's frequency), which no coach
    # or other person edits; a save writes the whole small set, as the person last chose it.
    "crisis_coach.accounts.forms.SettingsForm",
    # Its language and time zone alone: the settings page's base, and the welcome's first step.
    "crisis_coach.accounts.forms.LanguageAndZoneForm",
    "crisis_coach.accounts.forms.WelcomeForm",
    "crisis_coach.reminders.forms.ReminderSettingsForm",
    "crisis_coach.coaching.forms.CoachDigestForm",  # the coach's own day and time of their digest
    # A create form: a new session, nothing saved yet to conflict with (its edits are versioned).
    "crisis_coach.coaching.sessions.forms.SessionProposeForm",
}


def _version(page: str) -> str:
    found = re.findall(r'name="version" value="(\d+)"', page)
    # One version per page; a review's page carries it twice (its Skip button checks it too).
    assert found and len(set(found)) == 1, found
    return found[0]


def _parts(page: str) -> tuple[str, str]:
    """(the card of the saved version, the form after it)."""
    card_at = page.index('id="conflict"')
    form_at = page.index("<form", card_at)
    return page[card_at:form_at], page[form_at : page.index("</form>", form_at)]


@pytest.mark.parametrize("url_name", sorted(EDIT_FORMS))
def test_a_second_tab_gets_the_conflict_page_and_nothing_is_overwritten(url_name, logged_in, client_user):
    case = EDIT_FORMS[url_name][1](client_user)
    tab_one = logged_in.get(case.page).content.decode()
    tab_two = logged_in.get(case.page).content.decode()

    saved = logged_in.post(case.post, {**case.data, case.field: THEIRS, "version": _version(tab_one)})
    assert saved.status_code == 302 and "conflict=" not in saved.url
    refused = logged_in.post(case.post, {**case.data, case.field: YOURS, "version": _version(tab_two)})

    # Shown at the page's own address after a redirect, never at the address the form posts to.
    assert refused.status_code == 303
    location = urlsplit(refused.url)
    assert location.path == case.page and location.query.startswith("conflict=")
    assert case.read() == THEIRS
    for _reload in range(2):  # a reload is a GET of the same page: it re-posts nothing
        page = logged_in.get(refused.url).content.decode()
        card, form = _parts(page)
        assert "The version saved elsewhere" in card and THEIRS in card and YOURS not in card
        assert YOURS in form and "changed elsewhere" in form and "is shown above" in form
        assert case.read() == THEIRS

    # Saving again from the conflict page deliberately keeps the typed version.
    kept = logged_in.post(case.post, {**case.data, case.field: YOURS, "version": _version(page)})
    assert kept.status_code == 302 and "conflict=" not in kept.url
    assert case.read() == YOURS
    # The typed text left the session with the save: the conflict link now shows the saved record.
    assert "changed elsewhere" not in logged_in.get(refused.url).content.decode()


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_edit_url_is_proved_to_detect_conflicts():
    edit_urls = {name for name in _url_names(get_resolver().url_patterns) if name.endswith("edit")}
    assert edit_urls, "no edit URL found: is the URLconf walked right?"
    assert edit_urls <= set(EDIT_FORMS), f"add to EDIT_FORMS: {sorted(edit_urls - set(EDIT_FORMS))}"


def _model_forms() -> set[type]:
    for app in apps.get_app_configs():
        if app.name.startswith("crisis_coach.") and importlib.util.find_spec(f"{app.name}.forms"):
            importlib.import_module(f"{app.name}.forms")
    found, todo = set(), [forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("crisis_coach.") and sub is not VersionedForm:
                found.add(sub)
    return found


def test_every_model_form_is_versioned_and_proved_or_named_as_no_edit_form():
    model_forms = _model_forms()
    name = {form: f"{form.__module__}.{form.__qualname__}" for form in model_forms}
    unversioned = {name[f] for f in model_forms if not issubclass(f, VersionedForm)} - NOT_EDIT_FORMS
    assert not unversioned, f"an edit form without optimistic locking: {sorted(unversioned)}"
    proved = {form for form, _make in EDIT_FORMS.values()}
    untested = {name[f] for f in model_forms if issubclass(f, VersionedForm)} - {name[f] for f in proved}
    assert not untested, f"a versioned form with no two-tab test in EDIT_FORMS: {sorted(untested)}"
    for form in proved:
        assert any(field.name == "version" for field in form._meta.model._meta.concrete_fields)


def test_ticking_a_step_while_its_edit_page_is_open_is_a_conflict(logged_in, client_user):
    incident = make_incident(client_user)
    step = make_step(incident)
    url = reverse("incidents:step_edit", args=[incident.public_id, step.public_id])
    version = _version(logged_in.get(url).content.decode())
    logged_in.post(
        reverse("incidents:step_status", args=[incident.public_id, step.public_id]), {"status": "done"}
    )
    response = logged_in.post(
        url, {"title": "Renamed", "kind": "remedy", "status": "todo", "version": version}
    )
    assert response.status_code == 303
    step.refresh_from_db()
    assert (step.status, step.title) == (StepStatus.DONE, "Call the client back")


def test_linking_a_stakeholder_to_a_contact_while_their_edit_page_is_open_is_a_conflict(
    logged_in, client_user
):
    incident = make_incident(client_user)
    stakeholder = make_stakeholder(incident)
    url = reverse("incidents:stakeholder_edit", args=[incident.public_id, stakeholder.public_id])
    version = _version(logged_in.get(url).content.decode())
    logged_in.post(
        reverse("incidents:stakeholder_to_contact", args=[incident.public_id, stakeholder.public_id])
    )
    data = {
        "name": "Ms Wang",
        "relation": "manager",
        "influence": "5",
        "stance": "neutral",
        "version": version,
    }
    assert logged_in.post(url, data).status_code == 303
    stakeholder.refresh_from_db()
    assert stakeholder.contact is not None  # the stale form did not unlink them


def test_a_conflict_link_shows_nothing_on_another_record(logged_in, client_user):
    first, second = _contact(client_user), _contact(client_user)
    tab = _version(logged_in.get(first.page).content.decode())
    logged_in.post(first.post, {**first.data, "name": THEIRS, "version": tab})
    refused = logged_in.post(first.post, {**first.data, "name": YOURS, "version": tab})
    query = urlsplit(refused.url).query
    page = logged_in.get(f"{second.page}?{query}").content.decode()
    assert YOURS not in page and "changed elsewhere" not in page
