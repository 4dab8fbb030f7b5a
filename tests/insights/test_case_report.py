"""The printable case report and its Markdown download: complete, owner-only, fixed query count."""

import pytest
from django.urls import reverse

from crisis_coach.coaching.models import CaseAccess, CoachingLink
from crisis_coach.coaching.services import (
    coach_comment_add,
    coach_note_add,
    comment_reply_add,
    incident_set_shared,
    link_create,
    link_end,
)
from tests.factories import make_incident, make_step, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


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
        "Setback logged.",  # timeline
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
    assert "In control at the close**: 8/10" in text


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
        assert response.url.startswith(reverse("account_login"))


def test_trashed_case_has_no_report(logged_in, full_case):
    from django.utils import timezone

    full_case.deleted_at = timezone.now()
    full_case.save()
    for url in urls(full_case):
        assert logged_in.get(url).status_code == 404


@pytest.mark.parametrize("steps", [1, 30])
def test_report_query_count_does_not_grow_with_steps(
    logged_in, client_user, coach, full_case, steps, django_assert_num_queries
):
    link_create(client=client_user, coach_profile=coach.coach_profile)
    incident_set_shared(incident=full_case, shared=True)
    for i in range(steps):
        make_step(full_case, title=f"Step {i}")
        comment = coach_comment_add(coach=coach, incident=full_case, body=f"Comment {i}", notify=False)
        comment_reply_add(author=client_user, comment=comment, body="Thanks")
    # session, user, savepoint pair, incident (+assessment, reflection), stakeholders, conversations,
    # steps, comments, their replies, timeline, coach profile (navbar); since the reviews after the
    # close, one more: the case's answered or skipped reviews
    with django_assert_num_queries(13):
        assert logged_in.get(urls(full_case)[0]).status_code == 200
    with django_assert_num_queries(12):
        assert logged_in.get(urls(full_case)[1]).status_code == 200


@pytest.fixture
def coached_case(client_user, coach, full_case):
    link_create(client=client_user, coach_profile=coach.coach_profile)
    incident_set_shared(incident=full_case, shared=True)
    comment = coach_comment_add(coach=coach, incident=full_case, body="Great candour.", notify=False)
    comment_reply_add(author=client_user, comment=comment, body="Thank you!")
    coach_note_add(coach=coach, client=client_user, incident=full_case, body="PRIVATE: watch the workload")
    return full_case


def test_the_owner_sees_coach_comments_but_never_the_coachs_private_notes(logged_in, coached_case):
    for url in urls(coached_case):
        text = logged_in.get(url + "?include_notes=1").content.decode()
        assert "Great candour." in text and "Thank you!" in text
        assert "PRIVATE" not in text
        assert "Include my private notes" not in text


def test_a_coach_prints_a_shared_case_with_comments_and_notes_only_on_request(client, coach, coached_case):
    client.force_login(coach)
    html, md = urls(coached_case)
    page = client.get(html).content.decode()
    assert "Great candour." in page and "Lost the Lee &amp; Co account" in page
    assert "PRIVATE" not in page
    assert "Include my private notes" in page
    assert "PRIVATE: watch the workload" in client.get(html + "?include_notes=1").content.decode()
    assert "PRIVATE" not in client.get(md).content.decode()
    assert "PRIVATE: watch the workload" in client.get(md + "?include_notes=1").content.decode()
    assert CaseAccess.objects.filter(coach=coach, incident=coached_case).count() == 1  # one visit, one view


def test_a_coach_gets_404_once_the_case_is_unshared_or_the_link_ends(
    client, client_user, coach, coached_case
):
    client.force_login(coach)
    incident_set_shared(incident=coached_case, shared=False)
    assert all(client.get(url).status_code == 404 for url in urls(coached_case))
    incident_set_shared(incident=coached_case, shared=True)
    assert client.get(urls(coached_case)[0]).status_code == 200
    link_end(link=CoachingLink.objects.get(client=client_user), ended_by=client_user)
    assert all(client.get(url).status_code == 404 for url in urls(coached_case))


def test_another_coach_gets_404_for_a_shared_case(client, coached_case):
    client.force_login(make_user(is_coach=True))
    assert all(client.get(url).status_code == 404 for url in urls(coached_case))
