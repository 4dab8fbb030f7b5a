"""Reviews after the close: a week, a month and three months after a setback closes, a few
questions about how things stand; answered once due, skipped if the person prefers, on the timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.accounts.services import account_delete
from crisis_coach.incidents import services
from crisis_coach.incidents.models import (
    ActionStep,
    CaseReview,
    EventKind,
    Incident,
    Reflection,
    ReviewStatus,
    Stage,
    StanceChange,
    StanceVia,
    TimelineEvent,
)
from tests.factories import make_incident, make_reflection, make_stakeholder, make_step

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def close_case(owner, **fields):
    """A case closed now, as the person closes it: every step done, then the reflection."""
    incident = make_incident(owner, **fields)
    make_stakeholder(incident, name="Grace Lin", stance="neutral", influence=5)
    make_step(incident, status="done")
    make_reflection(incident, control_at_close=6)
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.stage == Stage.CLOSED
    return incident


def review_of(incident, offset: int) -> CaseReview:
    return CaseReview.objects.get(incident=incident, offset_days=offset)


def review_url(review, name: str = "incidents:review") -> str:
    return reverse(name, args=[review.incident.public_id, review.public_id])


def answer(review, **fields) -> dict:
    """A complete answer for the review's form, as the page pre-fills it, changed by `fields`."""
    data = {"version": review.version, "happened_again": "no", "control_now": "8", "notes": ""}
    for person in review.incident.stakeholders.all():
        data[f"stance-{person.public_id}"] = person.stance
        data[f"influence-{person.public_id}"] = person.influence or ""
    return {**data, **fields}


def review_lines(incident):
    return list(TimelineEvent.objects.filter(incident=incident, kind=EventKind.REVIEW))


@pytest.mark.dates
def test_closing_a_case_schedules_reviews_a_week_a_month_and_three_months_on(client_user):
    incident = close_case(client_user)
    closed_on = timezone.localdate(incident.closed_at, client_user.zone)
    due = dict(CaseReview.objects.filter(incident=incident).values_list("offset_days", "due_on"))
    assert due == {7: closed_on + 7 * DAY, 30: closed_on + 30 * DAY, 90: closed_on + 90 * DAY}
    assert set(CaseReview.objects.values_list("status", flat=True)) == {ReviewStatus.SCHEDULED}


