"""Arabic speaks to a woman as a woman and to a man as a man: she chooses on her settings page, and
no page of her plan shows her a masculine form; he chooses, and none shows him a feminine one."""

import re

import pytest
from playwright.sync_api import expect

from crisis_coach.common.addressing import FEMININE_CONTEXT
from tests.e2e.pages import log_in
from tests.factories import (
    make_assessment,
    make_contact,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)
from tests.i18n.test_addressing import SEPARATOR, arabic, listed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def forms_by_reader() -> dict[str, list[re.Pattern]]:
    """For a woman, the masculine forms she must not see; for a man, the feminine ones. Only where
    the two differ, each a whole phrase (a placeholder stands for any text)."""
    catalogue = arabic()
    patterns = {"feminine": [], "masculine": []}
    for msgid in listed():
        masculine, feminine = catalogue.get(msgid), catalogue.get(FEMININE_CONTEXT + SEPARATOR + msgid)
        if not masculine or not feminine or masculine == feminine:
            continue  # a plural's forms are keyed by number; its singular forms are checked above
        for reader, shown_wrongly in (("feminine", masculine), ("masculine", feminine)):
            parts = re.split(r"%\(\w+\)[sd]|<[^>]+>", shown_wrongly)
            phrase = r".+?".join(re.escape(part) for part in parts)
            patterns[reader].append(re.compile(rf"(?<![\w\u064b-\u0652]){phrase}(?![\w\u064b-\u0652])"))
    return patterns


def wrong_forms_on(page, paths, patterns) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(path)
        text = page.locator("body").inner_text()
        if wrong := [match.group(0) for pattern in patterns if (match := pattern.search(text))]:
            found[path] = wrong
    return found


def choose_address(page, label: str) -> None:
    page.goto("/accounts/settings/")
    page.get_by_label(label, exact=True).check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_she_is_addressed_as_a_woman_and_he_as_a_man(page):
    person = make_user(email="rana@example.test", display_name="Rana", language="ar")
    incident = make_incident(person, title="Lee & Co counter-offer", what_happened="It slipped.")
    grace = make_stakeholder(incident, name="Grace Lin")
    make_assessment(incident, root_cause="No tracker")
    make_conversation(incident, grace)
    make_step(incident)
    make_contact(person, organisation="Acme")
    pid = incident.public_id
    paths = ["/", "/today/", "/incidents/", f"/incidents/{pid}/", f"/incidents/{pid}/assess/",
             f"/incidents/{pid}/confront/", f"/incidents/{pid}/resolve/", "/incidents/new/", "/network/",
             "/network/keep-in-touch/", "/network/contacts/new/", "/coaching/", "/insights/",
             f"/incidents/{pid}/evidence/", f"/incidents/{pid}/thoughts/add/", "/radar/",
             "/wellbeing/check-ins/", "/accounts/settings/"]  # fmt: skip
    patterns = forms_by_reader()
    assert len(patterns["feminine"]) > 100

    log_in(page, person)
    choose_address(page, "بصيغة المؤنث")
    page.goto("/network/contacts/new/")
    expect(page.locator("h1")).to_have_text(arabic()[FEMININE_CONTEXT + SEPARATOR + "Add a contact"])
    assert wrong_forms_on(page, paths, patterns["feminine"]) == {}

    choose_address(page, "بصيغة المذكر")
    page.goto("/network/contacts/new/")
    expect(page.locator("h1")).to_have_text(arabic()["Add a contact"])
    assert wrong_forms_on(page, paths, patterns["masculine"]) == {}


def test_the_check_finds_a_masculine_form_shown_to_a_woman():
    masculine = arabic()["Add a contact"]
    assert any(pattern.search(f"… {masculine} …") for pattern in forms_by_reader()["feminine"])
    feminine = arabic()[FEMININE_CONTEXT + SEPARATOR + "Add a contact"]
    assert not any(pattern.search(f"… {feminine} …") for pattern in forms_by_reader()["feminine"])
