"""Who can help now: the cockpit suggests up to five contacts for the case, and plans a touch in one click."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from crisis_coach.incidents.models import ActionStep, CrisisType, Incident, StepKind
from crisis_coach.incidents.selectors import incident_for_owner
from crisis_coach.network import selectors, services, who_can_help
from crisis_coach.network.models import Contact
from tests.factories import make_contact, make_incident, make_reflection, make_stakeholder, make_step
from tests.network.conftest import make_interaction, today_for
from tests.page_parts import forget_cached_parts

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


def candidate(name, relationship, importance=3, last_contacted_on=None, counted=0, kept=0):
    return who_can_help.Candidate(
        key=name,
        name=name,
        relationship=relationship,
        importance=importance,
        last_contacted_on=last_contacted_on,
        promises_counted=counted,
        promises_kept_on_time=kept,
    )


def ranked(candidates, crisis_type):
    return [s.key for s in who_can_help.rank(candidates, crisis_type=crisis_type, today=TODAY)]


# --- the rule ------------------------------------------------------------------------------------


def test_a_better_fitting_relationship_comes_first_whatever_the_importance():
    people = [
        candidate("Rae Recruiter", "recruiter", importance=5),
        candidate("Cal Colleague", "colleague", importance=1),
    ]
    assert ranked(people, CrisisType.DIFFICULT_BOSS) == ["Cal Colleague", "Rae Recruiter"]
    # Being replaced: the recruiter is the one to call.
    assert ranked(people, CrisisType.REPLACED) == ["Rae Recruiter"]


def test_among_the_same_fit_importance_then_warmth_decide():
    recent = TODAY - datetime.timedelta(days=3)
    people = [
        candidate("Ann", "mentor", importance=3),
        candidate("Ben", "mentor", importance=4),
        candidate("Cy", "mentor", importance=3, last_contacted_on=recent, counted=2, kept=2),
    ]
    # Cy's warmth (a recent touch, promises kept) outweighs one step of Ben's importance.
    assert ranked(people, CrisisType.MEANING) == ["Cy", "Ben", "Ann"]


def test_warmth_counts_recent_touches_and_promises_kept_on_time():
    def w(**fields):
        return who_can_help.warmth(candidate("X", "mentor", **fields), today=TODAY)

    assert w() == 0
    assert w(last_contacted_on=TODAY - datetime.timedelta(days=30)) == 2
    assert w(last_contacted_on=TODAY - datetime.timedelta(days=31)) == 1
    assert w(last_contacted_on=TODAY - datetime.timedelta(days=91)) == 0
    assert w(counted=4, kept=3) == 1
    assert w(counted=4, kept=2) == 0


def test_relationships_that_do_not_fit_are_not_suggested_and_five_at_most():
    people = [candidate(f"Mentor {n}", "mentor") for n in range(7)] + [candidate("Cli", "client")]
    result = ranked(people, CrisisType.WORK_MISTAKE)
    assert result == [f"Mentor {n}" for n in range(5)]


def test_every_crisis_type_has_fits_with_a_reason():
    for crisis_type in CrisisType.values:
        fits = who_can_help.fits_for(crisis_type)
        assert fits, crisis_type
        assert all(fit.weight in (1, 2, 3) and str(fit.reason) for fit in fits.values())
    assert who_can_help.fits_for("no-such-kind") == who_can_help.fits_for(CrisisType.OTHER)


# --- the selector --------------------------------------------------------------------------------


def loaded(incident):
    return incident_for_owner(incident.owner, incident.public_id)


def test_stakeholders_of_the_case_and_other_peoples_contacts_are_left_out(client_user, stranger):
    incident = make_incident(client_user, crisis_type=CrisisType.DIFFICULT_BOSS)
    in_case = make_contact(client_user, name="Already In", relationship="colleague", importance=5)
    make_stakeholder(incident, name="Already In", contact=in_case)
    free = make_contact(client_user, name="Free Colleague", relationship="colleague")
    make_contact(stranger, name="Not Yours", relationship="colleague", importance=5)

    suggestions = selectors.who_can_help(incident=loaded(incident), today=today_for(client_user))

    assert [s.key for s in suggestions] == [free]
    assert "same boss" in str(suggestions[0].reason)


def test_the_selector_counts_promises_and_last_touch(client_user):
    incident = make_incident(client_user, crisis_type=CrisisType.REPLACED)
    warm = make_contact(client_user, name="Warm Manager", relationship="manager", importance=3)
    cold = make_contact(client_user, name="Cold Manager", relationship="manager", importance=3)
    make_interaction(warm, days_ago=2)
    promise = services.commitment_create(contact=warm, what="Intro", due_on=today_for(client_user))
    services.commitment_mark_kept(commitment=promise, today=today_for(client_user))

    suggestions = selectors.who_can_help(incident=loaded(incident), today=today_for(client_user))

    assert [s.key for s in suggestions] == [warm, cold]
    first = suggestions[0]
    assert ((today_for(client_user) - first.last_contacted_on).days, first.promises_kept_on_time) == (2, 1)


def fill_contacts(owner, size: int) -> None:
    Contact.objects.bulk_create(
        Contact(owner=owner, name=f"Person {n:03}", relationship="mentor", importance=1 + n % 5)
        for n in range(size)
    )


@pytest.mark.parametrize("size", [1, 50])
def test_the_selector_costs_one_query_however_many_contacts(client_user, django_assert_num_queries, size):
    incident = loaded(make_incident(client_user))
    fill_contacts(client_user, size)
    with django_assert_num_queries(1):
        suggestions = selectors.who_can_help(incident=incident, today=TODAY)
    assert len(suggestions) == min(size, 5)


def cockpit_queries(browser, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = browser.get(url).content.decode()
    return len(queries), page


def test_the_cockpit_costs_the_same_with_1_or_50_contacts(logged_in, client_user):
    """The panel is one query of the cockpit's (the selector's, pinned above), whatever the network's size."""
    incident = make_incident(client_user)
    url = reverse("incidents:detail", args=[incident.public_id])
    fill_contacts(client_user, 1)
    logged_in.get(url)  # the first visit fills what a session caches
    forget_cached_parts()  # both loads build the page: the second one's contacts moved its version
    with_one, page = cockpit_queries(logged_in, url)
    assert page.count('data-testid="help-suggestion"') == 1

    fill_contacts(client_user, 49)
    with_fifty, page = cockpit_queries(logged_in, url)

    assert page.count('data-testid="help-suggestion"') == 5
    assert with_fifty == with_one


