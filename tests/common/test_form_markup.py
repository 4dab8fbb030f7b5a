"""Every form of every app, rendered the one way (FORM_RENDERER: templates/forms/form.html and
field.html), django-allauth's sign-up, sign-in, password, address and two-factor forms included
(templates/allauth/elements/fields.html renders them as `{{ attrs.form }}`), keeps the markup
contract: each visible control has a label tied to it by for/id, a field with errors marks its
control `is-invalid` and shows the error in an `invalid-feedback` next to it, and every id that
aria-describedby names exists on the page."""

from html.parser import HTMLParser

import pytest
from allauth.account import forms as allauth_forms
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from crisis_coach.accounts import forms as accounts_forms
from crisis_coach.coaching import forms as coaching_forms
from crisis_coach.evidence import forms as evidence_forms
from crisis_coach.incidents import forms as incident_forms
from crisis_coach.network import forms as network_forms
from crisis_coach.portability import forms as portability_forms
from crisis_coach.reminders import forms as reminder_forms
from crisis_coach.wellbeing.thoughts import forms as thought_forms
from tests.factories import make_contact, make_incident, make_stakeholder, make_user

CONTROLS = {"input", "select", "textarea"}


class Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def parse(html: str) -> list[tuple[str, dict]]:
    markup = Markup()
    markup.feed(html)
    return markup.elements


def in_a_request(person, form_class, *args, **kwargs):
    """A form that allauth builds only inside a request (the authenticator app's new secret is kept
    in the session)."""
    request = RequestFactory().get("/accounts/2fa/totp/activate/")
    request.session, request.user = SessionStore(), person
    with context.request_context(request):
        return form_class(*args, **kwargs)


def form_builders(user, incident, stakeholder):
    today = incident.occurred_on
    return {
        # allauth's, as its pages build them (with ACCOUNT_SIGNUP_FORM_CLASS's fields in sign-up).
        # Left out: the forms with no visible control (turning the authenticator app off, new
        # recovery codes: a button each) and the passkey forms, whose one field the browser's
        # WebAuthn script fills (a hidden credential).
        "signup": lambda data: allauth_forms.SignupForm(data),
        "login": lambda data: allauth_forms.LoginForm(data),
        "password reset": lambda data: allauth_forms.ResetPasswordForm(data),
        "password reset from key": lambda data: allauth_forms.ResetPasswordKeyForm(
            data, user=user, temp_key="key"
        ),
        "password change": lambda data: allauth_forms.ChangePasswordForm(user=user, data=data),
        "add address": lambda data: allauth_forms.AddEmailForm(user=user, data=data),
        "reauthenticate": lambda data: allauth_forms.ReauthenticateForm(data, user=user),
        "two-factor code": lambda data: mfa_forms.AuthenticateForm(data, user=user),
        "two-factor reauthenticate": lambda data: mfa_forms.ReauthenticateForm(data, user=user),
        "authenticator app": lambda data: in_a_request(user, totp_forms.ActivateTOTPForm, data, user=user),
        "settings": lambda data: accounts_forms.SettingsForm(data, instance=user),
        "support access": lambda data: accounts_forms.SupportAccessForm(data),
        "import": lambda data: portability_forms.ImportForm(data, {}, user=user),
        "delete account": lambda data: portability_forms.DeleteAccountForm(data, user=user),
        "reminders": lambda data: reminder_forms.ReminderSettingsForm(data),
        "link coach": lambda data: coaching_forms.LinkCoachForm(data, user=user),
        "comment": lambda data: coaching_forms.CommentForm(data, incident=incident),
        "propose step": lambda data: coaching_forms.ProposeStepForm(data, incident=incident),
        "coach note": lambda data: coaching_forms.NoteForm(data),
        "caseload filter": lambda data: coaching_forms.CaseloadFilterForm(data),
        "incident": lambda data: incident_forms.IncidentForm(data),
        "stakeholder": lambda data: incident_forms.StakeholderForm(data, owner=user),
        "assessment": lambda data: incident_forms.AssessmentForm(data),
        "conversation plan": lambda data: incident_forms.ConversationPlanForm(data, incident=incident),
        "conversation record": lambda data: incident_forms.ConversationRecordForm(data),
        "step": lambda data: incident_forms.StepForm(data, incident=incident),
        "reflection": lambda data: incident_forms.ReflectionForm(data),
        "note": lambda data: incident_forms.NoteForm(data),
        "setback list filter": lambda data: incident_forms.ListFilterForm(data),
        "evidence": lambda data: evidence_forms.EvidenceForm(data, incident=incident),
        "evidence filter": lambda data: evidence_forms.EvidenceFilterForm(data, incident=incident),
        "evidence report": lambda data: evidence_forms.ReportForm(data, incident=incident),
        "contact list filter": lambda data: network_forms.ContactFilterForm(data),
        "contact": lambda data: network_forms.ContactForm(data),
        "interaction": lambda data: network_forms.InteractionForm(data, today=today),
        "important date": lambda data: network_forms.ImportantDateForm(data),
        "commitment": lambda data: network_forms.CommitmentForm(data),
        "community": lambda data: network_forms.CommunityForm(data),
        "participation": lambda data: network_forms.ParticipationForm(data, today=today),
        "thought record": lambda data: thought_forms.ThoughtSituationForm(data),
        "thought record, both sides": lambda data: thought_forms.ThoughtBalanceForm(data),
    }


