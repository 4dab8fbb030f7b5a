"""The evidence report: a date range and people chosen, each entry's three dates, the numbers of
entries and of edits; as a print view and as a PDF rendered on the server, in the reader's language."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from crisis_coach.evidence.services import entry_update
from tests.evidence.helpers import make_entry
from tests.factories import make_incident, make_stakeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client_user, clock):
    incident = make_incident(client_user, title="My manager", crisis_type="difficult_boss")
    boss = make_stakeholder(incident, name="Mr Li")
    ana = make_stakeholder(incident, name="Ana", relation="colleague")
    make_entry(incident, happened_on=datetime.date(2026, 10, 1), what_happened="Too early", concerns=boss)
    first = make_entry(
        incident, happened_on=datetime.date(2026, 11, 3), what_happened="Shouted at me", concerns=boss
    )
    make_entry(
        incident, happened_on=datetime.date(2026, 11, 10), what_happened="Ana's own matter", concerns=ana
    )
    second = make_entry(
        incident,
        happened_on=datetime.date(2026, 11, 12),
        what_happened="Moved my deadline",
        present_stakeholders=[boss],
    )
    clock.shift(datetime.timedelta(days=1))
    for text in ("Moved my deadline twice", "Moved my deadline twice, without asking"):
        entry_update(
            entry=second,
            expected_version=None,
            present_stakeholders=[boss],
            present_contacts=[],
            what_happened=text,
        )
    return {"incident": incident, "boss": boss, "ana": ana, "first": first, "second": second}


def _query(case, **extra):
    return {
        "start": "2026-11-01",
        "end": "2026-11-30",
        "people": [str(case["boss"].public_id)],
        "show": "1",
        **extra,
    }


def test_the_form_comes_first_then_the_report_of_what_was_chosen(logged_in, case):
    url = reverse("evidence:report", args=[case["incident"].public_id])
    first = logged_in.get(url)
    assert first.context["report"] is None and "Show the report" in first.content.decode()

    response = logged_in.get(url, _query(case))
    report = response.context["report"]
    assert [e.what_happened for e in report.entries] == [
        "Shouted at me",
        "Moved my deadline twice, without asking",
    ]
    assert (report.entry_count, report.edit_count, report.edited_count) == (2, 2, 1)
    page = response.content.decode()
    assert "2 entries" in page and "2 edits" in page and "(in 1 entry)" in page
    assert "edited 2 times" in page and "never edited" in page
    assert "Written" in page and "Last edited" in page
    assert "Download as PDF" in page


def test_no_person_chosen_means_everyone_and_an_open_range_means_all_dates(logged_in, case):
    url = reverse("evidence:report", args=[case["incident"].public_id])
    report = logged_in.get(url, {"show": "1"}).context["report"]
    assert report.entry_count == 4
    assert "everyone in the case" in logged_in.get(url, {"show": "1"}).content.decode()


def test_an_end_before_the_start_is_refused_next_to_the_field(logged_in, case):
    url = reverse("evidence:report", args=[case["incident"].public_id])
    response = logged_in.get(url, _query(case, start="2026-11-20", end="2026-11-01"))
    assert response.status_code == 400
    assert "end" in response.context["form"].errors
    assert 'value="2026-11-20"' in response.content.decode()


def pdf_first_page(response) -> str:
    return PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_the_pdf_is_rendered_on_the_server_with_the_dates_and_counts(logged_in, case):
    url = reverse("evidence:report_pdf", args=[case["incident"].public_id])
    response = logged_in.get(url, _query(case))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="evidence-my-manager-')
    assert response["Content-Disposition"].endswith('.pdf"')
    text = pdf_first_page(response)
    assert "Evidence report" in text and "My manager" in text
    assert "2 entries" in text and "2 edits" in text
    assert "Shouted at me" in text and "Moved my deadline twice, without asking" in text
    assert "Too early" not in text and "Ana's own matter" not in text
    assert "Happened" in text and "Written" in text and "Last edited" in text


@pytest.mark.parametrize(
    ("language", "generated", "rtl"),
    [("zh-hant", "產生", False), ("ar", None, True)],
)
def test_the_pdf_is_in_the_readers_language_right_to_left_in_arabic(
    logged_in, client_user, case, language, generated, rtl
):
    client_user.language = language
    client_user.save()
    url = reverse("evidence:report_pdf", args=[case["incident"].public_id])
    response = logged_in.get(url, _query(case))
    assert response.status_code == 200
    assert response.context["rtl"] is rtl
    text = pdf_first_page(response)
    assert "Shouted at me" in text  # the person's own words stay as typed
    if generated:
        assert generated in text  # a translated line, drawn with the Chinese font
    else:  # Arabic letters (or their shaped forms) are in the page, not boxes
        assert any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


def test_the_pdf_without_a_valid_choice_goes_back_to_the_form(logged_in, case):
    url = reverse("evidence:report_pdf", args=[case["incident"].public_id])
    response = logged_in.get(url, _query(case, start="nonsense"))
    assert response.status_code == 302
    assert reverse("evidence:report", args=[case["incident"].public_id]) in response["Location"]
