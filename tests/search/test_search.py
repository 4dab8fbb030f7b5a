"""The person's search (issue 18): the navbar's box finds their own setbacks and network, in three
languages, grouped by kind, and never anyone else's."""

import pytest
from django.urls import reverse

from crisis_coach.incidents.services import incident_trash, incident_update
from crisis_coach.network.services import contact_update
from crisis_coach.search import selectors
from tests.factories import (
    make_assessment,
    make_commitment,
    make_community,
    make_contact,
    make_conversation,
    make_incident,
    make_interaction,
    make_note,
    make_reflection,
    make_stakeholder,
    make_step,
)

SEARCH = reverse("search:results")


def one_of_each(user, words: str) -> dict:
    """A row of every kind the search finds, each holding `words` in a field it searches."""
    incident = make_incident(user, title=f"Setback {words}", what_happened="Plain.")
    plain = make_incident(user, title="Plain", what_happened="Plain.")
    stakeholder = make_stakeholder(plain, name="Plain", what_they_said=f"They said {words}")
    contact = make_contact(user, name="Plain", notes=f"Met at {words}")
    plain_contact = make_contact(user, name="Other plain")
    return {
        "setbacks": incident,
        "stakeholders": stakeholder,
        "steps": make_step(plain, title="Plain", detail=f"Detail {words}"),
        "conversations": make_conversation(plain, stakeholder, acknowledge=f"I own {words}"),
        "reflections": make_reflection(plain, lessons=f"Lesson {words}"),
        "notes": make_note(plain, text=f"Note {words}"),
        "contacts": contact,
        "interactions": make_interaction(plain_contact, summary=f"Talked {words}"),
        "commitments": make_commitment(plain_contact, what=f"Promise {words}"),
        "communities": make_community(user, name="Plain", notes=f"Guild {words}"),
    }


def found(user, query: str) -> dict[str, set[int]]:
    return {
        group.kind.key: {row.pk for row in group.rows}
        for group in selectors.search_everything(user, query)
        if group.total
    }


# --- three languages ------------------------------------------------------------------------------

ROWS = {
    "arabic": ("أخطأت في الأسعار", "قال Ahmed إن الشركة على حق."),
    "english": ("Negotiating a raise", "Our team was restructured; Grace ran the new client meeting."),
    "chinese": ("ACME 報價", "忽略了新客戶的還盤信息"),
}

TABLE = [
    ("اخطات", {"arabic"}),
    ("أَخْطَأْتُ", {"arabic"}),
    ("الاسعار", {"arabic"}),
    ("الشركه", {"arabic"}),
    ("Ahmed أخطأت", {"arabic"}),
    ("negotiation", {"english"}),
    ("restructuring", {"english"}),
    ("GRACE", {"english"}),
    ('"new client"', {"english"}),
    ('"client new"', set()),
    ("還盤", {"chinese", "contact"}),  # two characters, under a trigram: inside a run, and a contact's notes
    ("新", {"chinese"}),
    ("還盤信息", {"chinese"}),
    ("ACME 還盤", {"chinese"}),
    ("ACME negotiation", set()),
]


@pytest.fixture
def written(client_user, stranger):
    rows = {}
    for key, (title, body) in ROWS.items():
        rows[key] = ("setbacks", make_incident(client_user, title=title, what_happened=body).pk)
        make_incident(stranger, title=title, what_happened=body)
    rows["contact"] = ("contacts", make_contact(client_user, name="Lin", notes="客戶還盤很慢").pk)
    make_contact(stranger, name="Lin", notes="客戶還盤很慢")
    return rows


@pytest.mark.parametrize(("query", "expected"), TABLE, ids=[query for query, _ in TABLE])
def test_the_search_finds_in_three_languages(written, client_user, query, expected):
    wanted: dict[str, set[int]] = {}
    for key in expected:
        kind, pk = written[key]
        wanted.setdefault(kind, set()).add(pk)
    assert found(client_user, query) == wanted


def test_the_page_marks_the_matched_words_as_written(written, logged_in):
    page = logged_in.get(SEARCH, {"q": "اخطات"}).content.decode()
    assert "<mark>أخطأت</mark> في الأسعار" in page
    page = logged_in.get(SEARCH, {"q": "還盤"}).content.decode()
    assert "忽略了新客戶的<mark>還盤</mark>信息" in page and "客戶<mark>還盤</mark>很慢" in page
    page = logged_in.get(SEARCH, {"q": "negotiation"}).content.decode()
    assert "<mark>Negotiating</mark> a raise" in page


# --- owner-scoped ---------------------------------------------------------------------------------


def test_a_stranger_holding_the_same_words_is_never_found(client_user, stranger):
    theirs = one_of_each(stranger, "Zebracorn 斑馬")
    assert found(client_user, "zebracorn") == {}
    assert found(client_user, "斑馬") == {}
    # The stranger's own search finds every kind: the words are there to be found.
    assert found(stranger, "zebracorn 斑馬") == {kind: {row.pk} for kind, row in theirs.items()}


