"""Thought records inside a case: made in two parts (the thought and its traps, then both sides of it
with the thought kept in view), edited with conflicts caught, deleted after a confirmation, listed in a
fixed number of queries; the safety net after words that signal despair."""

import re

import pytest
from django.urls import reverse

from crisis_coach.wellbeing.models import ThinkingTrap, ThoughtRecord
from crisis_coach.wellbeing.thinking_traps import TRAP_GUIDES
from crisis_coach.wellbeing.thoughts import services
from tests.factories import make_incident
from tests.wellbeing.thought_helpers import THOUGHT, make_thought_record, part_one, part_two

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(client_user):
    return make_incident(client_user, title="Passed over for the new account")


def url(name, incident, record=None):
    return reverse(f"thoughts:{name}", args=[incident.public_id, *([record.public_id] if record else [])])


def test_the_cockpit_links_to_the_cases_thought_records(logged_in, incident):
    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert url("list", incident) in page


def test_a_thought_record_is_made_in_two_parts_with_the_thought_kept_in_view(logged_in, incident):
    page = logged_in.get(url("add", incident)).content.decode()
    assert "A thinking exercise, not therapy" in page
    assert "1. The thought" in page and 'aria-current="step">1. The thought' in page

    response = logged_in.post(url("add", incident), part_one())
    record = ThoughtRecord.objects.get(incident=incident)
    assert response.status_code == 302 and response.url == url("balance", incident, record)
    assert record.thought == THOUGHT and record.intensity_before == 80
    assert record.traps == ["catastrophising", "mind_reading"]
    assert record.intensity_after is None and record.balanced_thought == ""

    page = logged_in.get(response.url).content.decode()
    top = page.split('data-testid="thought-at-top"')[1].split("</aside>")[0]
    assert "I&#x27;ll never work in this field again." in top and "80 out of 100" in top
    assert "Catastrophising" in top and "Mind reading" in top
    # The thought comes before the second part's fields, which are empty for now.
    assert page.index('data-testid="thought-at-top"') < page.index('name="evidence_for"')
    assert re.search(r'<textarea name="balanced_thought"[^>]*dir="auto"', page)

    response = logged_in.post(url("balance", incident, record), part_two())
    assert response.status_code == 302
    assert response.url == f"{url('list', incident)}#thought-{record.public_id}"
    record.refresh_from_db()
    assert record.intensity_after == 45 and record.version == 2
    assert record.balanced_thought == "One mistake, not a verdict: I can earn the next account."

    page = logged_in.get(url("list", incident)).content.decode()
    assert "80 before, 45 after (out of 100)" in page
    assert "One mistake, not a verdict" in page
    assert re.search(r'<blockquote[^>]*dir="auto"', page)


def test_every_trap_shows_its_explanation_and_example(logged_in, incident):
    page = logged_in.get(url("add", incident)).content.decode()
    for value, label in ThinkingTrap.choices:
        assert f'value="{value}"' in page
        assert str(label).replace("“", "").replace("”", "") in page.replace("“", "").replace("”", "")
        assert str(TRAP_GUIDES[value].explanation) in page
    for example in ("I’ll never work in this field again.", "My boss thinks I’m useless.", "I’m a failure."):
        assert example in page


def test_bad_input_is_refused_next_to_the_field_and_what_was_typed_is_kept(logged_in, incident):
    response = logged_in.post(
        url("add", incident), part_one(thought="", intensity_before="150", traps=["mind_reading", "nonsense"])
    )
    assert response.status_code == 200
    assert not ThoughtRecord.objects.exists()
    page = response.content.decode()
    assert 'id="id_thought_error"' in page and "Write down the thought that upset you." in page
    assert 'id="id_intensity_before_error"' in page
    assert "Give a number from 0 (not at all) to 100 (as strong as it gets)." in page
    assert 'id="id_traps_error"' in page
    assert "My manager gave the new account to a colleague" in page  # the situation, kept
    assert 'value="150"' in page


