"""Text a person typed in quotation marks is quoted once, in every language's style."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from crisis_coach.common.quotes import quoted, unquoted
from tests.factories import make_incident, make_stakeholder, make_step, make_user


@pytest.mark.parametrize(
    "typed",
    ['"I am disappointed."', "“I am disappointed.”", "「I am disappointed.」", "«I am disappointed.»",
     "„I am disappointed.“", "'I am disappointed.'", "  “I am disappointed.”  ", "»I am disappointed.«"],
)  # fmt: skip
def test_a_pair_around_the_whole_text_is_taken_off(typed):
    assert unquoted(typed) == "I am disappointed."


@pytest.mark.parametrize(
    "typed",
    ['"Yes" and "no"', "“It is a pity.” She said nothing more.", 'He said "fine".', "It's fine", "“”", ""],
)
def test_text_with_its_own_inner_quoting_is_left_as_typed(typed):
    assert unquoted(typed) == typed


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "“I am disappointed.”"), ("zh-hant", "「I am disappointed.」"), ("ar", "«I am disappointed.»")],
)
@pytest.mark.parametrize("typed", ["I am disappointed.", '"I am disappointed."', "「I am disappointed.」"])
def test_quoted_uses_the_readers_marks_once(language, expected, typed):
    with translation.override(language):
        assert quoted(typed) == expected


def test_quoted_shows_text_with_its_own_quoting_as_typed():
    typed = "“It is a pity.” She said nothing more."
    for language in ("en", "zh-hant", "ar"):
        with translation.override(language):
            assert quoted(typed) == typed


@pytest.mark.parametrize(
    ("language", "once", "twice"),
    [("en", "“I am disappointed.”", "“\"I am"), ("zh-hant", "「I am disappointed.」", "「\"I am"),
     ("ar", "«I am disappointed.»", "«\"I am")],
)  # fmt: skip
def test_a_stakeholders_quoted_words_are_quoted_once(db, client, language, once, twice):
    owner = make_user(language=language)
    incident = make_incident(owner)
    make_stakeholder(incident, what_they_said='"I am disappointed."')
    client.force_login(owner)
    page = unescape(client.get(reverse("incidents:assess", args=[incident.public_id])).content.decode())
    assert once in page and twice not in page


@pytest.mark.parametrize(("language", "marks"), [("en", "“”"), ("zh-hant", "「」"), ("ar", "«»")])
def test_a_quoted_title_is_not_quoted_again_in_composed_sentences(db, client, language, marks):
    owner = make_user(language=language)
    incident = make_incident(owner)
    make_step(incident, title='"Send the figures"')
    client.force_login(owner)
    page = unescape(client.get(reverse("incidents:resolve", args=[incident.public_id])).content.decode())
    assert f"{marks[0]}Send the figures{marks[1]}" in page  # "Mark … as done", for screen readers
    assert f'{marks[0]}"Send' not in page
