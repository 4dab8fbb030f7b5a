"""Long text has a stated maximum, and every form fits the request limit at that maximum.

A textarea says how much it takes ("Up to 20,000 characters."), the browser stops there
(`maxlength`), and the server refuses more with an error next to the field that keeps the text.
settings.DATA_UPLOAD_MAX_MEMORY_SIZE holds the biggest form with every text at its maximum in the
characters that cost the most once URL-encoded, so no text within the maxima meets Django's bare
"Bad Request (400)": Chinese, Arabic and emoji are tried at the maximum and one past it.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from crisis_coach import limits
from crisis_coach.incidents.models import Conversation, Incident
from tests.factories import make_incident, make_stakeholder
from tests.security.test_fuzz_forms import FORMS, build_world

pytestmark = pytest.mark.django_db

MAX = limits.LONG_TEXT_MAX
# One character of each script, and what it costs URL-encoded: Arabic 2 UTF-8 bytes, Chinese 3, emoji 4.
SCRIPTS = {"chinese": ("危", 9), "arabic": ("ع", 6), "emoji": ("😀", 12)}


class FormSizes(HTMLParser):
    """Per POST form on a page: its textareas (name → maxlength or None) and every other field."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict] = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = self.forms.setdefault(attrs.get("action") or "", {"textareas": {}, "inputs": {}})
        elif self.current is not None and attrs.get("name") and tag in ("textarea", "input", "select"):
            kind = "textareas" if tag == "textarea" else "inputs"
            self.current[kind][attrs["name"]] = (attrs.get("type", tag), attrs.get("maxlength"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def worst_case_body(form: dict) -> int:
    """The URL-encoded body of this form with every text at its maximum in 4-byte characters."""
    size = 0
    for name, (_kind, maxlength) in {**form["textareas"], **form["inputs"]}.items():
        value = int(maxlength) * limits.URL_ENCODED_BYTES_PER_CHARACTER if maxlength else 200
        size += len(name) + 2 + value  # name=value&
    return size


@pytest.mark.parametrize("name", FORMS)
def test_every_textarea_states_its_maximum_and_the_form_fits_the_request_limit(db, name):
    world = build_world()
    who, page, action = FORMS[name]
    browser = Client()
    if who:
        browser.force_login(world[who])
    page_path = page(world)
    html = browser.get(page_path).content.decode()
    parser = FormSizes()
    parser.feed(html)
    form = parser.forms.get(action(world) if action else page_path) or parser.forms.get("")
    assert form is not None, f"{name}: no form on {page_path}"
    for field, (_kind, maxlength) in form["textareas"].items():
        assert maxlength, f"{name}: the textarea {field!r} has no maxlength"
    assert worst_case_body(form) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE, name
    assert len(form["textareas"]) <= limits.MOST_LONG_TEXTS_IN_ONE_FORM or all(
        int(maxlength) < MAX for _kind, maxlength in form["textareas"].values()
    ), f"{name}: more long texts than crisis_coach/limits.py allows for"


def test_the_request_limit_is_the_biggest_form_at_its_worst():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == (
        limits.MOST_LONG_TEXTS_IN_ONE_FORM * MAX * limits.URL_ENCODED_BYTES_PER_CHARACTER
        + limits.OTHER_FIELDS_BYTES
    )


def test_the_maximum_is_stated_next_to_the_field(logged_in):
    page = logged_in.get(reverse("incidents:create")).content.decode()
    assert f'maxlength="{MAX}"' in page
    assert "Up to 20,000 characters." in page


def test_the_maximum_is_stated_in_chinese_and_arabic(client, client_user):
    client.force_login(client_user)
    for language, hint in (("zh-hant", "最多 {} 個字元。"), ("ar", "حتى {} حرف.")):
        client_user.language = language
        client_user.save()
        with translation.override(language):
            count = number_format(MAX, force_grouping=True)  # the language's own digit grouping
        page = client.get(reverse("incidents:create")).content.decode()
        assert hint.format(count) in page, language


def new_setback(what_happened: str) -> dict:
    return {
        "title": "A long story",
        "what_happened": what_happened,
        "occurred_on": "2026-11-20",
        "crisis_type": "work_mistake",
        "severity": "3",
    }


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_narrative_at_the_maximum_is_saved_in_any_script(logged_in, client_user, script):
    character, encoded_bytes = SCRIPTS[script]
    text = character * MAX
    assert len(urlencode({"what_happened": text})) >= MAX * encoded_bytes
    response = logged_in.post(reverse("incidents:create"), new_setback(text))
    assert response.status_code == 302
    assert Incident.objects.get(owner=client_user).what_happened == text


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_narrative_over_the_maximum_gets_a_field_error_and_keeps_the_text(logged_in, script):
    text = SCRIPTS[script][0] * (MAX + 1)
    response = logged_in.post(reverse("incidents:create"), new_setback(text))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["what_happened"]
    assert error == "Ensure this value has at most 20000 characters (it has 20001)."
    assert text in response.content.decode()  # still in the textarea, to shorten
    assert not Incident.objects.exists()


def plan(incident, stakeholder, text: str) -> dict:
    return {
        "stakeholder": str(stakeholder.pk),
        "planned_for": "2026-12-01T10:00",
        **dict.fromkeys(["acknowledge", "cause", "amends", "ask"], text),
    }


def test_the_biggest_form_at_the_maximum_in_emoji_is_saved(logged_in, client_user):
    incident = make_incident(client_user)
    stakeholder = make_stakeholder(incident)
    response = logged_in.post(
        reverse("incidents:conversation_plan", args=[incident.public_id]),
        plan(incident, stakeholder, "😀" * MAX),
    )
    assert response.status_code == 302
    assert Conversation.objects.get().ask == "😀" * MAX


def test_the_biggest_form_over_the_maximum_in_emoji_gets_field_errors_not_a_bare_400(logged_in, client_user):
    incident = make_incident(client_user)
    stakeholder = make_stakeholder(incident)
    response = logged_in.post(
        reverse("incidents:conversation_plan", args=[incident.public_id]),
        plan(incident, stakeholder, "😀" * (MAX + 1)),
    )
    assert response.status_code == 200
    assert set(response.context["plan_form"].errors) == {"acknowledge", "cause", "amends", "ask"}
    assert not Conversation.objects.exists()


def test_a_line_break_counts_once_as_the_browser_counts_it(logged_in, client_user):
    # The browser's maxlength counts "\n" once and sends "\r\n": text it let through is not refused.
    text = "\r\n".join(["危" * 99] * (MAX // 100)) + "危"
    assert len(text) > MAX and len(text.replace("\r\n", "\n")) == MAX
    response = logged_in.post(reverse("incidents:create"), new_setback(text))
    assert response.status_code == 302
    assert Incident.objects.get().what_happened.replace("\r\n", "\n") == text.replace("\r\n", "\n")