def test_part_two_refuses_a_rating_outside_0_to_100_and_keeps_the_text(logged_in, incident):
    record = make_thought_record(incident)
    response = logged_in.post(url("balance", incident, record), part_two(intensity_after="-5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_intensity_after_error"' in page and "One mistake, not a verdict" in page
    record.refresh_from_db()
    assert record.intensity_after is None and record.balanced_thought == ""


def test_part_two_can_wait_and_the_list_offers_to_continue(logged_in, incident):
    record = make_thought_record(incident)
    page = logged_in.get(url("list", incident)).content.decode()
    assert "80 out of 100, not rated again yet" in page
    assert f'href="{url("balance", incident, record)}">Continue' in page


def test_double_posting_part_one_makes_one_record(logged_in, incident):
    page = logged_in.get(url("add", incident)).content.decode()
    token = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    for _ in range(2):
        response = logged_in.post(url("add", incident), part_one(submission=token))
        assert response.status_code == 302
    assert ThoughtRecord.objects.filter(incident=incident).count() == 1


def test_editing_part_one_keeps_part_two_and_goes_back_to_the_list(logged_in, incident):
    record = make_thought_record(incident, balanced_thought="A kinder thought.", intensity_after=50)
    page = logged_in.get(url("edit", incident, record)).content.decode()
    assert 'value="catastrophising" id="id_traps_0" class="form-check-input" checked>' in page
    data = part_one(thought="She thinks I'm useless.", traps=["mind_reading"], version=str(record.version))
    response = logged_in.post(url("edit", incident, record), data)
    assert response.status_code == 302 and response.url.startswith(url("list", incident))
    record.refresh_from_db()
    assert record.thought == "She thinks I'm useless." and record.traps == ["mind_reading"]
    assert record.balanced_thought == "A kinder thought." and record.intensity_after == 50


def test_a_stale_edit_is_a_conflict_and_keeps_what_was_typed(logged_in, incident):
    record = make_thought_record(incident)
    # Another tab saves part one meanwhile.
    services.thought_record_update(record=record, expected_version=1, thought="Saved in the other tab.")
    data = part_one(thought="Typed in this tab.", traps=["labelling"], version="1")
    response = logged_in.post(url("edit", incident, record), data)
    assert response.status_code == 303 and "conflict=" in response.url
    record.refresh_from_db()
    assert record.thought == "Saved in the other tab." and record.version == 2

    page = logged_in.get(response.url).content.decode()
    assert 'id="conflict"' in page and "Saved in the other tab." in page
    assert "Typed in this tab." in page  # in the form, kept
    assert "Catastrophising" in page.split('id="conflict"')[1].split("</dl>")[0]  # traps by name

    data["version"] = "2"  # saving again from the conflict page replaces it deliberately
    assert logged_in.post(url("edit", incident, record), data).status_code == 302
    record.refresh_from_db()
    assert record.thought == "Typed in this tab." and record.version == 3


def test_a_stale_second_part_is_a_conflict_too(logged_in, incident):
    record = make_thought_record(incident)
    services.thought_record_update(record=record, expected_version=1, balanced_thought="From the phone.")
    response = logged_in.post(url("balance", incident, record), part_two(version="1"))
    assert response.status_code == 303
    record.refresh_from_db()
    assert record.balanced_thought == "From the phone."
    page = logged_in.get(response.url).content.decode()
    assert "From the phone." in page and "One mistake, not a verdict" in page


def test_delete_asks_first_then_deletes_for_good(logged_in, incident):
    record = make_thought_record(incident)
    page = logged_in.get(url("delete", incident, record)).content.decode()
    assert "Delete this thought record for good?" in page and "I&#x27;ll never work" in page
    assert ThoughtRecord.objects.filter(pk=record.pk).exists()
    response = logged_in.post(url("delete", incident, record))
    assert response.status_code == 302 and response.url == url("list", incident)
    assert not ThoughtRecord.objects.filter(pk=record.pk).exists()


def test_words_that_signal_despair_bring_the_support_panel_before_going_on(logged_in, incident):
    record = make_thought_record(incident)
    response = logged_in.post(
        url("balance", incident, record), part_two(evidence_for="Honestly I feel hopeless about all of it.")
    )
    assert response.status_code == 302 and response.url.startswith(reverse("wellbeing:support"))
    page = logged_in.get(response.url).content.decode()
    assert 'data-testid="support-panel"' in page
    assert url("list", incident) in page  # "Continue" goes on to the list

    calm = logged_in.post(url("add", incident), part_one(thought="They will think I'm slow."))
    assert not calm.url.startswith(reverse("wellbeing:support"))


# session, user, savepoint pair (ATOMIC_REQUESTS), the case with what incident_for_owner loads with it
# (case_queryset: the case and its people, talks and steps), the page's count and its records, the
# coach profile (navbar)
LIST_QUERIES = 11


@pytest.mark.parametrize("records", [1, 50])
def test_the_list_query_count_does_not_grow_with_records(
    logged_in, incident, records, django_assert_num_queries
):
    for n in range(records):
        make_thought_record(incident, thought=f"Thought {n}", balanced_thought="Balanced", intensity_after=40)
    with django_assert_num_queries(LIST_QUERIES):
        response = logged_in.get(url("list", incident))
    assert response.status_code == 200
    assert response.content.decode().count('class="list-group-item thought-record"') == min(records, 20)
