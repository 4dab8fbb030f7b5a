"""Feeling in control at the start, at the close and three months on (the last review after the
close), per case on the insights page and in the report, and on average across cases."""

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import CaseReview, Incident, ReviewStatus
from crisis_coach.incidents.reviews import reviews_schedule_missing
from crisis_coach.insights.selectors import incident_facts
from tests.insights.conftest import make_closed_case
from tests.page_parts import part_values

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def answer_review(incident, offset: int, control: int, **fields) -> CaseReview:
    reviews_schedule_missing(Incident.objects.filter(pk=incident.pk))
    review = CaseReview.objects.get(incident=incident, offset_days=offset)
    CaseReview.objects.filter(pk=review.pk).update(
        status=ReviewStatus.ANSWERED, control_now=control, happened_again="no", **fields
    )
    return review


def test_the_control_chart_adds_three_months_on_once_a_last_review_is_answered(logged_in, client_user):
    first = make_closed_case(client_user, title="Lost the Lee account", start=2, close=7)
    make_closed_case(client_user, title="Missed a deadline", start=4, close=6)
    page = logged_in.get(reverse("insights:home")).content.decode()
    assert "Three months on" not in page

    answer_review(first, 90, 9)
    answer_review(first, 7, 1)  # an earlier review is not the three-month one
    response = logged_in.get(reverse("insights:home"))
    page = response.content.decode()
    assert "How in control you felt, at the start, at the close and three months on" in page
    facts = {f.title: f.control_after_90 for f in incident_facts(client_user)}
    assert facts == {"Lost the Lee account": 9, "Missed a deadline": None}
    averages = dict(part_values(response)["control_averages"])
    assert averages == {"At the start": 3, "At the close": 6.5, "Three months on": 9}
    assert 'data-testid="control-averages"' in page


def test_the_report_lists_the_reviews_answered_and_skipped(logged_in, client_user):
    incident = make_closed_case(client_user, title="Lost the Lee account")
    answer_review(incident, 7, 6, notes="Calmer now.")
    CaseReview.objects.filter(incident=incident, offset_days=30).update(status=ReviewStatus.SKIPPED)
    page = logged_in.get(reverse("insights:report", args=[incident.public_id])).content.decode()
    assert "Reviews after the close" in page
    assert "A week after the close" in page and "Feeling in control: 6/10" in page
    assert "Calmer now." in page and "Skipped." in page
    assert "Three months after the close" not in page  # still waiting: nothing to report
    markdown = logged_in.get(reverse("insights:report_markdown", args=[incident.public_id])).content.decode()
    assert "## Reviews after the close" in markdown and "**How in control you felt**: 6/10" in markdown