# --- the page and "Plan a touch" -----------------------------------------------------------------


def test_the_cockpit_shows_suggestions_with_their_reason(logged_in, client_user):
    incident = make_incident(client_user, crisis_type=CrisisType.RESTRUCTURING)
    make_contact(client_user, name="Mira Mentor", relationship="mentor", importance=4)

    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()

    assert "Who can help now" in page and "Mira Mentor" in page
    assert "help you choose a direction" in page and "Plan a touch" in page


def closed_case(owner):
    """Closed as the person closes it: someone named, every step done, then the reflection."""
    incident = make_incident(owner)
    make_stakeholder(incident, name="Grace Lin", stance="neutral", influence=5)
    make_step(incident, status="done")
    make_reflection(incident, control_at_close=6)
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.is_closed
    return incident


def test_each_suggestion_says_how_warm_the_relationship_is(logged_in, client_user):
    incident = make_incident(client_user, crisis_type=CrisisType.REPLACED)
    warm = make_contact(client_user, name="Warm Manager", relationship="manager")
    make_contact(client_user, name="New Recruiter", relationship="recruiter")
    make_interaction(warm, days_ago=2)
    promise = services.commitment_create(contact=warm, what="Intro", due_on=today_for(client_user))
    services.commitment_mark_kept(commitment=promise, today=today_for(client_user))

    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()

    text = " ".join(strip_tags(page).split())
    assert "Last contacted 2 days ago · 1 of 1 promise kept on time" in text
    assert "Not contacted yet" in page


