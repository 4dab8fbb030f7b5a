"""The caseload dashboard: what it lists, the needs-attention flag, filters, sorting, search, figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crisis_coach.coaching import selectors
from crisis_coach.coaching.services import link_end
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import Incident, Stage, TimelineEvent
from tests.coaching.conftest import link, shared_incident
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = pytest.mark.dates

HIGH = {"harm_business": 4, "reversibility": "hard", "urgency": "medium"}  # score 7: high
LOW = {"harm_reputation": 1, "harm_relationship": 1, "harm_business": 1, "harm_career": 1, "urgency": "low"}


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - timedelta(days=n)


def make_quiet(incident, days):
    """Nothing happened on the case for `days` days."""
    then = timezone.now() - timedelta(days=days)
    Incident.objects.filter(pk=incident.pk).update(updated_at=then)
    TimelineEvent.objects.filter(incident=incident).update(at=then)
    # As the services would have stored it back then (only the summary: the stage may be forced too).
    case_summary_refresh(Incident.objects.filter(pk=incident.pk))


def flags(coach):
    return {case.title: case.needs_attention for case in selectors.caseload(coach)}


class TestWhatTheCaseloadLists:
    def test_only_shared_live_cases_of_actively_linked_clients(self, coach, other_coach, linked_client):
        shared_incident(linked_client, title="Shared")
        make_incident(linked_client, title="Private")
        trashed = shared_incident(linked_client, title="Trashed")
        Incident.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())
        former = make_user()
        former_link = link(former, coach)
        shared_incident(former, title="Former client")
        link_end(link=former_link, ended_by=coach)
        someone = make_user()
        link(someone, other_coach)
        shared_incident(someone, title="Other coach's client")

        assert [case.title for case in selectors.caseload(coach)] == ["Shared"]


class TestNeedsAttention:
    def test_high_risk_without_a_held_conversation_after_three_days(self, coach, linked_client):
        late = shared_incident(linked_client, title="late", occurred_on=days_ago(4))
        make_assessment(late, **HIGH)
        early = shared_incident(linked_client, title="early", occurred_on=days_ago(2))
        make_assessment(early, **HIGH)
        faced = shared_incident(linked_client, title="faced", occurred_on=days_ago(10))
        make_assessment(faced, **HIGH)
        make_conversation(faced, make_stakeholder(faced), held_at=timezone.now())
        mild = shared_incident(linked_client, title="mild", occurred_on=days_ago(10))
        make_assessment(mild, **LOW)

        assert flags(coach) == {"late": True, "early": False, "faced": False, "mild": False}

    def test_critical_risk_counts_like_high(self, coach, linked_client):
        case = shared_incident(linked_client, title="critical", occurred_on=days_ago(5))
        make_assessment(case, harm_career=5, reversibility="irreversible")
        assert flags(coach) == {"critical": True}

    def test_overdue_step(self, coach, linked_client):
        overdue = shared_incident(linked_client, title="overdue")
        make_step(overdue, due_on=days_ago(1))
        on_time = shared_incident(linked_client, title="on time")
        make_step(on_time, due_on=today())
        done = shared_incident(linked_client, title="done late")
        make_step(done, due_on=days_ago(3), status="done")
        proposal = shared_incident(linked_client, title="proposal")
        make_step(proposal, due_on=days_ago(3), proposal_state="pending", proposed_by=coach)

        assert flags(coach) == {"overdue": True, "on time": False, "done late": False, "proposal": False}
        assert {c.title: c.overdue_count for c in selectors.caseload(coach)}["overdue"] == 1

    def test_no_activity_for_fourteen_days(self, coach, linked_client):
        make_quiet(shared_incident(linked_client, title="quiet"), days=15)
        make_quiet(shared_incident(linked_client, title="recent"), days=13)
        assert flags(coach) == {"quiet": True, "recent": False}

    def test_a_coach_comment_is_not_client_activity_but_a_reply_is(self, coach, linked_client):
        from crisis_coach.coaching.services import coach_comment_add, comment_reply_add

        commented = shared_incident(linked_client, title="commented")
        replied = shared_incident(linked_client, title="replied")
        make_quiet(commented, days=20)
        make_quiet(replied, days=20)
        coach_comment_add(coach=coach, incident=commented, body="Any news?")
        comment = coach_comment_add(coach=coach, incident=replied, body="Any news?")
        comment_reply_add(author=linked_client, comment=comment, body="Yes!")
        assert flags(coach) == {"commented": True, "replied": False}

    def test_closed_cases_never_need_attention(self, coach, linked_client):
        closed = shared_incident(linked_client, title="closed", occurred_on=days_ago(30))
        make_step(closed, due_on=days_ago(5))
        Incident.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED, resolution_days=12)
        make_quiet(closed, days=30)
        assert flags(coach) == {"closed": False}


class TestFiltersAndSorting:
    @pytest.fixture
    def cases(self, coach, linked_client):
        high = shared_incident(linked_client, title="High one", occurred_on=days_ago(9))
        make_assessment(high, **HIGH)
        low = shared_incident(linked_client, title="Low one", occurred_on=days_ago(1))
        make_assessment(low, **LOW)
        Incident.objects.filter(pk=low.pk).update(stage=Stage.CONFRONT)
        shared_incident(linked_client, title="Unassessed", occurred_on=days_ago(5))

    def titles(self, coach, **filters):
        return [case.title for case in selectors.filtered_caseload(coach, **filters)]

    def test_filter_by_stage_risk_and_attention(self, coach, cases):
        assert self.titles(coach, stage="confront") == ["Low one"]
        assert self.titles(coach, risk="high") == ["High one"]
        assert self.titles(coach, risk="none") == ["Unassessed"]
        assert self.titles(coach, attention=True) == ["High one"]

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("days", ["Low one", "Unassessed", "High one"]),
            ("-days", ["High one", "Unassessed", "Low one"]),
            ("-risk", ["High one", "Low one", "Unassessed"]),
            ("title", ["High one", "Low one", "Unassessed"]),
            ("-stage", ["Low one", "Unassessed", "High one"]),  # ties: most recent first
            ("-attention", ["High one", "Low one", "Unassessed"]),
        ],
    )
    def test_sort_by_column(self, coach, cases, sort, expected):
        assert self.titles(coach, sort=sort) == expected

    def test_unknown_sort_key_falls_back_to_attention_first(self, coach, cases):
        assert self.titles(coach, sort="owner__password")[0] == "High one"

    def test_dashboard_page_filters_and_sorts_from_the_query_string(self, coach_client, cases):
        html = coach_client.get("/coach/?risk=high&sort=-days&stage=&q=").content.decode()
        assert "High one" in html and "Low one" not in html
        assert coach_client.get("/coach/?sort=nonsense&stage=nonsense&page=99").status_code == 200


class TestSearch:
    def search(self, coach, text):
        return [case.title for case in selectors.filtered_caseload(coach, q=text)]

    def test_finds_words_in_title_story_stakeholder_notes_and_step_titles(self, coach, linked_client):
        shared_incident(linked_client, title="Missed counter-offer", what_happened="The busy season hit.")
        noted = shared_incident(linked_client, title="Noted", what_happened="x")
        make_stakeholder(noted, what_they_said="She mentioned a restructuring plan.")
        stepped = shared_incident(linked_client, title="Stepped", what_happened="x")
        make_step(stepped, title="Enrol in negotiation training")

        assert self.search(coach, "busy season") == ["Missed counter-offer"]
        assert self.search(coach, "restructuring") == ["Noted"]
        assert self.search(coach, "negotiation") == ["Stepped"]
        assert self.search(coach, "nothing-like-this") == []

    def test_finds_a_chinese_substring(self, coach, linked_client):
        shared_incident(
            linked_client, title="忽略了新客戶的還價", what_happened="旺季時忙不過來，客戶轉向了競爭對手。"
        )
        shared_incident(linked_client, title="Other", what_happened="Nothing in Chinese")
        assert self.search(coach, "還價") == ["忽略了新客戶的還價"]
        assert self.search(coach, "競爭對手") == ["忽略了新客戶的還價"]

    def test_finds_an_arabic_word(self, coach, linked_client):
        shared_incident(linked_client, title="خطأ في العمل", what_happened="نسيت الرد على عرض العميل الجديد")
        shared_incident(linked_client, title="Other", what_happened="Nothing in Arabic")
        assert self.search(coach, "العميل") == ["خطأ في العمل"]
        assert self.search(coach, "عرض العميل") == ["خطأ في العمل"]

    def test_finds_cases_by_the_clients_name(self, coach, linked_client):
        shared_incident(linked_client, title="Theirs", what_happened="x")
        first_name = linked_client.display_name.split()[0]
        assert self.search(coach, first_name.lower()) == ["Theirs"]

    def test_search_never_reaches_cases_without_consent(self, coach, linked_client):
        make_incident(linked_client, title="Private counter-offer")
        assert self.search(coach, "counter-offer") == []


def test_summary_figures(coach, linked_client):
    second = make_user()
    link(second, coach)
    urgent = shared_incident(linked_client, title="urgent", occurred_on=days_ago(6))
    make_assessment(urgent, **HIGH)
    shared_incident(second, title="calm")
    for days in (4, 10, 30):
        closed = shared_incident(second, title=f"closed {days}")
        Incident.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED, resolution_days=days)

    summary = selectors.caseload_summary(coach)

    assert summary.active_clients == 2
    assert summary.open_cases == 2
    assert summary.needing_attention == 1
    assert summary.median_days_to_resolution == 10


def test_summary_of_an_empty_caseload(coach):
    summary = selectors.caseload_summary(coach)
    assert (summary.active_clients, summary.open_cases, summary.needing_attention) == (0, 0, 0)
    assert summary.median_days_to_resolution is None


class TestPages:
    """The table is paged 25 at a time; the count comes with the page's rows (caseload_page)."""

    @pytest.fixture
    def thirty_cases(self, coach, linked_client):
        for number in range(30):
            shared_incident(linked_client, title=f"Case {number:02d}", occurred_on=days_ago(number + 1))

    def rows(self, coach_client, query):
        response = coach_client.get(f"/coach/{query}")
        return [case.title for case in response.context["page"].object_list], response.content.decode()

    def test_the_first_page_shows_25_newest_first_and_says_how_many_pages(self, coach_client, thirty_cases):
        titles, html = self.rows(coach_client, "?sort=-days")
        assert titles == [f"Case {n:02d}" for n in range(29, 4, -1)]
        assert "Page 1 of 2" in html

    def test_the_second_page_shows_the_rest(self, coach_client, thirty_cases):
        titles, html = self.rows(coach_client, "?sort=-days&page=2")
        assert titles == [f"Case {n:02d}" for n in range(4, -1, -1)] and "Page 2 of 2" in html

    @pytest.mark.parametrize(
        "page", ["99", "1" + "0" * 20, "abc", "0"], ids=["past the end", "huge", "not a number", "zero"]
    )
    def test_a_page_number_out_of_range_shows_a_real_page(self, coach_client, thirty_cases, page):
        titles, html = self.rows(coach_client, f"?sort=-days&page={page}")
        expected_last = page not in ("abc", "0")
        assert len(titles) == (5 if expected_last else 25)
        assert ("Page 2 of 2" if expected_last else "Page 1 of 2") in html

    def test_a_search_counts_only_what_it_finds(self, coach_client, thirty_cases):
        titles, html = self.rows(coach_client, "?q=Case+07&page=5")
        assert titles == ["Case 07"] and "Page 1 of" not in html

    def test_no_match_on_a_later_page_is_an_empty_table(self, coach_client, thirty_cases):
        titles, html = self.rows(coach_client, "?q=nothing-like-this&page=3")
        assert titles == [] and "No shared case matches." in html
