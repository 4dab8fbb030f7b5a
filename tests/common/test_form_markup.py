"""Every form of every app, rendered the one way (FORM_RENDERER: templates/forms/form.html and
field.html), keeps the markup contract: each visible control has a label tied to it by for/id, a
field with errors marks its control `is-invalid` and shows the error in an `invalid-feedback` next
to it, and every id that aria-describedby names exists on the page."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import forms as auth_forms

from crisis_coach.accounts import forms as accounts_forms
from crisis_coach.coaching import forms as coaching_forms
from crisis_coach.incidents import forms as incident_forms
from crisis_coach.network import forms as network_forms
from crisis_coach.portability import forms as portability_forms
from crisis_coach.reminders import forms as reminder_forms
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


def form_builders(user, incident, stakeholder):
    today = incident.occurred_on
    return {
        "signup": lambda data: accounts_forms.SignUpForm(data),
        "login": lambda data: accounts_forms.LoginForm(data=data),
        "password reset": lambda data: accounts_forms.PasswordResetForm(data),
        "password reset confirm": lambda data: auth_forms.SetPasswordForm(user, data),
        "password change": lambda data: auth_forms.PasswordChangeForm(user, data),
        "settings": lambda data: accounts_forms.SettingsForm(data, instance=user),
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
        "contact list filter": lambda data: network_forms.ContactFilterForm(data),
        "contact": lambda data: network_forms.ContactForm(data),
        "interaction": lambda data: network_forms.InteractionForm(data, today=today),
        "important date": lambda data: network_forms.ImportantDateForm(data),
        "commitment": lambda data: network_forms.CommitmentForm(data),
        "community": lambda data: network_forms.CommunityForm(data),
        "participation": lambda data: network_forms.ParticipationForm(data, today=today),
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
