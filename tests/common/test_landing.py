"""The landing page: the product shown (a picture of a case), the three stages, the privacy promise,
and one call to action, in each language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def main_of(client, language) -> str:
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("language", ["en", "zh-hant", "ar"])
def test_the_landing_page_shows_a_case_the_stages_and_the_promise_in_each_language(client, language):
    main = main_of(client, language)
    with translation.override(language):
        expected = [
            translation.gettext("A client's counter-offer went unanswered"),  # the picture of a case
            translation.gettext("Next best action"),
            translation.gettext("Resolve"),
            translation.gettext("Yours, and private"),
        ]
    for text in expected:
        assert text in main, text
    assert language == "en" or "counter-offer" not in main


def test_it_has_one_call_to_action_and_nothing_clickable_in_the_picture(client):
    main = main_of(client, "en")
    assert re.findall(r'href="([^"]+)"', main) == [reverse("account_signup")]
    assert "<button" not in main and "<input" not in main
