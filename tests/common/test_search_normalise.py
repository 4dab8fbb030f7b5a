"""cc_normalise, the database's folding of search text (crisis_coach/common/migrations/0002), and
the query parser of crisis_coach/common/search.py."""

import pytest
from django.db import connection

from crisis_coach.common.search import Term, parse

PAIRS = [
    # Arabic: hamza forms of alef, alef maqsura, taa marbuta, diacritics, tatweel.
    ("أخطأت", "اخطات"),
    ("إدارة", "اداره"),
    ("آخر", "اخر"),
    ("ٱلعمل", "العمل"),
    ("على", "علي"),
    ("مدرسة", "مدرسه"),
    ("أَخْطَأْتُ", "اخطات"),
    ("مُـــدِيـر", "مدير"),
    ("الأسعار", "الاسعار"),
    ("ٰ", ""),
    # Latin: upper case, no accents.
    ("Résumé", "RESUME"),
    ("naïve CAFÉ", "NAIVE CAFE"),
    ("Straße", "STRASSE"),
    ("negotiating", "NEGOTIATING"),
    # Chinese and numbers pass through.
    ("忽略了新客戶的還盤信息", "忽略了新客戶的還盤信息"),
    ("ACME 還盤 2026", "ACME 還盤 2026"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "normalised"), PAIRS)
def test_cc_normalise(text, normalised):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cc_normalise(%s)", [text])
        assert cursor.fetchone()[0] == normalised


@pytest.mark.django_db
def test_cc_normalise_is_immutable_so_an_index_may_use_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'cc_normalise'")
        assert cursor.fetchall() == [("i",)]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("", []),
        ("   ", []),
        ("ACME 還盤", [Term("ACME"), Term("還盤")]),
        ('"new client" offer', [Term("new client", phrase=True), Term("offer")]),
        ('"  new   client "', [Term("new client", phrase=True)]),
        ('"single"', [Term("single")]),
        ('"unclosed phrase', [Term("unclosed phrase", phrase=True)]),
        ('""', []),
        ("“new client” offer", [Term("new client", phrase=True), Term("offer")]),
        ("「新客戶 還盤」", [Term("新客戶 還盤", phrase=True)]),
        ("«أخطأت في الأسعار»", [Term("أخطأت في الأسعار", phrase=True)]),
        ("offer offer", [Term("offer")]),
        ("ـ َ offer", [Term("offer")]),
        (" ".join(f"w{n}" for n in range(20)), [Term(f"w{n}") for n in range(8)]),
    ],
)
def test_parse(query, terms):
    assert parse(query) == terms


@pytest.mark.parametrize(
    ("text", "short"), [("還盤", True), ("新", True), ("還盤信", False), ("أَخْ", True), ("abc", False)]
)
def test_a_term_under_three_letters_is_short(text, short):
    assert Term(text).short is short
