"""Contact import: upload, preview with duplicates, choices, one transaction, and what a bad file says."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach import limits
from crisis_coach.accounts.services import account_delete
from crisis_coach.network.importing import services as importing
from crisis_coach.network.models import Contact, ContactImport, DateKind, ImportantDate, ImportStatus
from tests.factories import make_contact, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "contacts.vcf"
CARD = "BEGIN:VCARD\r\nVERSION:{version}\r\n{lines}\r\nEND:VCARD\r\n"


def vcard(*lines: str, version: str = "3.0") -> str:
    return CARD.format(version=version, lines="\r\n".join(lines))


def upload(client, content, name="contacts.vcf"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(reverse("network:contact_import"), {"file": SimpleUploadedFile(name, data)})


def job_of(user) -> ContactImport:
    return ContactImport.objects.filter(owner=user).latest("created_at")


def upload_and_read(client, user, content, name="contacts.vcf") -> ContactImport:
    response = upload(client, content, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    run_pending_tasks()
    return job_of(user)


def confirm(client, job, **choices):
    response = client.post(
        reverse("network:contact_import_job", args=[job.public_id]), {"confirm": "1", **choices}
    )
    assert response.status_code == 302
    run_pending_tasks()
    job.refresh_from_db()
    return job


def test_the_sample_imports_with_birthdays_and_organisations(logged_in, client_user):
    job = upload_and_read(logged_in, client_user, SAMPLE.read_bytes())
    assert job.status == ImportStatus.PREVIEW
    page = logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    assert "6 new, 0 that look like people already in your network, 0 to skip" in page
    assert "王芳" in page and "ليلى الأحمد" in page
    assert Contact.objects.filter(owner=client_user).count() == 0  # nothing saved before confirming

    job = confirm(logged_in, job)
    assert (job.status, job.created_count) == (ImportStatus.DONE, 6)
    rana = Contact.objects.get(owner=client_user, name="Rana Haddad")
    assert (rana.organisation, rana.role, rana.email) == (
        "Northwind Consulting",
        "Head of Delivery",
        "rana.haddad@example.com",
    )
    assert rana.phone == "+44 20 7946 0101"
    assert rana.notes.startswith("Former manager")
    assert rana.important_dates.get().date == datetime.date(1984, 3, 12)
    wang = Contact.objects.get(owner=client_user, name="王芳")
    birthday = wang.important_dates.get()
    assert (birthday.kind, birthday.date.month, birthday.date.day, birthday.repeats_yearly) == (
        DateKind.BIRTHDAY, 9, 21, True,
    )  # fmt: skip
    chen = Contact.objects.get(owner=client_user, name="陳志明")
    assert chen.profile_url == "https://example.com/chen"
    # The contact form's defaults apply.
    assert (chen.importance, chen.relationship) == (3, "colleague")
    assert (
        "Done: 6 added, 0 merged, 0 skipped."
        in logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    )


def test_duplicates_are_found_by_email_phone_and_name_and_the_person_chooses(logged_in, client_user):
    by_email = make_contact(
        client_user, name="R. Haddad", email="Rana.Haddad@example.com", organisation="Old Co"
    )
    by_phone = make_contact(client_user, name="Grace O.", phone="0044 (20) 7946-0177")
    by_name = make_contact(client_user, name="  王芳 ", notes="Met in Shanghai.")
    content = (
        vcard("FN:Rana Haddad", "EMAIL:rana.haddad@example.com", "ORG:Northwind", "NOTE:Likes tea.")
        + vcard("FN:Grace Okafor", "TEL:+44 20 7946 0177")
        + vcard("FN:王芳", "NOTE:Product manager.", "BDAY:--0921")
        + vcard("FN:Someone New")
        + vcard("FN:someone   NEW")  # the same person again, inside the file
        + vcard("EMAIL:nobody@example.com")  # no name
    )
    job = upload_and_read(logged_in, client_user, content)
    actions = [(row["fields"]["name"], row["action"], row["match_on"] or row["skip"]) for row in job.rows]
    assert actions == [
        ("Rana Haddad", "duplicate", "email"),
        ("Grace Okafor", "duplicate", "phone"),
        ("王芳", "duplicate", "name"),
        ("Someone New", "create", ""),
        ("someone NEW", "skip", "in_file"),
        ("", "skip", "no_name"),
    ]
    page = logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    assert "It is the same person as contact 4 of the file." in page
    assert "It has no name." in page
    assert "Same email address as" in page and "Same phone number as" in page
    # The conflicts side by side: the name and the organisation differ for Rana.
    assert "R. Haddad" in page and "Old Co" in page and "Northwind" in page

    job = confirm(
        logged_in,
        job,
        **{"action-1": "merge", "pick-1-name": "imported", "action-2": "both", "action-3": "merge"},
    )
    assert (job.created_count, job.merged_count, job.skipped_count) == (2, 2, 2)
    by_email.refresh_from_db()
    # The picked name came from the file; the organisation kept (not picked); notes appended.
    assert (by_email.name, by_email.organisation) == ("Rana Haddad", "Old Co")
    assert by_email.notes == "Likes tea."
    by_name.refresh_from_db()
    assert by_name.notes == "Met in Shanghai.\n\nProduct manager."
    assert by_name.important_dates.get().date.month == 9
    assert Contact.objects.filter(owner=client_user, name="Grace Okafor").exists()  # kept both
    assert Contact.objects.filter(owner=client_user, name__in=["Grace O.", "Grace Okafor"]).count() == 2
    assert Contact.objects.filter(owner=client_user, name="Someone New").count() == 1
    by_phone.refresh_from_db()
    assert by_phone.name == "Grace O."


def test_an_undecided_duplicate_is_skipped_and_a_merge_fills_only_what_is_missing(logged_in, client_user):
    contact = make_contact(client_user, name="Lina Haddad", role="Engineer")
    job = upload_and_read(
        logged_in,
        client_user,
        vcard("FN:Lina Haddad", "TITLE:Architect", "ORG:Acme", "EMAIL:lina@example.com"),
    )
    assert confirm(logged_in, job).skipped_count == 1
    contact.refresh_from_db()
    assert (contact.role, contact.organisation) == ("Engineer", "")

    job = upload_and_read(
        logged_in,
        client_user,
        vcard("FN:Lina Haddad", "TITLE:Architect", "ORG:Acme", "EMAIL:lina@example.com"),
    )
    job = confirm(logged_in, job, **{"action-1": "merge"})
    contact.refresh_from_db()
    assert (contact.role, contact.organisation, contact.email) == ("Engineer", "Acme", "lina@example.com")


def test_choices_are_kept_from_page_to_page(logged_in, client_user):
    for n in range(60):
        make_contact(client_user, name=f"Person {n:02}")
    content = "".join(vcard(f"FN:Person {n:02}", f"ORG:Org {n}") for n in range(60))
    job = upload_and_read(logged_in, client_user, content)
    url = reverse("network:contact_import_job", args=[job.public_id])
    response = logged_in.post(url, {"action-1": "merge", "save": "1"})
    assert response["Location"].endswith("?page=2")
    response = logged_in.post(f"{url}?page=2", {"action-60": "merge", "confirm": "1"})
    run_pending_tasks()
    job.refresh_from_db()
    assert (job.merged_count, job.skipped_count) == (2, 58)
    assert Contact.objects.get(owner=client_user, name="Person 59").organisation == "Org 59"
    assert Contact.objects.get(owner=client_user, name="Person 30").organisation == ""


def test_google_csv_and_linkedin_connections(logged_in, client_user):
    google = (
        "First Name,Middle Name,Last Name,Birthday,Notes,E-mail 1 - Label,E-mail 1 - Value,"
        "Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title,Website 1 - Value\n"
        "Noor,,Rahman,1991-06-30,From the meetup,* Work,noor@example.com ::: noor@home.example,"
        "Mobile,+1 555 0100,Contoso,CTO,example.com/noor\n"
        ",,,,,,,,,,,\n"
    )
    job = confirm(logged_in, upload_and_read(logged_in, client_user, google, "contacts.csv"))
    noor = Contact.objects.get(owner=client_user, name="Noor Rahman")
    assert (noor.email, noor.phone, noor.organisation, noor.role) == (
        "noor@example.com",
        "+1 555 0100",
        "Contoso",
        "CTO",
    )
    assert noor.profile_url == "https://example.com/noor"
    assert "From the meetup" in noor.notes and "noor@home.example" in noor.notes  # the second address kept
    assert noor.important_dates.get().date == datetime.date(1991, 6, 30)
    assert job.created_count == 1

    linkedin = (
        "Notes:\n"
        '"When exporting your connection data, you may notice that some email addresses are missing."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Karim,Nasser,https://www.linkedin.com/in/karim-nasser,,Fabrikam,Head of Sales,12 Mar 2024\n"
    )
    ContactImport.objects.all().delete()
    confirm(logged_in, upload_and_read(logged_in, client_user, linkedin, "Connections.csv"))
    karim = Contact.objects.get(owner=client_user, name="Karim Nasser")
    assert (karim.organisation, karim.role) == ("Fabrikam", "Head of Sales")
    assert karim.profile_url == "https://www.linkedin.com/in/karim-nasser"
    assert karim.how_met == "Connected on LinkedIn on 12 Mar 2024"


def test_vcard_4_with_several_emails_and_a_typed_phone(logged_in, client_user):
    content = vcard(
        "FN:Li Wei",
        "EMAIL;TYPE=home:li.home@example.com",
        "EMAIL;PREF=1;TYPE=work:li@example.com",
        "TEL;VALUE=uri;TYPE=cell:tel:+86-10-5550-0199",
        "BDAY:19880229",
        "ORG:Acme;Research",
        version="4.0",
    )
    confirm(logged_in, upload_and_read(logged_in, client_user, content))
    li = Contact.objects.get(owner=client_user)
    assert (li.email, li.phone, li.organisation) == ("li@example.com", "+86-10-5550-0199", "Acme, Research")
    assert "li.home@example.com" in li.notes
    assert li.important_dates.get().date == datetime.date(1988, 2, 29)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.png", "This file is not text in UTF-8"),
        ("Just some words\nand more words\n", "notes.txt", "This is not a vCard (.vcf) or CSV file"),
        ("Name;Phone\nAna;123\n", "x.csv", "This is not a vCard (.vcf) or CSV file"),
        ("Full name,Telephone\nAna,123\n", "x.csv", "The columns of this CSV file are not those of"),
        ("", "empty.vcf", "The submitted file is empty."),
    ],
)
def test_a_bad_file_gets_a_clear_message_next_to_the_field(logged_in, client_user, content, name, message):
    response = upload(logged_in, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ContactImport.objects.exists()


def test_over_the_contact_limit_is_refused(logged_in, settings, monkeypatch):
    monkeypatch.setattr(limits, "CONTACT_IMPORT_MAX_CONTACTS", 3)
    response = upload(logged_in, "".join(vcard(f"FN:P{n}") for n in range(4)))
    assert "This file has 4 contacts; one import takes at most 3." in response.content.decode()


def test_over_the_size_limit_is_refused_and_the_page_says_the_limit(logged_in, monkeypatch):
    page = logged_in.get(reverse("network:contact_import")).content.decode()
    assert "at most 10 MB and 5,000 contacts" in page
    assert reverse("network:contact_import_sample") in page
    monkeypatch.setattr(limits, "CONTACT_IMPORT_FILE_MAX", 100)
    response = upload(logged_in, vcard("FN:Someone", "NOTE:" + "x" * 200))
    assert "This file is larger than 0 MB." in response.content.decode()
    assert not ContactImport.objects.exists()


def test_a_vcard_vobject_cannot_read_fails_the_job_with_the_message_and_the_form(logged_in, client_user):
    job = upload_and_read(logged_in, client_user, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nBEGIN:VCARD\r\n")
    assert job.status == ImportStatus.FAILED
    page = logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    assert "nothing was imported" in page
    assert 'name="file"' in page
    assert not Contact.objects.exists()


def test_a_failure_while_saving_saves_nothing(logged_in, client_user, monkeypatch):
    existing = make_contact(client_user, name="First")
    job = upload_and_read(
        logged_in, client_user, vcard("FN:First", "ORG:Acme") + vcard("FN:Second") + vcard("FN:Third")
    )
    real_create = importing._create

    def create_then_fail(owner, rows):
        real_create(owner, rows)
        assert Contact.objects.filter(owner=owner).count() == 3  # written, then the failure
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importing, "_create", create_then_fail)
    job = confirm(logged_in, job, **{"action-1": "merge"})
    assert job.status == ImportStatus.FAILED
    assert list(Contact.objects.filter(owner=client_user)) == [existing]
    existing.refresh_from_db()
    assert existing.organisation == ""  # the merge went back too
    page = logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    assert "nothing was imported" in page


def test_progress_polls_while_running_and_reloads_when_done(logged_in, client_user):
    upload(logged_in, vcard("FN:Ana"))
    job = job_of(client_user)
    page = logged_in.get(reverse("network:contact_import_job", args=[job.public_id])).content.decode()
    status_url = reverse("network:contact_import_status", args=[job.public_id])
    assert f'hx-get="{status_url}"' in page
    assert "Reading the file: 0 of 1 contacts." in page
    assert ">Refresh</a>" in page  # without JavaScript
    run_pending_tasks()
    response = logged_in.get(status_url, headers={"HX-Request": "true"})
    assert response.headers["HX-Refresh"] == "true"


@pytest.mark.parametrize("size", [1, 50])
def test_the_preview_costs_the_same_queries_for_1_and_50_rows(
    logged_in, client_user, django_assert_num_queries, size
):
    for n in range(size):
        contact = make_contact(client_user, name=f"Person {n:02}", email=f"p{n}@example.com")
        ImportantDate.objects.create(contact=contact, kind=DateKind.BIRTHDAY, date=datetime.date(1990, 1, 1))
    content = "".join(vcard(f"FN:Person {n:02}", "BDAY:1991-02-02", "ORG:Here") for n in range(size))
    job = upload_and_read(logged_in, client_user, content)
    url = reverse("network:contact_import_job", args=[job.public_id])
    # Session, user, coach profile, savepoint pair (5), the job without its rows (every load), its rows
    # (a cache miss), the matched contacts and their birthdays.
    with django_assert_num_queries(9):
        response = logged_in.get(url)
    assert response.content.decode().count('data-testid="import-row-duplicate"') == size


def test_another_users_import_is_a_404_and_changes_nothing(client, client_user):
    job = importing.import_start(
        owner=client_user, file_name="x.vcf", text=vcard("FN:Ana"), file_format="vcard", total=1
    )
    run_pending_tasks()
    stranger = make_user(display_name="Stranger")
    client.force_login(stranger)
    for name in ("network:contact_import_job", "network:contact_import_status"):
        url = reverse(name, args=[job.public_id])
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "1"}).status_code == 404
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEW
    assert not Contact.objects.exists()


def test_imports_go_with_the_account_and_old_ones_are_cleaned_up(client_user, clock):
    importing.import_start(
        owner=client_user, file_name="x.vcf", text=vcard("FN:Ana"), file_format="vcard", total=1
    )
    other = make_user(display_name="Other")
    importing.import_start(owner=other, file_name="y.vcf", text=vcard("FN:Bo"), file_format="vcard", total=1)
    account_delete(user=client_user)
    assert list(ContactImport.objects.values_list("owner", flat=True)) == [other.pk]
    clock.shift(datetime.timedelta(days=8))
    assert importing.imports_cleanup() == 1
    assert not ContactImport.objects.exists()


def test_the_contact_form_shows_and_saves_email_and_phone(logged_in, client_user):
    response = logged_in.post(
        reverse("network:contact_create"),
        {"name": "Ana", "relationship": "peer", "importance": "3", "cadence_days": "30",
         "email": "ana@example.com", "phone": "+351 21 555 0100"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    contact = Contact.objects.get(owner=client_user)
    assert (contact.email, contact.phone) == ("ana@example.com", "+351 21 555 0100")
    page = logged_in.get(reverse("network:contact_detail", args=[contact.public_id])).content.decode()
    assert 'href="mailto:ana@example.com"' in page and "+351 21 555 0100" in page
    response = logged_in.post(
        reverse("network:contact_create"),
        {
            "name": "Bo",
            "relationship": "peer",
            "importance": "3",
            "cadence_days": "30",
            "email": "not an address",
        },
    )
    assert "Enter a valid email address." in response.content.decode()


def test_the_contact_list_links_to_import_and_export(logged_in):
    page = logged_in.get(reverse("network:contacts")).content.decode()
    assert reverse("network:contact_import") in page and reverse("network:contact_export") in page


def test_the_json_export_carries_email_and_phone_and_an_older_file_still_imports(client_user):
    from crisis_coach.portability import importer
    from crisis_coach.portability.export import build_export

    make_contact(client_user, name="Ana", email="ana@example.com", phone="+351 21 555 0100")
    document = build_export(client_user)
    [contact] = document["network"]["contacts"]
    assert (contact["email"], contact["phone"]) == ("ana@example.com", "+351 21 555 0100")

    again = make_user(display_name="Again")
    importer.restore(user=again, plan=importer.validate(document))
    ana = Contact.objects.get(owner=again)
    assert (ana.email, ana.phone) == ("ana@example.com", "+351 21 555 0100")

    del contact["email"], contact["phone"]  # as a version-2 file has it
    document["version"] = 2
    older = make_user(display_name="Older")
    importer.restore(user=older, plan=importer.validate(document))
    assert Contact.objects.get(owner=older).email == ""


def test_the_demo_contacts_have_ways_to_reach_them():
    from crisis_coach.demo.seed import seed_demo

    people = seed_demo()
    daniel = Contact.objects.get(owner=people.client, name="Daniel Okafor")
    assert (daniel.email, daniel.phone) == ("daniel.okafor@example.com", "+234 1 555 0142")


def test_imported_contacts_take_the_persons_default_gaps_for_their_relationship(logged_in, client_user):
    from crisis_coach.network import rules, services

    services.cadence_defaults_save(owner=client_user, values={"mentor": rules.CadenceDefault(45, 90)})
    content = vcard("FN:Dana", "X-CRISIS-COACH-RELATIONSHIP:mentor") + vcard("FN:Eli")
    confirm(logged_in, upload_and_read(logged_in, client_user, content))
    dana = Contact.objects.get(owner=client_user, name="Dana")
    assert (dana.relationship, dana.cadence_days, dana.latest_gap_days) == ("mentor", 45, 90)
    eli = Contact.objects.get(owner=client_user, name="Eli")
    built_in = rules.cadence_default("colleague")
    assert (eli.cadence_days, eli.latest_gap_days) == (built_in.ideal_days, built_in.latest_days)


def test_a_saving_task_queued_twice_saves_once(logged_in, client_user):
    job = upload_and_read(logged_in, client_user, vcard("FN:Ana"))
    importing.import_confirm(job=job)
    importing.import_apply(import_id=job.pk)
    importing.import_apply(import_id=job.pk)  # as abandoned_tasks_requeue would queue it again
    run_pending_tasks()
    assert Contact.objects.filter(owner=client_user).count() == 1
