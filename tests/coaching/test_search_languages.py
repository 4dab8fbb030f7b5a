"""The coach's caseload search in the three languages (issue 18): query → the cases it finds.

Every case of the table exists three times: shared with the coach, unshared by the same client,
and shared by a stranger who never linked the coach. Only the first may ever be found."""

import pytest

from crisis_coach.coaching import selectors
from crisis_coach.common import search
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_step, make_user
from tests.plans import plan_without_seqscan

CASES = {
    "arabic": ("أخطأت في الأسعار", "قال Ahmed إن الشركة على حق."),
    "english": ("Negotiating a raise", "Our team was restructured; Grace ran the new client meeting."),
    "english_2": ("Client feedback", "The client was new to us. I sent my résumé."),
    "chinese": ("ACME 報價", "忽略了新客戶的還盤信息"),
}

TABLE = [
    # Arabic: no hamza, diacritics, taa marbuta, alef maqsura, a stem.
    ("اخطات", {"arabic"}),
    ("أَخْطَأْتُ", {"arabic"}),
    ("الاسعار", {"arabic"}),
    ("الأسعار", {"arabic"}),
    ("أسعار", {"arabic"}),
    ("الشركه", {"arabic"}),
    ("علي", {"arabic"}),
    # English: stems, any case, accents ignored.
    ("negotiation", {"english"}),
    ("NEGOTIATING", {"english"}),
    ("restructuring", {"english"}),
    ("resume", {"english_2"}),
    ("RÉSUMÉ", {"english_2"}),
    ("grace", {"english"}),
    # Chinese: a substring of a run without spaces, of two, one and four characters.
    ("還盤", {"chinese"}),
    ("客戶", {"chinese"}),
    ("新", {"chinese"}),
    ("還盤信息", {"chinese"}),
    # Mixed queries need every word.
    ("ACME 還盤", {"chinese"}),
    ("acme 還盤", {"chinese"}),
    ("Ahmed أخطأت", {"arabic"}),
    ("Ahmed restructured", set()),
    ("ACME negotiation", set()),
    # A quoted phrase matches the phrase, loose words anywhere.
    ('"new client"', {"english"}),
    ("new client", {"english", "english_2"}),
    ('"client new"', set()),
    ('"還盤信息"', {"chinese"}),
    ("nothing-like-this", set()),
]


@pytest.fixture
def cases(client_user, coach):
    link(client_user, coach)
    stranger = make_user(display_name="Sid Stranger")
    found = {}
    for key, (title, body) in CASES.items():
        found[key] = shared_incident(client_user, title=title, what_happened=body).pk
        make_incident(client_user, title=title, what_happened=body)  # not shared
        shared_incident(stranger, title=title, what_happened=body)  # shared, but not with this coach
    return found


@pytest.mark.parametrize(("query", "expected"), TABLE, ids=[query for query, _ in TABLE])
def test_the_coach_search_finds(cases, coach, query, expected):
    found = set(selectors.filtered_caseload(coach, q=query).values_list("pk", flat=True))
    assert found == {cases[key] for key in expected}


def test_a_step_title_is_searched_and_the_client_name_too(client_user, coach):
    link(client_user, coach)
    incident = shared_incident(client_user, title="Quiet week", what_happened="Nothing.")
    make_step(incident, title="Rehearse the negotiation")
    other = shared_incident(client_user, title="Other", what_happened="Nothing.")

    def found(query):
        return set(selectors.filtered_caseload(coach, q=query).values_list("pk", flat=True))

    assert found("negotiating") == {incident.pk}
    assert found("Alex negotiating") == {incident.pk}
    assert found("Alex") == {incident.pk, other.pk}


def test_a_title_match_ranks_above_a_body_match(client_user, coach):
    link(client_user, coach)
    in_body = shared_incident(client_user, title="Monday", what_happened="Harbor project slipped.")
    in_title = shared_incident(client_user, title="Harbor project", what_happened="It slipped.")
    # The dashboard has a sort of its own; a page without one orders by search.rank.
    terms = search.parse("harbor")
    cases = selectors.search_cases(selectors.shared_cases(coach), "harbor")
    ranked = cases.annotate(rank=search.rank(terms, vector="search_vector")).order_by("-rank")
    assert list(ranked.values_list("pk", flat=True)) == [in_title.pk, in_body.pk]


@pytest.mark.parametrize(
    ("query", "indexes"),
    [
        ("أَخْطَأْتُ", {"incident_search_vector", "incident_search_trgm"}),
        ("negotiation", {"incident_search_vector", "incident_search_trgm"}),
        ('"new client"', {"incident_search_vector", "incident_search_trgm"}),
        ("ACME 還盤信息", {"incident_search_vector", "incident_search_trgm"}),
    ],
)
def test_the_indexes_serve_every_language(cases, coach, query, indexes):
    plan = plan_without_seqscan(selectors.filtered_caseload(coach, q=query))
    assert {index for index in indexes if index in plan} == indexes
    # cc_normalise of the query's words is folded to a constant before an index is chosen.
    assert "cc_normalise" not in plan


def test_a_short_query_scans_only_the_coach_cases(cases, coach):
    plan = plan_without_seqscan(selectors.filtered_caseload(coach, q="還盤"))
    assert "incident_search_trgm" not in plan
    assert "strpos" in plan


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("en", "Cases with every word; put a phrase in “quotes”."),
        ("zh-hant", "含有每個字詞的個案；整句片語請加上「引號」。"),
        # Addressed without choosing, as a coach who has not chosen is (common/addressing.py).
        ("ar", "الحالات التي تحوي كل الكلمات؛ ويمكن وضع العبارة بين «علامتي تنصيص»."),
    ],
)
def test_the_search_box_says_how_it_matches(coach, coach_client, language, hint):
    coach.language = language
    coach.save()
    assert hint in coach_client.get("/coach/?q=%22new+client%22").content.decode()
