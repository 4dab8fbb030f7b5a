"""The search results' highlighter: the words the database matched, marked in the text as written."""

import pytest

from crisis_coach.common.search import parse
from crisis_coach.search.highlight import fold, highlight, snippet

TABLE = [
    # Arabic: without hamza, with diacritics, taa marbuta, alef maqsura; the original letters stay.
    ("أخطأت في الأسعار", "اخطات", "<mark>أخطأت</mark> في الأسعار"),
    ("أخطأت في الأسعار", "أَخْطَأْتُ", "<mark>أخطأت</mark> في الأسعار"),
    ("أَخْطَأْتُ في الأسعار", "اخطات", "<mark>أَخْطَأْتُ</mark> في الأسعار"),
    ("أخطأت في الأسعار", "الاسعار", "أخطأت في <mark>الأسعار</mark>"),
    ("الشركة على حق", "الشركه علي", "<mark>الشركة</mark> <mark>على</mark> حق"),
    ("مـــدير", "مدير", "<mark>مـــدير</mark>"),
    # Chinese: a substring inside a run without spaces.
    ("忽略了新客戶的還盤信息", "還盤", "忽略了新客戶的<mark>還盤</mark>信息"),
    ("ACME 報價還盤", "acme 還盤", "<mark>ACME</mark> 報價<mark>還盤</mark>"),
    # English: any case and accent; a stem the database matched marks the word sharing its start.
    ("Negotiating a raise", "negotiation", "<mark>Negotiating</mark> a raise"),
    ("Our team was restructured.", "restructuring", "Our team was <mark>restructured</mark>."),
    ("I sent my résumé", "RESUME", "I sent my <mark>résumé</mark>"),
    ("Straße", "strasse", "<mark>Straße</mark>"),
    ("the new client", '"new client"', "the <mark>new client</mark>"),
    ("Nothing here", "absent", "Nothing here"),
]


@pytest.mark.parametrize(("text", "query", "expected"), TABLE, ids=[query for _, query, _ in TABLE])
def test_the_matched_words_are_marked(text, query, expected):
    assert highlight(text, parse(query)) == expected


def test_html_in_the_text_is_escaped_and_never_markup():
    marked = highlight('<script>alert("x")</script> <b>bold</b> plan', parse("plan script"))
    assert "<script>" not in marked and "<b>" not in marked
    assert marked == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; "
        "&lt;b&gt;bold&lt;/b&gt; <mark>plan</mark>"
    )


def test_a_term_that_is_markup_marks_the_escaped_text():
    assert highlight("a <b> c", parse("<b>")) == "a <mark>&lt;b&gt;</mark> c"


def test_fold_maps_every_folded_letter_back_to_its_original():
    folded, origin = fold("Éa أَ ß")
    assert folded == "ea ا ss"
    assert origin == [0, 1, 2, 3, 5, 6, 6]


def test_a_snippet_is_cut_around_the_first_match():
    text = "word " * 100 + "the negotiation went well " + "more " * 100
    cut = snippet(text, parse("negotiation"))
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>negotiation</mark>" in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) <= 162


def test_a_snippet_without_a_match_shows_the_start():
    assert snippet("Short and plain.", parse("other")) == "Short and plain."
    assert snippet("a " * 200, parse("other")).startswith("a a")
