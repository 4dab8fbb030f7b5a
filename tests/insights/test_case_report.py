"""The printable case report and its Markdown download: complete, owner-only, fixed query count."""

import pytest
from django.urls import reverse

from tests.factories import make_incident, make_step

pytestmark = pytest.mark.django_db


def urls(incident):
    return [
        reverse("insights:report", args=[incident.public_id]),
        reverse("insights:report_markdown", args=[incident.public_id]),
    ]


def test_report_urls_are_under_insights_without_sequential_ids(full_case):
    html, md = urls(full_case)
    assert html == f"/insights/report/{full_case.public_id}/"
    assert md == f"/insights/report/{full_case.public_id}.md"


def test_report_contains_every_part_of_the_case(logged_in, full_case):
    response = logged_in.get(urls(full_case)[0])
    page = response.content.decode()
    for text in [
        "Lost the Lee &amp; Co account",
        "A shared tracker for counter-offers.",  # assessment
        "Mr Chen",  # stakeholders
        "Disappointed but fair.",
        "I missed the counter-offer.",  # conversation
        "She gave me a second chance.",
        "Set up an offer tracker",  # plan
        "Follow up daily",  # reflection
        "You logged the setback.",  # timeline
    ]:
        assert text in page, text
    assert "css/print.css" in page
    assert page.count('class="report-section') == 5


def test_print_stylesheet_hides_navigation_and_breaks_pages_between_sections(client):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/print.css")).read_text()
    assert "@media print" in css
    assert "nav" in css and "footer" in css and ".btn" in css
    assert "page-break-before: always" in css


def test_markdown_download_is_an_attachment_with_the_whole_case(logged_in, full_case):
    response = logged_in.get(urls(full_case)[1])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="case-report-lost-the-lee-co-account.md"'
    text = response.content.decode()
    assert text.startswith("# Lost the Lee & Co account\n")
    for heading in [
        "## Assessment",
        "## Stakeholders",
        "## Conversations",
        "## Plan",
        "## Reflection",
        "## Timeline",
    ]:
        assert heading in text
    assert "- [x] **Call the client back**" in text
    assert "- [x] I will listen first" in text and "- [ ] I will stay calm" in text
    assert "Win back two accounts this quarter." in text
    assert "In control at the close:** 8/10" in text


def test_markdown_file_name_falls_back_for_titles_without_latin_letters(logged_in, client_user):
    incident = make_incident(client_user, title="錯過了客戶的還價")
    response = logged_in.get(urls(incident)[1])
    assert 'filename="case-report-case.md"' in response["Content-Disposition"]
    assert "# 錯過了客戶的還價" in response.content.decode()


def test_an_empty_case_still_makes_a_report(logged_in, client_user):
    incident = make_incident(client_user)
    assert "Not assessed yet." in logged_in.get(urls(incident)[0]).content.decode()
    assert "Not written yet." in logged_in.get(urls(incident)[1]).content.decode()


@pytest.mark.parametrize("intruder", ["stranger", "coach"])
def test_strangers_get_404_for_the_report_and_the_markdown(client, full_case, intruder, request):
    client.force_login(request.getfixturevalue(intruder))
    for url in urls(full_case):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in(client, full_case):
    for url in urls(full_case):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_trashed_case_has_no_report(logged_in, full_case):
    from django.utils import timezone

    full_case.deleted_at = timezone.now()
    full_case.save()
    for url in urls(full_case):
        assert logged_in.get(url).status_code == 404


@pytest.mark.parametrize("steps", [1, 30])
def test_report_query_count_does_not_grow_with_steps(logged_in, full_case, steps, django_assert_num_queries):
    for i in range(steps):
        make_step(full_case, title=f"Step {i}")
    # session, user, savepoint pair, incident (+assessment, reflection), stakeholders, conversations,
    # steps, timeline, coach profile (navbar)
    with django_assert_num_queries(10):
        assert logged_in.get(urls(full_case)[0]).status_code == 200
    with django_assert_num_queries(9):
        assert logged_in.get(urls(full_case)[1]).status_code == 200