@pytest.fixture
def builders(db):
    user = make_user()
    make_contact(user)
    incident = make_incident(user)
    stakeholder = make_stakeholder(incident)
    return form_builders(user, incident, stakeholder)


def check_contract(form, html: str) -> None:
    elements = parse(html)
    ids = {attrs["id"] for _, attrs in elements if attrs.get("id")}
    labelled = {attrs["for"] for tag, attrs in elements if tag == "label" and attrs.get("for")}
    controls = [
        attrs
        for tag, attrs in elements
        if tag in CONTROLS and attrs.get("type") not in {"hidden", "submit", "button"}
    ]
    assert controls, "a form with no visible control"
    for attrs in controls:
        assert attrs.get("id") in labelled, f"no <label for> for {attrs.get('name')}: {attrs}"
        if attrs.get("dir") is not None:
            assert attrs["dir"] == "auto"
    for _, attrs in elements:
        for named in attrs.get("aria-describedby", "").split():
            assert named in ids, f"aria-describedby names a missing id {named!r}"
    for bound in form:
        if bound.is_hidden:
            continue
        own = [attrs for attrs in controls if attrs.get("name") == bound.html_name]
        assert own, f"{bound.name} is not rendered"
        classes = [attrs.get("class", "").split() for attrs in own]
        assert all({"form-control", "form-select", "form-check-input"} & set(c) for c in classes), classes
        if bound.errors:
            assert all("is-invalid" in c for c in classes), f"{bound.name} has errors but no is-invalid"
            error_id = f"{bound.auto_id}_error"
            assert error_id in ids, f"{bound.name}: no {error_id}"
            assert any(
                attrs.get("id") == error_id and "invalid-feedback" in attrs.get("class", "").split()
                for _, attrs in elements
            )
        else:
            assert not any("is-invalid" in c for c in classes)


@pytest.mark.parametrize("bound", [False, True], ids=["blank", "with errors"])
def test_every_form_keeps_the_markup_contract(builders, bound):
    for name, build in builders.items():
        form = build({} if bound else None)
        if bound:
            form.is_valid()
        html = str(form)
        try:
            check_contract(form, html)
        except AssertionError as failure:
            raise AssertionError(f"{name}: {failure}\n{html}") from None


def test_user_text_follows_its_own_direction(builders):
    """Right-to-left text typed into a left-to-right page (and the reverse) shows the right way round."""
    html = str(builders["stakeholder"](None))
    text = {
        attrs["name"]: attrs
        for tag, attrs in parse(html)
        if tag in {"input", "textarea"} and attrs.get("type", "text") == "text"
    }
    assert text and all(attrs.get("dir") == "auto" for attrs in text.values()), text


def test_a_field_renders_alone_through_the_same_template(builders):
    form = builders["caseload filter"]({"attention": "maybe", "stage": "nowhere"})
    form.is_valid()
    html = form["stage"].as_field_group()
    assert '<div id="div_id_stage" class="mb-3">' in html
    assert 'class="form-select is-invalid"' in html and 'id="id_stage_error"' in html


@pytest.mark.parametrize("name", ["setback list filter", "contact list filter"])
def test_a_filter_bar_reads_a_value_that_does_not_fit_as_its_default(builders, name):
    """A list's filter bar is bound to the query string: a stale or garbled value is dropped, not
    shown as an error, and the bar shows what the list applied."""
    garbled = {
        "status": "nope",
        "crisis_type": "x",
        "relationship": "x",
        "sort": "drop table",
        "q": "a" * 101,
    }
    form = builders[name](garbled)
    assert form.is_valid(), form.errors
    html = str(form)
    assert "is-invalid" not in html and "invalid-feedback" not in html
    assert 'value="nope"' not in html and "drop table" not in html
    check_contract(form, html)
