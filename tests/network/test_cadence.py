"""The two-level cadence: due past the ideal gap, overdue past the latest, defaults per relationship."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.network import rules, selectors, services
from crisis_coach.network.models import Contact, RelationshipCadence
from crisis_coach.reminders.selectors import settings_for
from tests.accounts.test_import_refusals import valid_document
from tests.factories import PASSWORD
from tests.network.conftest import make_contact, make_interaction, today_for
from tests.reminders.test_digest import morning, send

D = datetime.date


def content(response) -> str:
    return response.content.decode()


def hidden_fields(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def section(page: str, key: str) -> str:
    start = page.find(f'data-testid="group-{key}"')
    return "" if start == -1 else page[start : page.find("</section>", start)]


# --- the rules, on fixed dates -------------------------------------------------------------------


ADDED, TODAY = D(2026, 1, 1), D(2026, 6, 1)


def status(*, last, ideal=30, latest=None, snoozed=None, added=ADDED, today=TODAY):
    return rules.touch_status(
        last_contacted_on=last,
        added_on=added,
        cadence_days=ideal,
        latest_gap_days=latest,
        snoozed_until=snoozed,
        today=today,
    )


def test_due_from_the_day_the_ideal_gap_has_passed_overdue_from_the_day_the_latest_has():
    today = D(2026, 6, 1)
    assert status(last=today - datetime.timedelta(days=29), latest=60).state == rules.IN_TOUCH
    due = status(last=today - datetime.timedelta(days=30), latest=60)
    assert (due.state, due.days_due, due.days_overdue) == (rules.DUE, 0, None)
    still_due = status(last=today - datetime.timedelta(days=59), latest=60)
    assert (still_due.state, still_due.days_due) == (rules.DUE, 29)
    overdue = status(last=today - datetime.timedelta(days=65), latest=60)
    assert (overdue.state, overdue.days_due, overdue.days_overdue) == (rules.OVERDUE, 35, 5)
    assert overdue.overdue_on == today - datetime.timedelta(days=5)


def test_without_a_latest_gap_a_contact_is_due_but_never_overdue():
    long_ago = status(last=D(2020, 1, 1), latest=None)
    assert long_ago.state == rules.DUE and long_ago.overdue_on is None


def test_someone_never_contacted_is_due_from_the_day_added_and_overdue_once_the_slack_has_passed():
    added = D(2026, 5, 1)
    assert status(last=None, latest=60, added=added, today=added).state == rules.DUE
    assert status(last=None, latest=60, added=added, today=D(2026, 5, 30)).state == rules.DUE
    assert status(last=None, latest=60, added=added, today=D(2026, 5, 31)).state == rules.OVERDUE


def test_built_in_defaults_per_relationship_and_the_persons_own_first():
    assert rules.cadence_default("mentor") == rules.CadenceDefault(60, 120)
    assert rules.cadence_default("recruiter") == rules.CadenceDefault(90, 180)
    assert rules.cadence_default("community") == rules.CadenceDefault(60, None)
    own = {"mentor": rules.CadenceDefault(14, 28)}
    assert rules.cadence_default("mentor", own) == rules.CadenceDefault(14, 28)
    assert rules.cadence_default("peer", own) == rules.CadenceDefault(45, 90)


# --- the SQL mirrors the rules -------------------------------------------------------------------

CASES = [
    # (days since last touch or None, days since added, ideal, latest, snooze ends in n days or None)
    (10, 400, 30, 60, None),
    (30, 400, 30, 60, None),
    (59, 400, 30, 60, None),
    (60, 400, 30, 60, None),
    (90, 400, 30, None, None),
    (None, 0, 30, 60, None),
    (None, 29, 30, 60, None),
    (None, 30, 30, 60, None),
    (90, 400, 30, 60, 3),
    (90, 400, 30, 60, 0),
    (20, 400, 30, 60, 40),
    (5, 400, 2**31 - 1, None, None),
    (5, 400, 36500, 36500, None),
]


@pytest.mark.django_db
@pytest.mark.dates
def test_the_lists_sql_agrees_with_the_model_on_every_case(client_user):
    today = today_for(client_user)
    ago = lambda n: None if n is None else today - datetime.timedelta(days=n)  # noqa: E731
    for index, (last, added, ideal, latest, snooze) in enumerate(CASES):
        contact = make_contact(client_user, name=f"Case {index:02}")
        Contact.objects.filter(pk=contact.pk).update(
            last_contacted_on=ago(last),
            added_on=ago(added),
            latest_gap_days=latest,
            cadence_days=ideal,
            snoozed_until=None if snooze is None else today + datetime.timedelta(days=snooze),
        )
    rows = list(selectors.with_touch_days(Contact.objects.filter(owner=client_user), today))
    for contact in rows:
        assert contact.touch_due == contact.touch_due_on, contact.name
        assert contact.touch_overdue == contact.touch_overdue_on, contact.name
        assert contact.touch_is_overdue == contact.touch_status(today).is_overdue, contact.name
    due = {c.name for c in selectors.contacts_due_for_touch(user=client_user, today=today)}
    assert due == {c.name for c in rows if c.touch_status(today).is_due}


# --- the keep-in-touch list ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.dates
def test_keep_in_touch_lists_the_overdue_first_in_red_and_in_words(logged_in, client_user):
    due = make_contact(client_user, name="Due Dalia", cadence_days=10, latest_gap_days=100, importance=5)
    make_interaction(due, days_ago=40)  # due 30 days ago, not yet overdue
    late = make_contact(client_user, name="Late Lina", cadence_days=10, latest_gap_days=20, importance=1)
    make_interaction(late, days_ago=25)  # overdue by 5 days, though due for less long than Dalia
    make_contact(client_user, name="Fine Farid", cadence_days=30, latest_gap_days=60)
    make_interaction(Contact.objects.get(name="Fine Farid"), days_ago=1)
    page = content(logged_in.get(reverse("network:keep_in_touch")))
    assert page.index("Late Lina") < page.index("Due Dalia")
    assert "Fine Farid" not in page
    assert "Overdue by 5 days" in page and "Due for 30 days" in page
    row = page[page.index("Late Lina") : page.index("Due Dalia")]
    assert "text-bg-danger" in row and "bi-exclamation-triangle-fill" in row
    assert 'data-state="overdue"' in page and 'data-state="due"' in page


@pytest.mark.django_db
@pytest.mark.dates
def test_the_contact_list_sorted_by_most_overdue_puts_those_past_their_latest_first(logged_in, client_user):
    due = make_contact(client_user, name="Due Dalia", cadence_days=10, latest_gap_days=100)
    make_interaction(due, days_ago=40)
    late = make_contact(client_user, name="Late Lina", cadence_days=10, latest_gap_days=20)
    make_interaction(late, days_ago=25)
    page = content(logged_in.get(reverse("network:contacts"), {"sort": "overdue", "due": "on"}))
    assert page.index("Late Lina") < page.index("Due Dalia")


@pytest.mark.django_db
@pytest.mark.dates
def test_the_contact_page_shows_both_gaps_and_where_the_contact_stands(logged_in, client_user):
    contact = make_contact(client_user, name="Late Lina", cadence_days=10, latest_gap_days=20)
    make_interaction(contact, days_ago=21)
    page = content(logged_in.get(reverse("network:contact_detail", args=[contact.public_id])))
    assert "in touch every 10 days, at the latest every 20 days" in page
    assert "Overdue by 1 day" in page
    assert reverse("network:contact_snooze", args=[contact.public_id]) in page


# --- the contact form ----------------------------------------------------------------------------


def contact_form_data(logged_in, **fields):
    page = content(logged_in.get(reverse("network:contact_create")))
    return {**hidden_fields(page), "name": "Dana Mentor", "importance": "3", **fields}


@pytest.mark.django_db
def test_the_form_names_both_gaps_and_refuses_a_latest_before_the_ideal(logged_in):
    page = content(logged_in.get(reverse("network:contact_create")))
    assert "Ideally every (days)" in page and "At the latest every (days)" in page
    data = contact_form_data(logged_in, relationship="peer", cadence_days="30", latest_gap_days="10")
    response = logged_in.post(reverse("network:contact_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["latest_gap_days"] == [
        "The latest gap cannot be shorter than the ideal one (30 days)."
    ]
    assert 'value="Dana Mentor"' in content(response) and 'value="10"' in content(response)
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_the_edit_form_keeps_an_empty_latest_as_no_latest(logged_in, client_user):
    contact = make_contact(client_user, cadence_days=30, latest_gap_days=60)
    url = reverse("network:contact_edit", args=[contact.public_id])
    page = content(logged_in.get(url))
    data = {
        **hidden_fields(page),
        "name": contact.name,
        "relationship": contact.relationship,
        "importance": "3",
        "cadence_days": "20",
        "latest_gap_days": "",
    }
    assert logged_in.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert (contact.cadence_days, contact.latest_gap_days) == (20, None)


@pytest.mark.django_db
def test_a_new_contact_starts_with_the_default_of_the_relationship(logged_in, client_user):
    mentor_page = content(logged_in.get(reverse("network:contact_create"), {"relationship": "mentor"}))
    assert (
        'name="cadence_days" value="60"' in mentor_page
        and 'name="latest_gap_days" value="120"' in mentor_page
    )
    # The form opened with a colleague's defaults (30 / 90); a recruiter was chosen and the gaps left
    # as they were: without JavaScript nothing refilled them, so the recruiter's defaults apply.
    data = contact_form_data(logged_in, relationship="recruiter", cadence_days="30", latest_gap_days="90")
    assert logged_in.post(reverse("network:contact_create"), data).status_code == 302
    contact = Contact.objects.get()
    assert (contact.cadence_days, contact.latest_gap_days) == (90, 180)


@pytest.mark.django_db
def test_gaps_typed_on_a_new_contact_are_kept(logged_in):
    data = contact_form_data(logged_in, relationship="recruiter", cadence_days="7", latest_gap_days="14")
    logged_in.post(reverse("network:contact_create"), data)
    assert Contact.objects.values_list("cadence_days", "latest_gap_days").get() == (7, 14)


@pytest.mark.django_db
def test_the_service_and_the_form_take_the_persons_own_default(logged_in, client_user):
    services.cadence_defaults_save(owner=client_user, values={"mentor": rules.CadenceDefault(14, 28)})
    contact = services.contact_create(owner=client_user, name="Imported Mentor", relationship="mentor")
    assert (contact.cadence_days, contact.latest_gap_days) == (14, 28)
    page = content(logged_in.get(reverse("network:contact_create"), {"relationship": "mentor"}))
    assert 'name="cadence_days" value="14"' in page
    community = services.contact_create(owner=client_user, name="Forum Friend", relationship="community")
    assert (community.cadence_days, community.latest_gap_days) == (60, None)


@pytest.mark.django_db
def test_creating_many_reads_the_defaults_once(client_user):
    services.cadence_defaults_save(owner=client_user, values={"peer": rules.CadenceDefault(5, 10)})
    defaults = selectors.cadence_defaults(user=client_user)
    with CaptureQueriesContext(connection) as queries:
        contact = services.contact_create(
            owner=client_user, name="Imported Peer", relationship="peer", cadence_defaults=defaults
        )
    assert not [q for q in queries if "network_relationshipcadence" in q["sql"]]
    assert (contact.cadence_days, contact.latest_gap_days) == (5, 10)


# --- the defaults page ---------------------------------------------------------------------------


def defaults_data(**changes) -> dict:
    data = {}
    for value, default in rules.BUILT_IN_CADENCES.items():
        data[f"{value}_ideal"] = str(default.ideal_days)
        data[f"{value}_latest"] = "" if default.latest_days is None else str(default.latest_days)
    return {**data, **changes}


@pytest.mark.django_db
def test_setting_a_default_stores_only_what_differs_and_leaves_contacts_alone(logged_in, client_user):
    mentor = make_contact(
        client_user, name="Old Mentor", relationship="mentor", cadence_days=60, latest_gap_days=120
    )
    url = reverse("network:cadence_defaults")
    page = content(logged_in.get(url))
    assert "Keep-in-touch defaults" in page and page.count('data-testid="cadence-row"') == 7
    response = logged_in.post(url, defaults_data(mentor_ideal="21", mentor_latest="42"), follow=True)
    assert "Your keep-in-touch defaults are saved." in content(response)
    assert list(RelationshipCadence.objects.values_list("relationship", "ideal_days", "latest_days")) == [
        ("mentor", 21, 42)
    ]
    mentor.refresh_from_db()
    assert (mentor.cadence_days, mentor.latest_gap_days) == (60, 120)
    assert 'name="mentor_ideal" id="id_mentor_ideal" value="21"' in content(logged_in.get(url))
    # Back to the built-in: no row of her own any more.
    logged_in.post(url, defaults_data())
    assert not RelationshipCadence.objects.exists()


@pytest.mark.django_db
def test_applying_a_new_default_changes_only_contacts_still_on_the_old_one(logged_in, client_user):
    on_default = services.contact_create(owner=client_user, name="On Default", relationship="peer")
    own_gaps = make_contact(
        client_user, name="Own Gaps", relationship="peer", cadence_days=10, latest_gap_days=90
    )
    other_kind = services.contact_create(owner=client_user, name="A Colleague", relationship="colleague")
    data = defaults_data(peer_ideal="20", peer_latest="", apply_to_contacts="on")
    response = logged_in.post(reverse("network:cadence_defaults"), data, follow=True)
    assert "1 contact on the old default changed with it." in content(response)
    on_default.refresh_from_db(), own_gaps.refresh_from_db(), other_kind.refresh_from_db()
    assert (on_default.cadence_days, on_default.latest_gap_days, on_default.version) == (20, None, 2)
    assert (own_gaps.cadence_days, own_gaps.latest_gap_days) == (10, 90)
    assert (other_kind.cadence_days, other_kind.latest_gap_days) == (30, 90)


@pytest.mark.django_db
def test_a_bad_default_gets_a_message_next_to_it_and_nothing_is_saved(logged_in):
    url = reverse("network:cadence_defaults")
    response = logged_in.post(url, defaults_data(client_ideal="50", client_latest="20", peer_ideal="0"))
    assert response.status_code == 200
    page = content(response)
    assert "The latest gap cannot be shorter than the ideal one (50 days)." in page
    assert 'id="id_client_latest-error"' in page and 'value="20"' in page
    assert "Ensure this value is greater than or equal to 1." in page
    assert not RelationshipCadence.objects.exists()


# --- Today and the digest -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.dates
def test_today_lists_an_overdue_touch_under_overdue_and_a_due_one_under_today(logged_in, client_user):
    late = make_contact(client_user, name="Late Lina", cadence_days=10, latest_gap_days=20)
    make_interaction(late, days_ago=25)
    due = make_contact(client_user, name="Due Dalia", cadence_days=10, latest_gap_days=100)
    make_interaction(due, days_ago=40)
    page = content(logged_in.get(reverse("reminders:today")))
    overdue, today = section(page, "overdue"), section(page, "today")
    assert "Get in touch with Late Lina" in overdue and "5 days late" in overdue
    assert "Get in touch with Due Dalia" in today and "Due Dalia" not in overdue
    assert page.index('data-testid="group-overdue"') < page.index('data-testid="group-today"')
    snooze = reverse("network:contact_snooze", args=[late.public_id])
    assert f"{snooze}?next=/" in page


@pytest.mark.django_db
@pytest.mark.dates
def test_the_digest_lists_the_overdue_first_with_a_link_to_snooze(client_user):
    client_user.discreet_mode = False
    client_user.save(update_fields=["discreet_mode"])
    late = make_contact(client_user, name="Late Lina", cadence_days=10, latest_gap_days=20)
    make_interaction(late, days_ago=25)
    due = make_contact(client_user, name="Due Dalia", cadence_days=10, latest_gap_days=100)
    make_interaction(due, days_ago=40)
    settings_for(client_user)
    send(morning(client_user))
    [message] = [m for m in mail.outbox if m.to == [client_user.email]]
    body = message.body
    assert body.index("Overdue") < body.index("Get in touch with Late Lina") < body.index("Today")
    assert body.index("Today") < body.index("Get in touch with Due Dalia")
    snooze = reverse("network:contact_snooze", args=[late.public_id])
    assert snooze in body
    [(html, _mimetype)] = message.alternatives
    assert snooze in html


# --- export, import, deletion --------------------------------------------------------------------


@pytest.mark.django_db
def test_export_and_import_carry_the_defaults_the_latest_gap_and_the_snooze(client, client_user):
    services.cadence_defaults_save(owner=client_user, values={"mentor": rules.CadenceDefault(21, None)})
    contact = make_contact(client_user, cadence_days=10, latest_gap_days=30)
    services.contact_snooze(contact=contact, until=today_for(client_user) + datetime.timedelta(days=5))
    client.force_login(client_user)
    document = json.loads(client.get(reverse("accounts:export")).content)
    assert document["network"]["cadences"] == [
        {"relationship": "mentor", "ideal_days": 21, "latest_days": None}
    ]
    [record] = document["network"]["contacts"]
    assert record["latest_gap_days"] == 30 and record["snoozed_until"] == contact.snoozed_until.isoformat()

    fresh = User.objects.create_user(email="fresh@example.test", password=PASSWORD, display_name="Fresh")
    client.force_login(fresh)
    upload = SimpleUploadedFile("export.json", json.dumps(document).encode(), "application/json")
    assert client.post(reverse("accounts:import"), {"file": upload}).status_code == 302
    assert RelationshipCadence.objects.filter(owner=fresh).values_list(
        "relationship", "ideal_days"
    ).get() == (
        "mentor",
        21,
    )
    copy = Contact.objects.get(owner=fresh)
    assert (copy.latest_gap_days, copy.snoozed_until) == (30, contact.snoozed_until)


@pytest.mark.django_db
def test_an_older_file_without_them_still_imports_and_bad_ones_are_refused(client, client_user):
    client.force_login(client_user)
    old = valid_document()
    old["version"] = 2
    old["network"].pop("cadences", None)
    for record in old["network"]["contacts"]:
        record.pop("latest_gap_days", None), record.pop("snoozed_until", None)

    def post(document):
        upload = SimpleUploadedFile("export.json", json.dumps(document).encode(), "application/json")
        return client.post(reverse("accounts:import"), {"file": upload})

    bad = json.loads(json.dumps(old))
    bad["version"] = 3
    bad["network"]["cadences"] = [
        {"relationship": "mentor", "ideal_days": 30, "latest_days": 10},
        {"relationship": "peer", "ideal_days": 30, "latest_days": None},
        {"relationship": "peer", "ideal_days": 20, "latest_days": None},
    ]
    bad["network"]["contacts"][0]["latest_gap_days"] = 0
    page = content(post(bad))
    assert "network.cadences[0].latest_days: The latest gap cannot be shorter than the ideal one." in page
    assert "network.cadences: the relationship peer appears twice." in page
    assert "network.contacts[0].latest_gap_days" in page
    assert not RelationshipCadence.objects.exists() and not Contact.objects.exists()

    assert post(old).status_code == 302
    assert Contact.objects.filter(
        owner=client_user, latest_gap_days__isnull=True, snoozed_until=None
    ).exists()
    assert not RelationshipCadence.objects.exists()


@pytest.mark.django_db
def test_deleting_the_account_removes_the_defaults(logged_in, client_user, stranger):
    services.cadence_defaults_save(owner=client_user, values={"mentor": rules.CadenceDefault(21, 42)})
    services.cadence_defaults_save(owner=stranger, values={"peer": rules.CadenceDefault(10, None)})
    response = logged_in.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert list(RelationshipCadence.objects.values_list("owner", flat=True)) == [stranger.pk]


# --- pinned query counts -------------------------------------------------------------------------

# Every page: session, user, coach profile (navbar), savepoint pair (ATOMIC_REQUESTS in a test) = 5.
# Keep in touch: + due count + due rows + important dates + commitments coming due + trust record.
KEEP_IN_TOUCH_QUERIES = 10


@pytest.mark.django_db
@pytest.mark.dates
@pytest.mark.parametrize("size", [1, 500])
def test_keep_in_touch_with_overdue_due_and_snoozed_costs_the_same_for_1_or_500(
    logged_in, client_user, django_assert_num_queries, size
):
    today = today_for(client_user)
    long_ago = today - datetime.timedelta(days=90)
    Contact.objects.bulk_create(
        Contact(
            owner=client_user,
            name=f"Person {n:03}",
            cadence_days=30,
            latest_gap_days=(60, 120, 60)[n % 3],
            snoozed_until=today + datetime.timedelta(days=3) if n % 3 == 2 else None,
            added_on=long_ago,
            last_contacted_on=long_ago,
        )
        for n in range(size)
    )
    with django_assert_num_queries(KEEP_IN_TOUCH_QUERIES):
        response = logged_in.get(reverse("network:keep_in_touch"))
    page = content(response)
    assert "Person 000" in page and "Overdue by 30 days" in page
    assert page.count('data-testid="due-row"') == min(sum(1 for n in range(size) if n % 3 != 2), 25)