def test_a_setback_in_the_trash_is_not_searched(client_user):
    rows = one_of_each(client_user, "Zebracorn")
    incident_trash(incident=rows["steps"].incident)
    assert set(found(client_user, "zebracorn")) == {
        "setbacks",
        "contacts",
        "interactions",
        "commitments",
        "communities",
    }


def test_an_edit_is_found_at_once_and_the_old_words_no_longer(client_user):
    incident = make_incident(client_user, title="Plain", what_happened="Zebracorn slipped.")
    contact = make_contact(client_user, name="Plain", notes="Met at Zebracorn")
    incident_update(incident=incident, expected_version=1, what_happened="Quagga slipped.")
    contact_update(contact=contact, expected_version=contact.version, notes="Met at the Quagga 斑馬 fair")
    assert found(client_user, "zebracorn") == {}
    assert found(client_user, "quagga 斑馬") == {"contacts": {contact.pk}}
    assert found(client_user, "quagga") == {"setbacks": {incident.pk}, "contacts": {contact.pk}}


def test_a_setback_is_found_by_its_assessment_and_the_words_of_both(client_user):
    incident = make_incident(client_user, title="Zebracorn missed", what_happened="Plain.")
    make_assessment(incident, root_cause="Quagga overload", prevention="A 斑馬 checklist")
    make_incident(client_user, title="Zebracorn again", what_happened="Plain.")
    assert found(client_user, "quagga") == {"setbacks": {incident.pk}}
    assert found(client_user, "斑馬 zebracorn") == {"setbacks": {incident.pk}}


def test_each_result_links_to_its_page(client_user, logged_in):
    rows = one_of_each(client_user, "Zebracorn")
    page = logged_in.get(SEARCH, {"q": "zebracorn"}).content.decode()
    plain = rows["steps"].incident
    assert reverse("incidents:detail", args=[rows["setbacks"].public_id]) in page
    assert reverse("incidents:confront", args=[plain.public_id]) in page
    assert reverse("incidents:resolve", args=[plain.public_id]) in page
    assert reverse("network:contact_detail", args=[rows["contacts"].public_id]) in page
    assert reverse("network:contact_detail", args=[rows["commitments"].contact.public_id]) in page
    assert reverse("network:community_detail", args=[rows["communities"].public_id]) in page
    assert page.count('data-testid="search-result"') == 10
    assert "Step · in “Plain”" in page


def test_a_name_finds_the_talks_and_touches_with_that_person(client_user, logged_in):
    incident = make_incident(client_user, title="Plain", what_happened="Plain.")
    grace = make_stakeholder(incident, name="Grace Ho")
    talk = make_conversation(incident, grace, acknowledge="I missed the counter-offer.")
    contact = make_contact(client_user, name="Grace Ho")
    touch = make_interaction(contact, summary="Coffee in March")
    promise = make_commitment(contact, what="Send the deck")
    assert found(client_user, "grace") == {
        "stakeholders": {grace.pk},
        "conversations": {talk.pk},
        "contacts": {contact.pk},
        "interactions": {touch.pk},
        "commitments": {promise.pk},
    }
    page = logged_in.get(SEARCH, {"q": "grace march"}).content.decode()
    assert "Touch with Grace Ho" in page and "Coffee in <mark>March</mark>" in page


