"""The coach's own playbooks (issue 20): the coach writes, edits, copies and archives them; a linked
client adds their steps to her own plan from the Resolve page in one click; the coach sees how they
were followed through. Nobody else reaches either side (404)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from crisis_coach.coaching.models import Playbook, PlaybookStep, PlaybookStepUse
from crisis_coach.coaching.playbooks import services
from crisis_coach.coaching.services import link_end
from crisis_coach.common.submissions import FIELD
from crisis_coach.incidents import services as incident_services
from crisis_coach.incidents.models import ActionStep, CrisisType, StepCheck, StepStatus, TimelineEvent
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_user

pytestmark = pytest.mark.django_db


def browser_for(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def make_playbook(coach, *, name="Winning back a client", crisis_types=(), steps=None, prompts=""):
    steps = (
        steps
        if steps is not None
        else [
            {"title": "Call the client", "kind": "quick_win", "due_in_days": 2, "detail": "Before noon."},
            {"title": "Send a recovery plan", "kind": "remedy", "due_in_days": 7, "detail": ""},
        ]
    )
    return services.playbook_create(
        coach=coach, name=name, crisis_types=list(crisis_types), prompts=prompts, steps=steps
    )


def management(prefix="steps", total=0, initial=0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def resolve_url(incident) -> str:
    return reverse("incidents:resolve", args=[incident.public_id])


def step_add_url(incident, playbook, step) -> str:
    return reverse(
        "coaching:playbook_step_add", args=[incident.public_id, playbook.public_id, step.public_id]
    )


def add_all_url(incident, playbook) -> str:
    return reverse("coaching:playbook_add", args=[incident.public_id, playbook.public_id])


# --- the coach's side -------------------------------------------------------------------------------


def test_a_coach_writes_a_playbook_with_its_steps(coach):
    browser = browser_for(coach)
    page = browser.get(reverse("coach:playbook_create"))
    assert page.status_code == 200 and f'name="{FIELD}"' in page.content.decode()
    data = {
        "name": "Winning back a client",
        "crisis_types": ["difficult_boss", "work_mistake"],
        "prompts": "What would make this right for you?\nWhat should I do differently?",
        **management(total=3),
        "steps-0-title": "Call the client",
        "steps-0-kind": "quick_win",
        "steps-0-due_in_days": "2",
        "steps-0-detail": "Before noon.",
        "steps-1-title": "Send a recovery plan",
        "steps-1-kind": "remedy",
        "steps-1-due_in_days": "",
        "steps-2-title": "",  # an empty row is skipped
        "steps-2-kind": "remedy",
    }
    response = browser.post(reverse("coach:playbook_create"), data)
    assert response.status_code == 302
    playbook = Playbook.objects.get(coach=coach)
    assert playbook.crisis_types == ["difficult_boss", "work_mistake"]
    assert playbook.prompt_lines == ["What would make this right for you?", "What should I do differently?"]
    steps = list(playbook.steps.values_list("title", "kind", "due_in_days", "detail", "position"))
    assert steps == [
        ("Call the client", "quick_win", 2, "Before noon.", 1),
        ("Send a recovery plan", "remedy", None, "", 2),
    ]
    listing = browser.get(reverse("coach:playbooks")).content.decode()
    assert "Winning back a client" in listing and "2 steps" in listing


def test_bad_input_is_shown_next_to_the_field_and_what_was_typed_is_kept(coach):
    browser = browser_for(coach)
    data = {
        "name": "",
        "prompts": "Ask what they need",
        **management(total=2),
        "steps-0-title": "",
        "steps-0-kind": "remedy",
        "steps-0-detail": "A detail without a title",
        "steps-1-title": "Follow up",
        "steps-1-kind": "remedy",
        "steps-1-due_in_days": "999",
    }
    response = browser.post(reverse("coach:playbook_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the playbook a name." in page
    assert "Give the step a title, or clear the row." in page
    assert "Give a whole number of days, from 0 to 365." in page
    assert "Ask what they need" in page and "A detail without a title" in page and 'value="999"' in page
    assert not Playbook.objects.exists()


def test_editing_renames_reorders_removes_and_adds_steps(coach):
    playbook = make_playbook(coach)
    first, second = playbook.steps.all()
    browser = browser_for(coach)
    url = reverse("coach:playbook_edit", args=[playbook.public_id])
    page = browser.get(url).content.decode()
    assert "Call the client" in page and "Send a recovery plan" in page
    data = {
        "name": "Winning back a client, v2",
        "crisis_types": ["difficult_boss"],
        "prompts": "",
        "version": str(playbook.version),
        **management(total=4, initial=2),
        "steps-0-public_id": str(first.public_id),
        "steps-0-title": "Call the client today",
        "steps-0-kind": "quick_win",
        "steps-0-due_in_days": "1",
        "steps-1-public_id": str(second.public_id),
        "steps-1-title": "Send a recovery plan",
        "steps-1-kind": "remedy",
        "steps-1-DELETE": "on",
        "steps-2-title": "Ask for feedback in a month",
        "steps-2-kind": "relationship",
        "steps-2-due_in_days": "30",
        "steps-3-title": "",
        "steps-3-kind": "remedy",
    }
    assert browser.post(url, data).status_code == 302
    playbook.refresh_from_db()
    assert (playbook.name, playbook.crisis_types, playbook.version) == (
        "Winning back a client, v2", ["difficult_boss"], 2,
    )  # fmt: skip
    assert list(playbook.steps.values_list("title", "due_in_days", "position")) == [
        ("Call the client today", 1, 1),
        ("Ask for feedback in a month", 30, 2),
    ]
    assert PlaybookStep.objects.filter(pk=first.pk).exists()  # edited in place
    assert not PlaybookStep.objects.filter(pk=second.pk).exists()


def test_a_stale_edit_is_refused_and_changes_neither_the_playbook_nor_its_steps(coach):
    playbook = make_playbook(coach)
    browser = browser_for(coach)
    url = reverse("coach:playbook_edit", args=[playbook.public_id])
    first, second = playbook.steps.all()
    services.playbook_update(playbook=playbook, expected_version=1, steps=[], name="Saved elsewhere")
    data = {
        "name": "Typed here",
        "version": "1",
        **management(total=1, initial=1),
        "steps-0-public_id": str(first.public_id),
        "steps-0-title": "Renamed here",
        "steps-0-kind": "remedy",
    }
    response = browser.post(url, data)
    assert response.status_code == 303
    playbook.refresh_from_db()
    assert playbook.name == "Saved elsewhere" and not playbook.steps.exists()
    page = browser.get(response.url).content.decode()
    assert "The version saved elsewhere" in page and "Typed here" in page and "Renamed here" in page


def test_copy_makes_an_active_copy_with_the_same_steps(coach):
    playbook = make_playbook(coach, crisis_types=["difficult_boss"], prompts="Listen first")
    services.playbook_archive(playbook=playbook)
    browser = browser_for(coach)
    response = browser.post(reverse("coach:playbook_copy", args=[playbook.public_id]))
    copy = Playbook.objects.exclude(pk=playbook.pk).get()
    assert response.status_code == 302 and response.url == reverse(
        "coach:playbook_edit", args=[copy.public_id]
    )
    assert (copy.name, copy.crisis_types, copy.prompts, copy.is_archived) == (
        "Copy of Winning back a client", ["difficult_boss"], "Listen first", False,
    )  # fmt: skip
    assert list(copy.steps.values_list("title", "position")) == [
        ("Call the client", 1), ("Send a recovery plan", 2),
    ]  # fmt: skip
    assert playbook.steps.count() == 2  # the original keeps its own
    assert browser.get(reverse("coach:playbook_copy", args=[playbook.public_id])).status_code == 405


def test_archive_asks_first_then_moves_the_playbook_to_the_archive_and_back(coach):
    playbook = make_playbook(coach)
    browser = browser_for(coach)
    url = reverse("coach:playbook_archive", args=[playbook.public_id])
    assert "Yes, archive it" in browser.get(url).content.decode()
    playbook.refresh_from_db()
    assert not playbook.is_archived  # asking changes nothing
    assert browser.post(url).status_code == 302
    playbook.refresh_from_db()
    assert playbook.is_archived
    assert "Winning back a client" not in browser.get(reverse("coach:playbooks")).content.decode()
    assert "Winning back a client" in browser.get(reverse("coach:playbooks_archived")).content.decode()
    browser.post(reverse("coach:playbook_unarchive", args=[playbook.public_id]))
    playbook.refresh_from_db()
    assert not playbook.is_archived
    assert "Winning back a client" in browser.get(reverse("coach:playbooks")).content.decode()


def test_another_coach_cannot_see_edit_copy_or_archive_my_playbook(coach, other_coach):
    playbook = make_playbook(coach)
    browser = browser_for(other_coach)
    for name in ("playbook_edit", "playbook_copy", "playbook_archive", "playbook_unarchive"):
        url = reverse(f"coach:{name}", args=[playbook.public_id])
        answers = {browser.get(url).status_code, browser.post(url, {"name": "Mine now"}).status_code}
        assert answers <= {404, 405} and 404 in answers, (name, answers)
    assert "Winning back a client" not in browser.get(reverse("coach:playbooks")).content.decode()
    playbook.refresh_from_db()
    assert (playbook.name, playbook.is_archived, Playbook.objects.count()) == (
        "Winning back a client",
        False,
        1,
    )


def test_a_client_has_no_playbook_pages(logged_in):
    assert logged_in.get(reverse("coach:playbooks")).status_code == 404


def test_the_coach_dashboard_links_my_playbooks(coach):
    page = browser_for(coach).get(reverse("coach:dashboard")).content.decode()
    assert reverse("coach:playbooks") in page and "My playbooks" in page


# --- the client's side ------------------------------------------------------------------------------


def test_a_linked_client_sees_her_coachs_playbooks_that_suit_the_case(client_user, coach, other_coach):
    link(client_user, coach)
    incident = make_incident(client_user, crisis_type=CrisisType.WORK_MISTAKE)
    make_playbook(coach, name="For every setback", prompts="What do you need from me?")
    make_playbook(coach, name="For mistakes", crisis_types=["work_mistake", "difficult_boss"])
    make_playbook(coach, name="For restructuring only", crisis_types=["restructuring"])
    services.playbook_archive(playbook=make_playbook(coach, name="An archived one"))
    make_playbook(other_coach, name="Of another coach")
    page = browser_for(client_user).get(resolve_url(incident)).content.decode()
    assert "From your coach" in page
    assert "For every setback" in page and "For mistakes" in page
    assert "What do you need from me?" in page and "Call the client" in page
    for hidden in ("For restructuring only", "An archived one", "Of another coach"):
        assert hidden not in page


def test_without_a_coach_there_is_no_panel(client_user, coach):
    make_playbook(coach)  # a coach she never linked
    incident = make_incident(client_user)
    page = browser_for(client_user).get(resolve_url(incident)).content.decode()
    assert 'id="from-your-coach"' not in page and "Winning back a client" not in page


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_one_click_adds_a_marked_step_due_from_the_clients_own_today(client_user, coach, zone):
    client_user.time_zone = zone
    client_user.save()
    link(client_user, coach)
    incident = make_incident(client_user)
    playbook = make_playbook(coach)
    call = playbook.steps.get(title="Call the client")
    browser = browser_for(client_user)
    response = browser.post(step_add_url(incident, playbook, call))
    assert response.status_code == 302 and response.url == resolve_url(incident) + "#plan"
    step = ActionStep.objects.get(incident=incident)
    # 25 Nov 10:00 UTC is already 26 Nov in Kiritimati (UTC+14), still 25 Nov in Los Angeles.
    today = datetime.date(2026, 11, 26) if zone == "Pacific/Kiritimati" else datetime.date(2026, 11, 25)
    due = today + datetime.timedelta(days=2)
    assert (step.title, step.kind, step.detail, step.from_playbook, step.due_on) == (
        "Call the client", "quick_win", "Before noon.", "Winning back a client", due,
    )  # fmt: skip
    assert PlaybookStepUse.objects.get(step=step).playbook_step == call
    assert TimelineEvent.objects.filter(
        incident=incident, kind="step_added", subject="Call the client"
    ).exists()
    page = browser.get(resolve_url(incident)).content.decode()
    assert "Added to your plan: Call the client" in page
    assert "From your coach’s playbook:" in page and "In your plan" in page


def test_add_all_adds_every_step_at_the_end_of_the_plan_once(client_user, coach):
    link(client_user, coach)
    incident = make_incident(client_user)
    incident_services.step_save(incident=incident, step=ActionStep(title="My own step"))
    playbook = make_playbook(coach)
    browser = browser_for(client_user)
    browser.post(step_add_url(incident, playbook, playbook.steps.get(title="Call the client")))
    response = browser.post(add_all_url(incident, playbook))
    assert response.status_code == 302
    titles = list(ActionStep.objects.filter(incident=incident).values_list("title", flat=True))
    assert titles == ["My own step", "Call the client", "Send a recovery plan"]
    assert "1 step added to your plan." in browser.get(resolve_url(incident)).content.decode()

    # Again: nothing is duplicated, and the client is told why.
    browser.post(add_all_url(incident, playbook))
    browser.post(step_add_url(incident, playbook, playbook.steps.get(title="Call the client")))
    assert ActionStep.objects.filter(incident=incident).count() == 3
    assert PlaybookStepUse.objects.count() == 2
    page = browser.get(resolve_url(incident)).content.decode()
    assert "Already in your plan: Call the client" in page
    assert "Add all steps" not in page  # nothing left to add


def test_the_same_step_may_join_another_case_of_hers(client_user, coach):
    link(client_user, coach)
    playbook = make_playbook(coach)
    call = playbook.steps.get(title="Call the client")
    browser = browser_for(client_user)
    for title in ("First case", "Second case"):
        browser.post(step_add_url(make_incident(client_user, title=title), playbook, call))
    assert ActionStep.objects.filter(title="Call the client").count() == 2


def test_when_the_link_ends_she_keeps_the_steps_and_the_playbooks_vanish(client_user, coach):
    coaching_link = link(client_user, coach)
    incident = make_incident(client_user)
    playbook = make_playbook(coach)
    browser = browser_for(client_user)
    browser.post(add_all_url(incident, playbook))
    link_end(link=coaching_link, ended_by=client_user)

    page = browser.get(resolve_url(incident)).content.decode()
    assert 'id="from-your-coach"' not in page
    assert "Call the client" in page and "From your coach’s playbook:" in page  # her steps stay, marked
    response = browser.post(step_add_url(incident, playbook, playbook.steps.first()))
    assert response.status_code == 404
    assert ActionStep.objects.filter(incident=incident).count() == 2


def test_a_new_coach_replaces_the_old_coachs_playbooks(client_user, coach, other_coach):
    old = link(client_user, coach)
    make_playbook(coach, name="Of the old coach")
    link_end(link=old, ended_by=client_user)
    link(client_user, other_coach)
    make_playbook(other_coach, name="Of the new coach")
    page = browser_for(client_user).get(resolve_url(make_incident(client_user))).content.decode()
    assert "Of the new coach" in page and "Of the old coach" not in page


def test_only_the_owner_with_her_coach_may_add(client_user, coach, other_coach, stranger):
    link(client_user, coach)
    incident = make_incident(client_user, crisis_type=CrisisType.WORK_MISTAKE)
    playbook = make_playbook(coach)
    layoffs = make_playbook(coach, name="Restructuring", crisis_types=["restructuring"])
    foreign = make_playbook(other_coach, name="Not of her coach")
    archived = make_playbook(coach, name="Archived")
    services.playbook_archive(playbook=archived)
    step = playbook.steps.first()
    owner = browser_for(client_user)
    attempts = [
        (browser_for(stranger), step_add_url(incident, playbook, step)),
        (browser_for(coach), step_add_url(incident, playbook, step)),  # the coach, not the owner
        (owner, add_all_url(incident, layoffs)),
        (owner, add_all_url(incident, foreign)),
        (owner, add_all_url(incident, archived)),
        (owner, step_add_url(incident, playbook, foreign.steps.first())),  # a step of another playbook
    ]
    for browser, url in attempts:
        assert browser.post(url).status_code == 404, url
        assert browser.get(url).status_code == 405
    assert not ActionStep.objects.exists() and not PlaybookStepUse.objects.exists()


# --- follow-through ---------------------------------------------------------------------------------


def test_the_coach_sees_how_each_playbooks_steps_were_followed_through(client_user, coach):
    link(client_user, coach)
    playbook = make_playbook(
        coach,
        steps=[{"title": f"Step {n}", "kind": "remedy", "due_in_days": 1, "detail": ""} for n in range(4)],
    )
    untouched = make_playbook(coach, name="Nobody used it yet")
    browser = browser_for(client_user)
    for title in ("Case one", "Case two"):
        browser.post(add_all_url(shared_incident(client_user, title=title), playbook))
    steps = list(ActionStep.objects.filter(playbook_use__playbook=playbook).order_by("pk"))
    assert len(steps) == 8
    # Steps the coach can't see don't count: a case the client keeps to herself, a former client's.
    browser.post(add_all_url(make_incident(client_user, title="Not shared"), playbook))
    former = make_user(display_name="A former client")
    former_link = link(former, coach)
    browser_for(former).post(add_all_url(shared_incident(former, title="Theirs"), playbook))
    link_end(link=former_link, ended_by=former)
    assert ActionStep.objects.filter(playbook_use__playbook=playbook).count() == 16
    for step in steps[:3]:
        incident_services.step_set_status(step=step, status=StepStatus.DONE)
    incident_services.step_check(step=steps[0], result=StepCheck.WORKED)
    incident_services.step_check(step=steps[1], result=StepCheck.PARTLY)
    incident_services.step_drop(step=steps[3], reason="Not needed")
    incident_services.step_delete(step=steps[4])  # deleted: no longer counted
    ActionStep.objects.create(incident=steps[5].incident, title="Her own", status=StepStatus.DONE)

    response = browser_for(coach).get(reverse("coach:playbooks"))
    rows = {p.name: p for p in response.context["page_obj"]}
    counts = (
        rows[playbook.name].added,
        rows[playbook.name].done,
        rows[playbook.name].worked,
        rows[playbook.name].dropped,
    )
    assert counts == (7, 3, 1, 1)
    assert (rows[untouched.name].added, rows[untouched.name].done) == (0, 0)
    assert rows[playbook.name].step_count == 4
    page = response.content.decode()
    assert 'data-testid="added">7<' in page and 'data-testid="worked">1<' in page


# --- query counts -----------------------------------------------------------------------------------

# Session, user, savepoint pair, two-factor check (coach_required), the coach profile (the navbar),
# the paginator's count, and the page of playbooks with their step counts and follow-through.
LIST_QUERIES = 8


@pytest.mark.parametrize("size", [1, 50])
def test_the_playbook_list_costs_the_same_whatever_the_rows(
    client_user, coach, size, django_assert_num_queries
):
    link(client_user, coach)
    incident = make_incident(client_user)
    for n in range(size):
        playbook = make_playbook(coach, name=f"Playbook {n:02}")
        services.playbook_steps_add(
            incident=incident,
            playbook=playbook,
            steps=list(playbook.steps.all()),
            today=datetime.date(2026, 11, 25),
        )
    browser = browser_for(coach)
    with django_assert_num_queries(LIST_QUERIES):
        response = browser.get(reverse("coach:playbooks"))
    assert response.content.decode().count('class="card mb-3 playbook-row"') == min(size, 20)


# The Resolve page's own count (tests/incidents/test_stage_page_queries.py RESOLVE_QUERIES) includes
# the panel's first query; with playbooks to show, their steps cost one more, however many there are.
@pytest.mark.parametrize("size", [1, 50])
def test_the_resolve_page_with_the_panel_costs_the_same_whatever_the_rows(
    client_user, coach, size, django_assert_num_queries
):
    from tests.incidents.test_stage_page_queries import RESOLVE_QUERIES

    link(client_user, coach)
    incident = make_incident(client_user)
    for n in range(size):
        playbook = make_playbook(coach, name=f"Playbook {n:02}")
        if n % 2:
            services.playbook_steps_add(
                incident=incident,
                playbook=playbook,
                steps=list(playbook.steps.all())[:1],
                today=datetime.date(2026, 11, 25),
            )
    browser = browser_for(client_user)
    with django_assert_num_queries(RESOLVE_QUERIES + 1):  # the playbooks' steps
        response = browser.get(resolve_url(incident))
    page = response.content.decode()
    assert page.count('class="card mb-3 coach-playbook"') == size
    assert page.count("From your coach’s playbook:") == size // 2
