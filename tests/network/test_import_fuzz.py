"""Broken vCards and CSVs, made by Hypothesis: a message or an import, never a 500 or half an import."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from crisis_coach.network.importing import reading
from crisis_coach.network.models import Contact, ContactImport, ImportStatus
from tests.factories import make_user
from tests.security.test_fuzz_forms import FUZZ, HOSTILE_VALUES, assert_harmless
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

hostile = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=200))
PROPERTIES = [
    "FN",
    "N",
    "ORG",
    "TITLE",
    "NOTE",
    "URL",
    "EMAIL",
    "TEL",
    "BDAY",
    "VERSION",
    "PHOTO",
    "X-CRISIS-COACH-DATE",
]
PARAMS = [
    "",
    ";TYPE=PREF",
    ";PREF=1",
    ";VALUE=uri",
    ";ENCODING=b",
    ";CHARSET=UTF-8",
    ";KIND=other;LABEL=x",
    ";=;;",
]
property_line = st.builds(
    lambda name, param, value: f"{name}{param}:{value}",
    st.sampled_from(PROPERTIES),
    st.sampled_from(PARAMS),
    hostile | st.sampled_from(["--0229", "19850415", "2025-13-45", "--1399", "tel:+1-555", ";;;;", "a;b;c"]),
)
card_line = st.one_of(
    property_line,
    st.sampled_from(
        ["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "VERSION:4.0", " folded", "", "BEGIN:VCALENDAR"]
    ),
    hostile,
)
# Cards that open and (mostly) close, with anything between: vobject reads some, refuses others.
broken_vcard = st.builds(
    lambda cards, newline: newline.join(line for card in cards for line in card),
    st.lists(
        st.builds(
            lambda lines, end: [
                "BEGIN:VCARD",
                "VERSION:4.0",
                "FN:Someone",
                *lines,
                *(["END:VCARD"] if end else []),
            ],
            st.lists(card_line, max_size=10),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["\r\n", "\n", "\r"]),
)

GOOGLE = [
    "First Name",
    "Last Name",
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Birthday",
    "Notes",
    "Organization Name",
]


def csv_text(header: list[str], rows: list[list[str]], preamble: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in preamble:
        writer.writerow([line])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


broken_csv = st.builds(
    csv_text,
    st.one_of(
        st.just(reading.LINKEDIN_COLUMNS),
        st.just(GOOGLE),
        st.lists(st.sampled_from(reading.LINKEDIN_COLUMNS + GOOGLE) | hostile, max_size=8),
    ),
    st.lists(st.lists(hostile, max_size=9), max_size=8),
    st.lists(st.sampled_from(["Notes:", "When exporting, some emails are missing."]) | hostile, max_size=3),
)
any_file = st.one_of(
    broken_vcard.map(str.encode),
    broken_csv.map(str.encode),
    st.binary(max_size=500),
    st.text(max_size=500).map(str.encode),
)


@FUZZ
@given(content=any_file)
def test_the_parsers_give_rows_or_a_message(content):
    try:
        text = reading.decode(content)
        file_format, _count = reading.sniff(text)
        rows = reading.read_rows(text, file_format)
    except reading.FileRefused as refused:
        assert refused.message
        return
    json.dumps(rows)  # what the job stores
    for row in rows:
        fields = row["fields"]
        if not row["skip"]:
            assert 0 < len(fields["name"]) <= 120
        for name, limit in reading.MAX_LENGTHS.items():
            assert len(fields[name]) <= limit or name == "name"


def import_file(content: bytes, name: str) -> None:
    user = make_user()
    browser = Client()
    browser.force_login(user)
    response = browser.post(reverse("network:contact_import"), {"file": SimpleUploadedFile(name, content)})
    assert_harmless(response, "POST the file")
    if response.status_code != 302:
        assert not ContactImport.objects.filter(owner=user).exists()
        return
    job_url = response["Location"]
    run_pending_tasks()
    assert_harmless(browser.get(job_url), "the preview")
    job = ContactImport.objects.get(owner=user)
    if job.status == ImportStatus.FAILED:
        assert not Contact.objects.filter(owner=user).exists()
        return
    assert job.status == ImportStatus.PREVIEW
    assert_harmless(browser.post(job_url, {"confirm": "1"}), "confirm")
    run_pending_tasks()
    job.refresh_from_db()
    contacts = Contact.objects.filter(owner=user).count()
    # All or nothing: every row that was to be created is there, or none at all.
    assert (job.status, contacts) in {(ImportStatus.DONE, job.created_count), (ImportStatus.FAILED, 0)}
    assert_harmless(browser.get(job_url), "the result")
    assert_harmless(browser.get(reverse("network:contacts")), "the contact list")


@FUZZ
@given(content=broken_vcard.map(str.encode))
def test_broken_vcards_through_the_upload(content):
    import_file(content, "contacts.vcf")


@FUZZ
@given(content=broken_csv.map(str.encode))
def test_broken_csvs_through_the_upload(content):
    import_file(content, "contacts.csv")


@FUZZ
@given(content=st.binary(max_size=500))
def test_any_bytes_through_the_upload(content):
    import_file(content, "contacts.vcf")


@FUZZ
@given(
    choices=st.dictionaries(
        st.sampled_from(
            ["action-1", "action-2", "pick-1-name", "pick-1-organisation", "pick-2-birthday", "confirm"]
        )
        | hostile,
        st.sampled_from(["merge", "both", "skip", "existing", "imported", "1"]) | hostile,
        max_size=6,
    )
)
def test_hostile_choices_on_the_preview(choices):
    user = make_user()
    make_contact_with_birthday(user)
    browser = Client()
    browser.force_login(user)
    content = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rana Haddad\r\nORG:Northwind\r\nBDAY:1984-03-12\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nEND:VCARD\r\n"
    )
    response = browser.post(
        reverse("network:contact_import"), {"file": SimpleUploadedFile("c.vcf", content.encode())}
    )
    run_pending_tasks()
    job_url = response["Location"]
    assert_harmless(
        browser.post(
            job_url, {key.replace("\x00", ""): value.replace("\x00", "") for key, value in choices.items()}
        ),
        "choices",
    )
    job = ContactImport.objects.get(owner=user)
    for decision in job.decisions.values():
        assert decision["action"] in ("merge", "both", "skip")
        assert set(decision["picks"].values()) <= {"existing", "imported"}
    run_pending_tasks()
    job.refresh_from_db()
    assert job.status in (ImportStatus.PREVIEW, ImportStatus.DONE)
    assert_harmless(browser.get(job_url), "the page after")
    if job.status == ImportStatus.DONE:
        assert Contact.objects.filter(owner=user).count() == 1 + job.created_count


def make_contact_with_birthday(user):
    import datetime

    from crisis_coach.network import services

    contact = services.contact_create(owner=user, name="Rana Haddad", organisation="Old Co")
    services.important_date_create(contact=contact, kind="birthday", date=datetime.date(1980, 1, 1))