def test_a_closed_case_shows_no_panel(logged_in, client_user):
    incident = closed_case(client_user)
    make_contact(client_user, name="Mira Mentor", relationship="mentor")

    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()

    assert "Who can help now" not in page


def test_plan_a_touch_adds_a_relationship_step_due_in_three_days_and_says_so(logged_in, client_user):
    incident = make_incident(client_user, crisis_type=CrisisType.RESTRUCTURING)
    mira = make_contact(client_user, name="Mira Mentor", relationship="mentor")
    url = reverse("network:touch_plan", args=[incident.public_id, mira.public_id])

    response = logged_in.post(url)

    assert response.status_code == 302
    assert response.url == reverse("incidents:detail", args=[incident.public_id]) + "#who-can-help"
    step = ActionStep.objects.get(incident=incident)
    assert (step.kind, step.contact, step.title) == (
        StepKind.RELATIONSHIP,
        mira,
        "Get in touch with Mira Mentor",
    )
    assert step.due_on == today_for(client_user) + datetime.timedelta(days=3)
    page = logged_in.get(response.url).content.decode()
    assert "Added to your plan: get in touch with Mira Mentor within three days." in page
    # Planned: she leaves the suggestions until the step is done or dropped.
    assert 'data-testid="help-suggestion"' not in page
    resolve = logged_in.get(reverse("incidents:resolve", args=[incident.public_id])).content.decode()
    assert "Get in touch with Mira Mentor" in resolve


def test_the_due_day_is_the_owners_local_day(client_user, clock):
    client_user.time_zone = "Pacific/Kiritimati"  # UTC+14: already the next day at 10:00 UTC
    client_user.save()
    incident = make_incident(client_user)
    mira = make_contact(client_user, name="Mira Mentor", relationship="mentor")

    step = services.touch_plan(incident=incident, contact=mira)

    assert step.due_on == datetime.date(2026, 11, 26) + datetime.timedelta(days=3)


def test_a_double_click_plans_one_touch(logged_in, client_user):
    incident = make_incident(client_user)
    mira = make_contact(client_user, name="Mira Mentor", relationship="mentor")
    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]
    url = reverse("network:touch_plan", args=[incident.public_id, mira.public_id])

    logged_in.post(url, {"submission": token})
    logged_in.post(url, {"submission": token})

    assert ActionStep.objects.filter(incident=incident).count() == 1


def test_a_closed_case_plans_nothing(logged_in, client_user):
    incident = closed_case(client_user)
    mira = make_contact(client_user, name="Mira Mentor", relationship="mentor")
    steps = ActionStep.objects.filter(incident=incident).count()

    response = logged_in.post(reverse("network:touch_plan", args=[incident.public_id, mira.public_id]))

    assert response.status_code == 302
    assert ActionStep.objects.filter(incident=incident).count() == steps


def test_another_users_case_or_contact_is_404_and_plans_nothing(client, client_user, stranger):
    incident = make_incident(client_user)
    mine = make_contact(client_user, name="Mira Mentor", relationship="mentor")
    theirs = make_contact(stranger, name="Their Mentor", relationship="mentor")
    their_incident = make_incident(stranger)

    client.force_login(client_user)
    for case, contact in [(incident, theirs), (their_incident, mine), (their_incident, theirs)]:
        url = reverse("network:touch_plan", args=[case.public_id, contact.public_id])
        assert client.post(url).status_code == 404
        assert client.get(url).status_code == 405
    assert not ActionStep.objects.exists()


def test_the_demo_case_suggests_the_demo_mentor_first(client):
    from crisis_coach.demo.incidents import DEMO_TITLE
    from crisis_coach.demo.seed import seed_demo

    people = seed_demo()
    incident = people.client.incidents.get(title=DEMO_TITLE)

    suggestions = selectors.who_can_help(incident=loaded(incident), today=today_for(people.client))

    assert [s.key.name for s in suggestions][:1] == ["Daniel Okafor"]
    assert len(suggestions) >= 3
    client.force_login(people.client)
    page = client.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert page.count('data-testid="help-suggestion"') == len(suggestions) and "Daniel Okafor" in page
