"""The insights page shows, for one case, how strong the feeling was before and after each thought
record, in a fixed number of queries; only the person's own page, never a coach's."""

import pytest
from django.urls import reverse

from crisis_coach.insights.thoughts import thought_charts
from tests.factories import make_incident
from tests.wellbeing.thought_helpers import make_thought_record

pytestmark = pytest.mark.django_db
URL = reverse("insights:home")


def test_the_chart_shows_before_and_after_of_each_record_of_the_chosen_case(logged_in, client_user, clock):
    import datetime

    older = make_incident(client_user, title="Older case")
    make_thought_record(older, emotion="Angry", intensity_before=70, intensity_after=30)
    clock.shift(datetime.timedelta(hours=1))
    case = make_incident(client_user, title="Passed over")
    make_thought_record(case, emotion="Anxious", intensity_before=80, intensity_after=45)
    clock.shift(datetime.timedelta(hours=1))
    make_thought_record(case, emotion="Ashamed", intensity_before=90)  # not re-rated yet

    page = logged_in.get(URL).content.decode()
    section = page.split('data-testid="thought-chart"')[1].split("</section>")[0]
    assert "How strong the feeling was, before and after each thought record" in section
    assert "selected>Passed over</option>" in section  # the case with the newest record first
    rows = section.split("<tbody>")[1].split("</tbody>")[0]
    # Oldest first: 80 then 45; 90 and not rated again ("—").
    assert rows.index("Anxious") < rows.index("Ashamed")
    assert '<td class="text-end">80</td><td class="text-end">45</td>' in rows
    assert '<td class="text-end">90</td><td class="text-end">—</td>' in rows
    assert "Angry" not in rows

    page = logged_in.get(f"{URL}?thought_case={older.public_id}").content.decode()
    rows = page.split('data-testid="thought-chart"')[1].split("<tbody>")[1].split("</tbody>")[0]
    assert '<td class="text-end">70</td><td class="text-end">30</td>' in rows and "Anxious" not in rows


def test_no_thought_records_no_section(logged_in, client_user):
    make_incident(client_user)
    assert 'data-testid="thought-chart"' not in logged_in.get(URL).content.decode()


@pytest.mark.parametrize("records", [1, 50])
def test_the_chart_costs_two_queries_whatever_the_records(client_user, records, django_assert_num_queries):
    make_thought_record(make_incident(client_user, title="Another"))
    case = make_incident(client_user)
    for n in range(records):
        make_thought_record(case, intensity_before=50 + n % 50, intensity_after=n % 50)
    # the cases with records (the picker), the chosen case's latest records
    with django_assert_num_queries(2):
        charts = thought_charts(client_user, chosen=None, rtl=False)
    assert len(charts["thought_cases"]) == 2
    assert len(charts["thought_records"]) == min(records, 12)


def test_without_records_the_chart_costs_one_query(client_user, django_assert_num_queries):
    make_incident(client_user)
    with django_assert_num_queries(1):
        assert thought_charts(client_user, chosen=None, rtl=False)["thought_chart"] is None


def test_a_coachs_insights_never_show_a_clients_thought_records(client, client_user, coach):
    from crisis_coach.coaching import services as coaching

    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    case = make_incident(client_user)
    coaching.incident_set_shared(incident=case, shared=True)
    make_thought_record(case, thought="Private to me.")
    client.force_login(coach)
    page = client.get(URL).content.decode()
    assert 'data-testid="thought-chart"' not in page and "Private to me." not in page
    report = client.get(reverse("insights:report", args=[case.public_id])).content.decode()
    assert "Private to me." not in report
