"""Ratings: once per closed shared case, named or anonymous. Anonymous ratings reach the coach only
folded in threes into rows that name no one; pending ones never count or show."""

import pytest
from django.urls import reverse

from crisis_coach.accounts.services import account_delete
from crisis_coach.coaching.feedback import selectors, services
from crisis_coach.coaching.models import CoachingRating, RatedCase
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_reflection, make_step, make_user

pytestmark = pytest.mark.django_db

QUESTION = "How helpful was the coaching on this case?"


def close(incident):
    make_step(incident, title="Sent the apology", status="done")
    make_reflection(incident)
    incident.refresh_from_db()
    assert incident.is_closed
    return incident


def closed_shared_case(owner, **fields):
    return close(shared_incident(owner, **fields))


def detail(browser, incident) -> str:
    return browser.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()


def rate(browser, incident, **data):
    return browser.post(reverse("coaching:rating", args=[incident.public_id]), data)


def client_of(coach, name):
    client = make_user(display_name=name)
    link(client, coach)
    return client


def rate_anonymously(coach, name, score, comment=""):
    client = client_of(coach, name)
    incident = closed_shared_case(client, title=f"Case of {name}")
    services.rating_add(
        client=client, incident=incident, coach=coach, score=score, comment=comment, anonymous=True
    )
    return client, incident


def test_a_closed_shared_case_asks_once_and_a_named_rating_is_kept_with_its_case(
    logged_in, client_user, coach, coaching_link
):
    incident = closed_shared_case(client_user)
    page = detail(logged_in, incident)
    assert QUESTION in page
    assert "at least two others" in page

    response = rate(logged_in, incident, score="4", comment="Calm, practical advice.")

    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:detail", args=[incident.public_id])
    rating = CoachingRating.objects.get()
    assert (rating.coach, rating.client, rating.incident) == (coach, client_user, incident)
    assert (rating.score, rating.comment, rating.anonymous, rating.aggregated) == (
        4,
        "Calm, practical advice.",
        False,
        False,
    )
    assert RatedCase.objects.filter(incident=incident, coach=coach).exists()
    assert QUESTION not in detail(logged_in, incident)
    # Posting again (another tab, an old page) rates nothing more.
    assert rate(logged_in, incident, score="1").status_code == 302
    assert CoachingRating.objects.count() == 1


def test_an_anonymous_rating_through_the_form_waits_unseen_by_the_coach(
    logged_in, client, client_user, coach, coaching_link
):
    incident = closed_shared_case(client_user)
    response = rate(logged_in, incident, score="2", comment="Too little time.", anonymous="on")

    assert response.status_code == 302
    page = logged_in.get(response["Location"]).content.decode()
    assert "Your coach sees it only together with at least two other ratings." in page
    rating = CoachingRating.objects.get()
    assert (rating.anonymous, rating.aggregated, rating.client, rating.incident) == (
        True,
        False,
        client_user,
        incident,
    )
    client.force_login(coach)
    assert "Too little time." not in client.get(reverse("coach:feedback")).content.decode()


def test_no_offer_on_an_open_or_unshared_case_or_without_a_coach(logged_in, client_user, coaching_link):
    open_case = shared_incident(client_user, title="Still open")
    private = close(make_incident(client_user, title="Closed, never shared"))
    for incident in (open_case, private):
        assert QUESTION not in detail(logged_in, incident)
        assert rate(logged_in, incident, score="5").status_code == 302
    assert not CoachingRating.objects.exists()


def test_after_the_link_ends_the_offer_is_gone(logged_in, client_user, coaching_link):
    from crisis_coach.coaching.services import link_end

    incident = closed_shared_case(client_user)
    link_end(link=coaching_link, ended_by=client_user)
    assert QUESTION not in detail(logged_in, incident)


def test_skipping_ends_the_offer_and_rates_nothing(logged_in, client_user, coaching_link):
    incident = closed_shared_case(client_user)
    response = logged_in.post(reverse("coaching:rating_skip", args=[incident.public_id]))
    assert response.status_code == 302
    assert not CoachingRating.objects.exists()
    assert QUESTION not in detail(logged_in, incident)
    assert rate(logged_in, incident, score="5").status_code == 302
    assert not CoachingRating.objects.exists()