# --- the page ---------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(db, client):
    response = client.get(SEARCH, {"q": "anything"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_an_empty_query_says_what_can_be_searched(logged_in):
    page = logged_in.get(SEARCH).content.decode()
    assert 'data-testid="search-help"' in page and "closing reflections" in page


def test_no_match_names_the_query_and_offers_it_without_each_word(client_user, logged_in):
    make_incident(client_user, title="Negotiating a raise")
    page = logged_in.get(SEARCH, {"q": 'raise "new client" zebracorn'}).content.decode()
    # A query with quotation marks of its own is shown as typed, not quoted again.
    assert "Nothing matches raise &quot;new client&quot; zebracorn." in page
    assert '?q=raise%20%22new%20client%22"' in page  # without zebracorn: finds the setback
    assert "?q=%22new%20client%22%20zebracorn" in page and "?q=raise%20zebracorn" in page


def test_one_word_without_a_match_offers_nothing_to_remove(logged_in):
    page = logged_in.get(SEARCH, {"q": "zebracorn"}).content.decode()
    assert "Nothing matches" in page and 'data-testid="search-suggestions"' not in page


BAD_INPUT = {
    "very-long": "x" * 100_000,
    "nul-at-the-end": "plan\x00",
    "nul-inside": "a\x00b",
    "a-quote": '"',
    "only-quotes": '""  "',
    "only-diacritics": "\u064e\u064f\u0651",
    "only-tatweel": "\u0640\u0640",
    "tsquery-syntax": "()&|!:*<>\\'",
    "like-wildcards": "%_",
}


@pytest.mark.parametrize("query", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_never_fails(client_user, logged_in, query):
    make_incident(client_user, title="Plan 100% done_now")
    response = logged_in.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert logged_in.get(SEARCH, {"q": query, "kind": "steps", "page": "x"}).status_code == 200


def test_control_characters_in_the_query_separate_words(client_user, logged_in):
    make_incident(client_user, title="Plan the talk", what_happened="Plain.")
    page = logged_in.get(SEARCH, {"q": "plan\x00talk\tthe"}).content.decode()
    assert "<mark>Plan</mark> <mark>the</mark> <mark>talk</mark>" in page


def test_like_wildcards_are_plain_letters(client_user):
    make_incident(client_user, title="Plan 100% done")
    make_incident(client_user, title="Other")
    assert len(found(client_user, "%")["setbacks"]) == 1
    assert found(client_user, "_") == {}


# --- query counts and pages -----------------------------------------------------------------------

# Session, user, coach profile (is_coach, cached), the savepoint pair (ATOMIC_REQUESTS inside a
# test), then one query per kind, its total counted in the same query.
OVERVIEW_QUERIES = 5 + len(selectors.KINDS)


@pytest.mark.parametrize("size", [1, 50])
def test_the_overview_costs_the_same_queries_however_much_matches(
    client_user, logged_in, django_assert_num_queries, size
):
    for _ in range(size):
        one_of_each(client_user, "Zebracorn")
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = logged_in.get(SEARCH, {"q": "zebracorn"})
    page = response.content.decode()
    assert page.count('data-testid="search-result"') == len(selectors.KINDS) * min(
        size, selectors.GROUP_SHOWN
    )
    assert (f"Show all {size}" in page) == (size > selectors.GROUP_SHOWN)


def test_show_all_lists_one_kind_page_by_page(client_user, logged_in):
    for number in range(45):
        make_contact(client_user, name=f"Zebracorn {number:02}")
    overview = logged_in.get(SEARCH, {"q": "zebracorn"}).content.decode()
    assert "?q=zebracorn&amp;kind=contacts" in overview and "Show all 45" in overview
    first = logged_in.get(SEARCH, {"q": "zebracorn", "kind": "contacts"}).content.decode()
    assert first.count('data-testid="search-result"') == 20 and "Page 1 of 3" in first
    last = logged_in.get(SEARCH, {"q": "zebracorn", "kind": "contacts", "page": 3}).content.decode()
    assert last.count('data-testid="search-result"') == 5


# The same five, then the page's count and its rows.
KIND_PAGE_QUERIES = 5 + 2


@pytest.mark.parametrize("size", [1, 50])
def test_a_kind_page_costs_the_same_queries_however_much_matches(
    client_user, logged_in, django_assert_num_queries, size
):
    incident = make_incident(client_user, title="Plain")
    for number in range(size):
        make_step(incident, title=f"Zebracorn {number:02}")
    with django_assert_num_queries(KIND_PAGE_QUERIES):
        response = logged_in.get(SEARCH, {"q": "zebracorn", "kind": "steps", "page": 2})
    shown = response.content.decode().count('data-testid="search-result"')
    assert shown == min(size, 20)  # page 2 of one result falls back to page 1


def test_an_unknown_kind_shows_every_kind(client_user, logged_in):
    make_contact(client_user, name="Zebracorn")
    page = logged_in.get(SEARCH, {"q": "zebracorn", "kind": "users"}).content.decode()
    assert 'data-testid="group-contacts"' in page and "Page 1" not in page


def test_what_a_person_typed_is_shown_as_text_never_as_markup(client_user, logged_in):
    incident = make_incident(client_user, title="<i>Zebracorn</i>", what_happened="<script>alert(1)</script>")
    make_stakeholder(incident, name="Grace", what_they_said='<img src=x onerror="alert(1)"> zebracorn')
    page = logged_in.get(SEARCH, {"q": "zebracorn"}).content.decode()
    assert page.count('data-testid="search-result"') == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<img" not in page and "<i>" not in page
    assert "&lt;i&gt;<mark>Zebracorn</mark>&lt;/i&gt;" in page


def test_the_best_match_comes_first_then_the_newest(client_user):
    body = make_incident(client_user, title="Quiet", what_happened="Zebracorn in the body.")
    title = make_incident(client_user, title="Zebracorn in the title", what_happened="Plain.")
    newer = make_incident(client_user, title="Quiet again", what_happened="Zebracorn again.")
    rows = selectors.search_everything(client_user, "zebracorn")[0].rows
    assert [row.pk for row in rows] == [title.pk, newer.pk, body.pk]
