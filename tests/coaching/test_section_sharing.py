"""Sharing section by section (issue 20): a shared case shows its coach the plan, and beyond it only
what the client ticks on the sharing switch (the reflection, the evidence log, the thought records,
the check-ins). Every coach-facing page honours it at once: the case review, the section pages,
the printable report, the caseload search."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.coaching import selectors, services
from crisis_coach.coaching.models import CaseAccess
from crisis_coach.incidents.models import Incident, Stage
from crisis_coach.wellbeing.services import check_in_save
from crisis_coach.wellbeing.thoughts.services import thought_record_create
from tests.coaching.conftest import link
from tests.evidence.helpers import make_entry
from tests.factories import make_incident, make_reflection

pytestmark = pytest.mark.django_db

REFLECTION_WORDS = "Asking for help early was my quiet strength."
EVIDENCE_WORDS = "He took credit for my slides in the review."
THOUGHT_WORDS = "I will never be trusted with a client again."
CHECK_IN_WORDS = "Slept badly before the partner meeting."


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def case(client_user, coach):
    """A case of every section, not shared yet, of a client linked to the coach."""
    link(client_user, coach)
    incident = make_incident(client_user, title="The counter-offer")
    make_reflection(incident, strengths=REFLECTION_WORDS)
    make_entry(incident, what_happened=EVIDENCE_WORDS)
    thought_record_create(
        incident=incident,
        situation="The partner asked who had the offer.",
        thought=THOUGHT_WORDS,
        emotion="shame",
        intensity_before=80,
        traps=[],
    )
    check_in_save(
        owner=client_user,
        day=datetime.date(2026, 11, 24),
        expected_version=0,
        mood=2,
        control=4,
        sleep=2,
        note=CHECK_IN_WORDS,
    )
    incident.refresh_from_db()
    return incident


def share(browser, incident, *sections, shared="1"):
    """The client's sharing switch, as the form posts it (the ticked boxes only)."""
    url = reverse("coaching:incident_share", args=[incident.public_id])
    return browser.post(
        url, {"shared": shared, "sections": list(sections), "next": "/coaching/"}, follow=True
    )


def section_url(name: str, incident) -> str:
    return reverse(f"coach:{name}", args=[incident.public_id])


def coach_sees(browser, coach, incident) -> dict[str, bool]:
    """What the coach reaches of the case: each section page (200 or 404) and the reflection on the review."""
    browser.force_login(coach)
    review = _html(browser.get(section_url("case", incident)))
    seen = {"reflection": REFLECTION_WORDS in review}
    for name in ("evidence", "thoughts", "check_ins"):
        status = browser.get(section_url(name, incident)).status_code
        assert status in (200, 404), (name, status)
        seen[name] = status == 200
        # The review links to a section page exactly when the coach may open it.
        assert (section_url(name, incident) in review) is seen[name], name
    return seen


NOTHING_BEYOND_THE_PLAN = {"reflection": False, "evidence": False, "thoughts": False, "check_ins": False}


def test_sharing_shows_the_plan_only_by_default(client, client_user, coach, case):
    client.force_login(client_user)
    page = _html(share(client, case))
    assert "“The counter-offer” is shared with your coach." in page
    assert "Shared with Casey Coach: the plan." in page

    assert coach_sees(client, coach, case) == NOTHING_BEYOND_THE_PLAN
    review = _html(client.get(section_url("case", case)))
    assert "Your client shares with you: the plan." in review
    assert "A new client&#x27;s counter-offer slipped through" in review  # the plan itself is there


@pytest.mark.parametrize("section", ["reflection", "evidence", "thoughts", "check_ins"])
def test_each_section_shows_once_shared_and_hides_again_at_once(client, client_user, coach, case, section):
    client.force_login(client_user)
    share(client, case)
    assert coach_sees(client, coach, case) == NOTHING_BEYOND_THE_PLAN

    client.force_login(client_user)
    share(client, case, section)
    assert coach_sees(client, coach, case) == {**NOTHING_BEYOND_THE_PLAN, section: True}

    client.force_login(client_user)
    page = _html(share(client, case))  # the same switch, the box unticked
    assert "Saved. Your coach now sees of “The counter-offer”: the plan." in page
    assert coach_sees(client, coach, case) == NOTHING_BEYOND_THE_PLAN


