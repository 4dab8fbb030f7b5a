"""Dates and composed strings read as the language writes them: in Arabic a date never shows as
"12/01/2026" (month first, read as 12 January), and Chinese and Arabic get their own colon and
list separators ("風險：高", "a؛ b"), not a Latin ": " or "; " glued between translated parts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching import services as coaching
from tests.factories import make_assessment, make_conversation, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db

NUMERIC_DATE = re.compile(r"\d{1,2}\u200f?/\d{1,2}\u200f?/\d{2,4}")
ARABIC_DAY = re.compile(r"\d{1,2} [\u0600-\u06ff]+ \d{4}")
ARABIC_MOMENT = re.compile(r"\d{1,2} [\u0600-\u06ff]+ \d{4}، \d{2}:\d{2}")


def page(client, user, url, language):
    user.language = language
    user.save()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def half_assessed(client_user):
    """Assessed (so it has a risk), with no person named and no root cause: two things still needed."""
    incident = make_incident(client_user)
    make_assessment(incident, root_cause="")
    return incident


def test_chinese_risk_badge_and_still_needed_use_full_width_punctuation(client, client_user, half_assessed):
    html = page(client, client_user, reverse("incidents:detail", args=[half_assessed.public_id]), "zh-hant")
    text = text_of(html)
    assert "風險：" in text
    assert "風險: " not in text
    assert "；" in text, "the items still needed are separated by a full-width semicolon"
    assert "; " not in text


def test_arabic_lists_use_the_arabic_semicolon(client, client_user, half_assessed):
    text = text_of(
        page(client, client_user, reverse("incidents:detail", args=[half_assessed.public_id]), "ar")
    )
    assert "؛ " in text
    assert "; " not in text


def test_coach_review_in_chinese_composes_with_chinese_punctuation(client, coach, client_user, half_assessed):
    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    coaching.incident_set_shared(incident=half_assessed, shared=True)
    text = text_of(page(client, coach, reverse("coach:case", args=[half_assessed.public_id]), "zh-hant"))
    assert "風險：" in text
    assert "；" in text
    assert "; " not in text


@pytest.mark.dates
def test_arabic_dates_are_day_first_with_the_month_in_words(client, client_user):
    incident = make_incident(client_user)
    make_assessment(incident)
    key = make_stakeholder(incident, influence=5)
    planned = timezone.now() + timedelta(days=2)
    make_conversation(incident, key, planned_for=planned)

    detail = text_of(page(client, client_user, reverse("incidents:detail", args=[incident.public_id]), "ar"))
    report = text_of(page(client, client_user, reverse("insights:report", args=[incident.public_id]), "ar"))

    day = timezone.localtime(planned, timezone=client_user.zone).date()
    # The next best action names the day of the talk: "12 يناير 2026", never "01/12/2026".
    assert re.search(rf"{day.day} [\u0600-\u06ff]+ {day.year}", detail)
    for text in (detail, report):
        assert NUMERIC_DATE.search(text) is None, NUMERIC_DATE.search(text).group(0)
    assert ARABIC_DAY.search(report)
    # The timeline's and the comment's moments: day, month in words, year, then the time.
    assert ARABIC_MOMENT.search(report)


@pytest.mark.dates
def test_chinese_dates_are_written_year_month_day(client, client_user, half_assessed):
    text = text_of(
        page(client, client_user, reverse("insights:report", args=[half_assessed.public_id]), "zh-hant")
    )
    today = timezone.localdate(timezone=client_user.zone)
    assert f"{today.year}年{today.month}月{today.day}日" in text
    assert NUMERIC_DATE.search(text) is None


def test_markdown_report_in_chinese_uses_full_width_colon_and_enumeration_comma(
    client, client_user, half_assessed
):
    make_stakeholder(half_assessed, name="Ms Wang", influence=4)
    client_user.language = "zh-hant"
    client_user.save()
    client.force_login(client_user)
    markdown = client.get(
        reverse("insights:report_markdown", args=[half_assessed.public_id])
    ).content.decode()
    assert "**風險**：" in markdown
    assert ":** " not in markdown
    stakeholder_line = next(line for line in markdown.splitlines() if "Ms Wang" in line)
    assert "、" in stakeholder_line and ", " not in stakeholder_line