@pytest.mark.dates
def test_closing_again_after_a_reopen_moves_only_the_reviews_still_waiting(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    assert logged_in.post(review_url(week, "incidents:review_skip"), {"version": 1}).status_code == 302
    skipped_due = review_of(incident, 7).due_on

    services.incident_reopen(incident=incident)
    clock.shift(3 * DAY)
    reflection = Reflection.objects.get(incident=incident)  # saved again as final: it closes again
    services.reflection_save(
        incident=Incident.objects.get(pk=incident.pk),
        reflection=reflection,
        expected_version=reflection.version,
    )
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.stage == Stage.CLOSED
    closed_on = timezone.localdate(incident.closed_at, client_user.zone)

    assert CaseReview.objects.filter(incident=incident).count() == 3
    assert review_of(incident, 7).status == ReviewStatus.SKIPPED
    assert review_of(incident, 7).due_on == skipped_due
    assert review_of(incident, 30).due_on == closed_on + 30 * DAY
    assert review_of(incident, 90).due_on == closed_on + 90 * DAY


@pytest.mark.dates
def test_a_review_cannot_be_answered_before_it_is_due(logged_in, client_user, clock):
    incident = close_case(client_user)
    week = review_of(incident, 7)
    clock.shift(6 * DAY)

    page = logged_in.get(review_url(week)).content.decode()
    assert "This review opens on" in page
    assert 'data-testid="review-form"' not in page
    response = logged_in.post(review_url(week), answer(week), follow=True)
    assert "This review opens on" in response.content.decode()
    assert logged_in.post(review_url(week, "incidents:review_skip"), {"version": 1}).status_code == 302

    week.refresh_from_db()
    assert week.status == ReviewStatus.SCHEDULED and week.version == 1
    assert review_lines(incident) == []


@pytest.mark.dates
def test_answering_records_who_moved_and_sums_the_answers_up_on_the_timeline(logged_in, client_user, clock):
    incident = close_case(client_user)
    grace = incident.stakeholders.get()
    clock.shift(7 * DAY)
    week = review_of(incident, 7)

    page = logged_in.get(review_url(week)).content.decode()
    assert "Grace Lin" in page and 'data-testid="review-form"' in page
    data = answer(week, happened_again="nearly", control_now="9", notes="Calmer in meetings.")
    data[f"stance-{grace.public_id}"] = "supportive"
    response = logged_in.post(review_url(week), data)
    assert response.status_code == 302
    assert response.url == reverse("incidents:detail", args=[incident.public_id]) + "#timeline"

    week.refresh_from_db()
    assert (week.status, week.happened_again, week.control_now) == (ReviewStatus.ANSWERED, "nearly", 9)
    assert week.answered_at is not None and week.version == 2
    reading = StanceChange.objects.filter(stakeholder=grace).last()
    assert (reading.stance, reading.via) == ("supportive", StanceVia.REVIEW)
    (line,) = review_lines(incident)
    assert line.message == "Review 7 days after the close."
    assert "Happened again: Nearly" in line.text
    assert "In control now: 9/10" in line.text
    assert "Grace Lin: Supportive" in line.text and "Calmer in meetings." in line.text
    detail = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert "Review 7 days after the close." in detail
    assert Incident.objects.get(pk=incident.pk).stage == Stage.CLOSED  # nothing left to do: still closed


@pytest.mark.dates
def test_a_person_whose_stance_did_not_change_gets_no_new_reading(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    readings = StanceChange.objects.count()
    assert logged_in.post(review_url(week), answer(week)).status_code == 302
    assert StanceChange.objects.count() == readings
    review_day = datetime.datetime.combine(week.due_on, datetime.time.min, tzinfo=client_user.zone)
    assert not TimelineEvent.objects.filter(
        incident=incident, kind=EventKind.STANCE, at__gte=review_day
    ).exists()


@pytest.mark.dates
def test_anything_still_to_do_becomes_a_step_and_opens_the_case_again(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(30 * DAY)
    logged_in.force_login(client_user)  # a month on, the session has ended
    month = review_of(incident, 30)

    response = logged_in.post(review_url(month), answer(month, still_to_do="Ask Grace for feedback"))
    assert response.status_code == 302
    assert response.url == reverse("incidents:resolve", args=[incident.public_id])

    month.refresh_from_db()
    step = ActionStep.objects.get(title="Ask Grace for feedback")
    assert month.step == step
    assert step.due_on == timezone.localdate(timezone=client_user.zone) + 7 * DAY
    incident.refresh_from_db()
    assert incident.stage != Stage.CLOSED and incident.closed_at is None
    assert "Still to do: Ask Grace for feedback" in review_lines(incident)[0].text
    # Not closed, its other reviews wait for the next close; the one answered can still be corrected.
    assert logged_in.get(review_url(review_of(incident, 90))).status_code == 200
    page = logged_in.get(review_url(month)).content.decode()
    assert "You answered this review" in page and 'name="still_to_do"' not in page


@pytest.mark.dates
def test_a_review_of_a_case_open_again_waits_for_its_close(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(8 * DAY)
    services.incident_reopen(incident=incident)
    week = review_of(incident, 7)
    assert "open again" in logged_in.get(review_url(week)).content.decode()
    logged_in.post(review_url(week), answer(week))
    assert review_of(incident, 7).status == ReviewStatus.SCHEDULED


@pytest.mark.dates
def test_skipping_takes_a_post_and_leaves_a_line_on_the_timeline(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    skip = review_url(week, "incidents:review_skip")

    assert logged_in.get(skip).status_code == 405
    assert review_of(incident, 7).status == ReviewStatus.SCHEDULED
    response = logged_in.post(skip, {"version": 1, "next": reverse("reminders:today")})
    assert response.status_code == 302 and response.url == reverse("reminders:today")
    assert review_of(incident, 7).status == ReviewStatus.SKIPPED
    (line,) = review_lines(incident)
    assert line.text == "Skipped."
    # A second skip (another tab) changes nothing more.
    logged_in.post(skip, {"version": 1})
    assert len(review_lines(incident)) == 1
    # A skipped review can still be answered later.
    assert logged_in.post(review_url(week), answer(review_of(incident, 7))).status_code == 302
    assert review_of(incident, 7).status == ReviewStatus.ANSWERED


@pytest.mark.dates
def test_an_answer_saved_meanwhile_in_another_tab_is_a_conflict_not_overwritten(
    logged_in, client_user, clock
):
    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    assert logged_in.post(review_url(week), answer(week, control_now="4")).status_code == 302

    stale = logged_in.post(review_url(week), answer(week, control_now="9", notes="From the old tab"))
    assert stale.status_code == 303 and "conflict=" in stale.url
    page = logged_in.get(stale.url).content.decode()
    assert "changed elsewhere" in page and "From the old tab" in page
    assert review_of(incident, 7).control_now == 4
    assert len(review_lines(incident)) == 1


@pytest.mark.dates
def test_a_missing_answer_is_shown_next_to_the_field_and_what_was_typed_stays(logged_in, client_user, clock):
    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    response = logged_in.post(review_url(week), answer(week, control_now="", notes="Kept <b>text</b>"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in page
    assert review_of(incident, 7).status == ReviewStatus.SCHEDULED


def test_strangers_get_404_and_a_review_through_another_case_is_404(client, client_user, stranger):
    incident = close_case(client_user)
    week = review_of(incident, 7)
    client.force_login(stranger)
    assert client.get(review_url(week)).status_code == 404
    assert client.post(review_url(week), answer(week)).status_code == 404
    assert client.post(review_url(week, "incidents:review_skip"), {"version": 1}).status_code == 404
    other = make_incident(client_user, title="Another one")
    client.force_login(client_user)
    wrong = reverse("incidents:review", args=[other.public_id, week.public_id])
    assert client.get(wrong).status_code == 404
    assert review_of(incident, 7).status == ReviewStatus.SCHEDULED


# Session, user, the savepoint pair (ATOMIC_REQUESTS inside a test), the case with its assessment
# and reflection, its stakeholders, conversations and steps, the review, the coach profile (the
# navbar's is_coach): fixed however many key people the form lists.
REVIEW_PAGE_QUERIES = 10


@pytest.mark.parametrize("people", [1, 50])
def test_review_page_query_count_does_not_grow(
    logged_in, client_user, clock, django_assert_num_queries, people
):
    incident = close_case(client_user)
    for n in range(people - 1):
        make_stakeholder(incident, name=f"Person {n:02}")
    clock.shift(7 * DAY)
    url = review_url(review_of(incident, 7))
    logged_in.get(url)  # a week on, the first request records the browser's session again
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = logged_in.get(url)
    assert response.content.decode().count('data-testid="review-person"') == people


def test_deleting_the_account_removes_its_reviews(client_user, stranger):
    close_case(client_user)
    theirs = close_case(stranger)
    account_delete(user=client_user)
    assert set(CaseReview.objects.values_list("incident_id", flat=True)) == {theirs.pk}


# --- export and import ----------------------------------------------------------------------------


def exported(user) -> dict:
    from crisis_coach.portability.export import build_export

    return build_export(user)


def imported(document: dict, into):
    from crisis_coach.portability.importer import restore, validate

    return restore(user=into, plan=validate(document))


@pytest.mark.dates
def test_reviews_travel_in_the_export_and_come_back_with_their_step(logged_in, client_user, clock):
    from tests.factories import make_user

    incident = close_case(client_user)
    clock.shift(7 * DAY)
    week = review_of(incident, 7)
    logged_in.post(review_url(week), answer(week, control_now="5", still_to_do="Thank Grace"))
    document = exported(client_user)
    (case,) = document["incidents"]
    reviews = {r["offset_days"]: r for r in case["reviews"]}
    assert set(reviews) == {7, 30, 90}
    assert (reviews[7]["status"], reviews[7]["control_now"], reviews[7]["happened_again"]) == (
        "answered",
        5,
        "no",
    )
    step_id = next(s["id"] for s in case["steps"] if s["title"] == "Thank Grace")
    assert reviews[7]["step"] == step_id and reviews[30]["step"] is None

    newcomer = make_user(display_name="Someone new")
    imported(document, newcomer)
    restored = CaseReview.objects.filter(incident__owner=newcomer)
    assert {(r.offset_days, r.status, r.control_now, r.due_on) for r in restored} == {
        (r["offset_days"], r["status"], r["control_now"], datetime.date.fromisoformat(r["due_on"]))
        for r in case["reviews"]
    }
    assert restored.get(offset_days=7).step.title == "Thank Grace"
    assert restored.get(offset_days=7).step.incident.owner == newcomer


@pytest.mark.dates
def test_a_closed_case_from_a_file_without_reviews_gets_them_scheduled_from_its_close(client_user):
    from tests.factories import make_user

    incident = close_case(client_user)
    document = exported(client_user)
    document["version"] = 2
    for case in document["incidents"]:
        case.pop("reviews")
    newcomer = make_user(display_name="Someone new")
    imported(document, newcomer)
    newcomer.refresh_from_db()  # the file's time zone is theirs now
    restored = Incident.objects.get(owner=newcomer)
    closed_on = timezone.localdate(incident.closed_at, newcomer.zone)
    due = dict(CaseReview.objects.filter(incident=restored).values_list("offset_days", "due_on"))
    assert due == {7: closed_on + 7 * DAY, 30: closed_on + 30 * DAY, 90: closed_on + 90 * DAY}


def test_a_review_pointing_outside_its_case_or_twice_at_an_offset_is_refused(client_user):
    from crisis_coach.portability.importer import ImportRefused, validate

    close_case(client_user)
    document = exported(client_user)
    reviews = document["incidents"][0]["reviews"]
    reviews[0]["step"] = "00000000-0000-4000-8000-000000000000"
    reviews[1]["offset_days"] = reviews[2]["offset_days"]
    with pytest.raises(ImportRefused) as refused:
        validate(document)
    text = " ".join(refused.value.messages)
    assert "reviews[0].step: refers to something that is not in this file." in text
    assert "a second review" in text


@pytest.mark.dates
def test_the_demo_has_a_closed_case_whose_week_review_is_due_today(client):
    from crisis_coach.demo.incidents import CLOSED_TITLE
    from crisis_coach.demo.seed import seed_demo

    people = seed_demo()
    seed_demo()  # run again, it adds nothing
    closed = Incident.objects.get(owner=people.client, title=CLOSED_TITLE)
    assert closed.stage == Stage.CLOSED
    today = timezone.localdate(timezone=people.client.zone)
    assert review_of(closed, 7).due_on == today
    assert review_of(closed, 30).due_on == today + 23 * DAY
    assert all(event.at < timezone.now() - 6 * DAY for event in closed.events.all())
    client.force_login(people.client)
    page = client.get(reverse("reminders:today")).content.decode()
    assert 'data-kind="review"' in page and "Sharp words with Ken" in page


@pytest.mark.dates
def test_a_closed_cases_page_lists_its_reviews_and_offers_the_one_due(logged_in, client_user, clock):
    incident = close_case(client_user)
    detail = reverse("incidents:detail", args=[incident.public_id])
    page = logged_in.get(detail).content.decode()
    assert page.count("after the close</span>") == 3 and 'data-testid="case-reviews"' in page
    assert review_url(review_of(incident, 7)) not in page  # not due yet
    clock.shift(7 * DAY)
    page = logged_in.get(detail).content.decode()
    assert review_url(review_of(incident, 7)) in page
    assert review_url(review_of(incident, 30)) not in page
    services.incident_reopen(incident=incident)
    assert 'data-testid="case-reviews"' not in logged_in.get(detail).content.decode()