def test_the_section_pages_show_what_is_shared_read_only(client, client_user, coach, case):
    client.force_login(client_user)
    share(client, case, "evidence", "thoughts", "check_ins")
    client.force_login(coach)

    thoughts = _html(client.get(section_url("thoughts", case)))
    assert THOUGHT_WORDS in thoughts and "Read-only" in thoughts
    assert "/edit/" not in thoughts and "/delete/" not in thoughts and "/balance/" not in thoughts

    check_ins = _html(client.get(section_url("check_ins", case)))
    assert CHECK_IN_WORDS in check_ins and "Read-only" in check_ins
    assert reverse("wellbeing:check_in") not in check_ins  # no edit link, even for today's
    assert CaseAccess.objects.filter(coach=coach, incident=case).exists()


def test_the_check_ins_are_those_of_the_days_of_the_case(client, client_user, coach, case):
    """From the day it happened (20 Nov) to its close, or today (25 Nov) while it is open."""
    for day, note in ((18, "Before it happened."), (25, "Today, still open.")):
        check_in_save(
            owner=client_user,
            day=datetime.date(2026, 11, day),
            expected_version=0,
            mood=3,
            control=5,
            sleep=3,
            note=note,
        )
    services.incident_set_shared(incident=case, shared=True, sections=["check_ins"])
    client.force_login(coach)
    page = _html(client.get(section_url("check_ins", case)))
    assert CHECK_IN_WORDS in page and "Today, still open." in page
    assert "Before it happened." not in page

    closed_at = datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC)
    Incident.objects.filter(pk=case.pk).update(stage=Stage.CLOSED, closed_at=closed_at)
    page = _html(client.get(section_url("check_ins", case)))
    assert CHECK_IN_WORDS in page and "Today, still open." not in page


def test_the_switch_shows_what_is_shared_on_both_pages(client, client_user, coach, case):
    client.force_login(client_user)
    share(client, case, "evidence", "check_ins")
    summary = "Shared with Casey Coach: the plan, the evidence log, the check-ins."
    for url in ("/coaching/", reverse("incidents:detail", args=[case.public_id])):
        page = _html(client.get(url))
        assert summary in page, url
        assert f'value="evidence" id="share-evidence-{case.public_id}" checked' in page, url
        assert f'value="reflection" id="share-reflection-{case.public_id}">' in page, url


def test_unsharing_forgets_the_choice_and_share_all_keeps_the_choices_made(client, client_user, coach, case):
    other = make_incident(client_user, title="Another setback")
    services.incident_set_shared(incident=case, shared=True, sections=["reflection", "evidence"])
    client.force_login(client_user)
    client.post("/coaching/share-all/", {"shared": "1"})
    case.refresh_from_db()
    other.refresh_from_db()
    assert (case.share_reflection, case.share_evidence, case.share_thoughts) == (True, True, False)
    assert other.shared_with_coach and not other.share_reflection  # newly shared: the plan only

    share(client, case, "reflection", shared="0")
    case.refresh_from_db()
    assert not case.shared_with_coach and not case.share_reflection and not case.share_evidence
    share(client, case)  # shared again: the plan only, until the client ticks more
    assert coach_sees(client, coach, case) == NOTHING_BEYOND_THE_PLAN


def test_a_new_coach_never_inherits_the_sections_shared_with_the_last(client_user, coach, case):
    services.incident_set_shared(incident=case, shared=True, sections=["reflection", "thoughts"])
    services.link_end(link=selectors.active_link_for_client(client_user), ended_by=client_user)
    case.refresh_from_db()
    assert not case.shared_with_coach and not case.share_reflection and not case.share_thoughts


def test_a_tampered_section_changes_nothing(client, client_user, coach, case):
    client.force_login(client_user)
    page = _html(share(client, case, "private_notes"))
    assert "Nothing changed: choose what to share from the list." in page
    case.refresh_from_db()
    assert not case.shared_with_coach