def test_a_bad_score_is_refused_next_to_its_field_and_the_comment_kept(logged_in, client_user, coaching_link):
    incident = closed_shared_case(client_user)
    response = rate(logged_in, incident, score="7", comment="Kept, please.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Kept, please.</textarea>" in page
    assert not CoachingRating.objects.exists()


def test_another_person_cannot_rate_or_skip_the_case(client, client_user, coach, coaching_link, stranger):
    incident = closed_shared_case(client_user)
    for outsider in (stranger, coach):
        client.force_login(outsider)
        assert rate(client, incident, score="1").status_code == 404
        assert client.post(reverse("coaching:rating_skip", args=[incident.public_id])).status_code == 404
    assert not CoachingRating.objects.exists() and not RatedCase.objects.exists()


def test_the_coach_reads_a_named_rating_with_its_name_and_comment(client, coach, coaching_link, client_user):
    incident = closed_shared_case(client_user, title="The lost bid")
    services.rating_add(client=client_user, incident=incident, coach=coach, score=5, comment="Thank you!")
    client.force_login(coach)
    page = client.get(reverse("coach:feedback")).content.decode()
    assert "Thank you!" in page and "Alex Client" in page and "5 of 5" in page
    # Not the case's title: the client may rename it or stop sharing it, and the rating stays.
    assert "The lost bid" not in page


def test_two_anonymous_ratings_show_nothing_and_the_third_folds_all_three(client, coach):
    first_client, first_case = rate_anonymously(coach, "Ann", 5, "Changed how I handle it.")
    rate_anonymously(coach, "Bo", 4, "Good questions.")
    client.force_login(coach)

    feedback_page = client.get(reverse("coach:feedback")).content.decode()
    dashboard = client.get(reverse("coach:dashboard")).content.decode()
    assert "Changed how I handle it." not in feedback_page and "Good questions." not in feedback_page
    assert "Ann" not in feedback_page
    summary_text = dashboard.split('data-testid="rating-summary"')[1].split("</p>")[0]
    assert "rated" not in summary_text and "No rating is counted yet." in summary_text
    assert "Anonymous ratings reach you three at a time." in summary_text
    assert selectors.rating_summary(coach).count == 0
    # Still linked while pending: the client cannot rate twice, and deleting her account removes it.
    assert CoachingRating.objects.filter(client=first_client, incident=first_case, aggregated=False).exists()

    rate_anonymously(coach, "Cy", 3)

    rows = list(CoachingRating.objects.filter(coach=coach))
    assert len(rows) == 3
    assert all(r.aggregated and r.anonymous and r.client_id is None and r.incident_id is None for r in rows)
    assert len({r.created_at for r in rows}) == 1
    assert sorted(r.score for r in rows) == [3, 4, 5]
    assert RatedCase.objects.filter(coach=coach).count() == 3
    summary = selectors.rating_summary(coach)
    assert (summary.count, summary.average) == (3, 4.0)
    dashboard = client.get(reverse("coach:dashboard")).content.decode()
    assert "Your coaching is rated 4.0 from 3 ratings." in dashboard
    feedback_page = client.get(reverse("coach:feedback")).content.decode()
    assert "Changed how I handle it." in feedback_page and "Good questions." in feedback_page
    assert "Ann" not in feedback_page and "Case of Ann" not in feedback_page
    # Only the average tells the scores: no comment stands next to its own score.
    assert " of 5" not in feedback_page


def test_the_summary_counts_named_and_folded_ratings_and_shows_from_the_first_named(client, coach):
    named_client = client_of(coach, "Dee")
    incident = closed_shared_case(named_client)
    services.rating_add(client=named_client, incident=incident, coach=coach, score=2)
    client.force_login(coach)
    # One named rating is counted: the average shows on both pages, never "once three are counted".
    for url in ("/coach/", reverse("coach:feedback")):
        page = client.get(url).content.decode()
        summary_text = page.split('data-testid="rating-summary"')[1].split("</p>")[0]
        assert "Your coaching is rated 2.0 from 1 rating." in summary_text
        assert "Anonymous ratings reach you three at a time." in summary_text
        assert "once three" not in page

    for name, score in (("Ed", 5), ("Flo", 5), ("Gus", 4)):
        rate_anonymously(coach, name, score)

    assert "Your coaching is rated 4.0 from 4 ratings." in client.get("/coach/").content.decode()


def test_another_coachs_ratings_never_show(client, coach, other_coach):
    for name, score in (("Ann", 1), ("Bo", 1), ("Cy", 1)):
        rate_anonymously(other_coach, name, score, comment=f"From {name}")
    client.force_login(coach)
    assert "From Ann" not in client.get(reverse("coach:feedback")).content.decode()
    assert selectors.rating_summary(coach).count == 0


def test_the_feedback_page_is_for_coaches_only(logged_in):
    assert logged_in.get(reverse("coach:feedback")).status_code == 404


def test_deleting_the_clients_account_removes_her_named_and_pending_ratings_folded_ones_stay(coach):
    folded = [rate_anonymously(coach, name, 4)[0] for name in ("Ann", "Bo", "Cy")]
    named_client = client_of(coach, "Dee")
    named_case = closed_shared_case(named_client)
    services.rating_add(client=named_client, incident=named_case, coach=coach, score=5, comment="Named")
    pending_client = client_of(coach, "Eve")
    pending_case = closed_shared_case(pending_client)
    services.rating_add(
        client=pending_client, incident=pending_case, coach=coach, score=1, comment="Pending", anonymous=True
    )

    account_delete(user=named_client)
    account_delete(user=pending_client)
    account_delete(user=folded[0])

    assert not CoachingRating.objects.filter(comment__in=["Named", "Pending"]).exists()
    remaining = CoachingRating.objects.filter(coach=coach)
    assert remaining.count() == 3
    assert all(r.aggregated and r.client_id is None and r.incident_id is None for r in remaining)
    assert selectors.rating_summary(coach).count == 3


# Session, user, savepoint (ATOMIC_REQUESTS), coach profile, two-factor sign-in (coach_required's
# EXISTS), the summary's aggregate, the page's count, its rows (with client and case), release savepoint.
FEEDBACK_QUERIES = 9


@pytest.mark.parametrize("size", [1, 50])
def test_the_feedback_page_query_count_is_fixed(client, coach, django_assert_num_queries, size):
    for number in range(size):
        named = client_of(coach, f"Client {number}")
        incident = closed_shared_case(named, title=f"Case {number}")
        services.rating_add(client=named, incident=incident, coach=coach, score=4, comment=f"Said {number}")
    for name in ("Ann", "Bo", "Cy"):
        rate_anonymously(coach, name, 5, comment=f"Anonymous {name}")
    client.force_login(coach)
    with django_assert_num_queries(FEEDBACK_QUERIES):
        page = client.get(reverse("coach:feedback")).content.decode()
    assert f"Said {size - 1}" in page and f"Client {size - 1}" in page