@pytest.mark.parametrize(
    ("words", "query"),
    [
        ("Asking the partner for help early was my strength.", "partner"),
        ("我學會了提早向主管求助。", "主管求助"),
    ],
    ids=["english", "chinese"],
)
def test_search_finds_the_reflection_only_while_it_is_shared(client, client_user, coach, words, query):
    link(client_user, coach)
    incident = make_incident(client_user, title="Lost offer", what_happened="The offer went elsewhere.")
    make_reflection(incident, lessons=words)
    services.incident_set_shared(incident=incident, shared=True)

    def found() -> bool:
        return selectors.filtered_caseload(coach, q=query).filter(pk=incident.pk).exists()

    assert not found()
    client.force_login(coach)
    dashboard = _html(client.get("/coach/", {"q": query}))
    assert "Lost offer" not in dashboard and words not in dashboard

    services.incident_set_shared(incident=incident, shared=True, sections=["reflection"])
    assert found()
    assert "Lost offer" in _html(client.get("/coach/", {"q": query}))

    services.incident_set_shared(incident=incident, shared=True, sections=[])
    assert not found()


def test_the_coachs_report_leaves_out_an_unshared_reflection(client, client_user, coach, case):
    report = reverse("insights:report", args=[case.public_id])
    markdown = reverse("insights:report_markdown", args=[case.public_id])
    services.incident_set_shared(incident=case, shared=True)
    client.force_login(coach)
    for url in (report, markdown):
        page = _html(client.get(url))
        assert REFLECTION_WORDS not in page and "Reflection" not in page, url
        assert "A new client" in page, url  # the plan is there

    services.incident_set_shared(incident=case, shared=True, sections=["reflection"])
    for url in (report, markdown):
        assert REFLECTION_WORDS in _html(client.get(url)), url

    # The client's own report always has it.
    services.incident_set_shared(incident=case, shared=False)
    client.force_login(client_user)
    assert REFLECTION_WORDS in _html(client.get(report))


# Session, user, savepoint, coach profile, two-factor (coach_required), the case with its owner and
# consent, the access log, the page's rows with the count (two), release savepoint.
SECTION_PAGE_QUERIES = 10


@pytest.mark.parametrize("size", [1, 50])
@pytest.mark.parametrize("section", ["thoughts", "check_ins"])
def test_section_pages_query_count_is_fixed(
    client, client_user, coach, django_assert_num_queries, size, section
):
    link(client_user, coach)
    start = datetime.date(2026, 9, 1)
    incident = make_incident(client_user, occurred_on=start)
    for number in range(size):
        if section == "thoughts":
            thought_record_create(
                incident=incident,
                situation=f"Situation {number}",
                thought=f"Thought {number}",
                emotion="worry",
                intensity_before=60,
                traps=["mind_reading"],
            )
        else:
            day = start + datetime.timedelta(days=number)
            check_in_save(owner=client_user, day=day, expected_version=0, mood=3, control=5, sleep=3)
    services.incident_set_shared(incident=incident, shared=True, sections=[section])
    client.force_login(coach)
    with django_assert_num_queries(SECTION_PAGE_QUERIES):
        response = client.get(section_url(section, incident))
    assert len(response.context["page_obj"].object_list) == min(size, 20)


def test_the_caseload_and_its_summary_show_nothing_of_a_section_not_shared(client, client_user, coach, case):
    services.incident_set_shared(incident=case, shared=True)
    client.force_login(coach)
    response = client.get("/coach/")
    page = _html(response)
    assert "The counter-offer" in page  # the case is in the caseload
    for words in (REFLECTION_WORDS, EVIDENCE_WORDS, THOUGHT_WORDS, CHECK_IN_WORDS):
        assert words not in page
    plan_only = response.context["summary"]

    # Every section shared: the rows and the figures are the plan's all the same.
    services.incident_set_shared(
        incident=case, shared=True, sections=["reflection", "evidence", "thoughts", "check_ins"]
    )
    response = client.get("/coach/")
    assert response.context["summary"] == plan_only
    assert [row.pk for row in response.context["page"].object_list] == [case.pk]


@pytest.mark.parametrize(
    "words", [EVIDENCE_WORDS, THOUGHT_WORDS, CHECK_IN_WORDS], ids=["evidence", "thought", "check-in"]
)
def test_the_coachs_search_never_finds_the_words_of_a_section_not_shared(client, coach, case, words):
    services.incident_set_shared(incident=case, shared=True, sections=["reflection"])
    query = " ".join(words.split()[:3])
    assert not selectors.filtered_caseload(coach, q=query).filter(pk=case.pk).exists()
    client.force_login(coach)
    assert "The counter-offer" not in _html(client.get("/coach/", {"q": query}))
    # The plan's own words are found, so the search itself works on this case.
    assert selectors.filtered_caseload(coach, q="counter-offer").filter(pk=case.pk).exists()
