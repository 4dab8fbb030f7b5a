"""The vCard export: one .vcf file of every contact, which imports back as the same contacts."""

import datetime

import pytest
import vobject
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.network import services
from crisis_coach.network.importing.reading import NO_YEAR
from crisis_coach.network.models import Contact, DateKind, ImportantDate
from tests.factories import make_contact, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db


def snapshot(user) -> list[tuple]:
    """Everything a contact's card carries, comparable across a delete and an import."""
    rows = []
    for contact in Contact.objects.filter(owner=user).order_by("name").prefetch_related("important_dates"):
        dates = sorted((d.kind, d.label, d.date, d.repeats_yearly) for d in contact.important_dates.all())
        rows.append(
            (
                contact.name, contact.organisation, contact.role, contact.email, contact.phone,
                contact.profile_url, contact.notes, contact.relationship, contact.importance,
                contact.how_met, dates,
            )
        )  # fmt: skip
    return rows


def fill(user) -> None:
    rana = make_contact(
        user,
        name="Rana Haddad",
        organisation="Northwind, Inc.",
        role="Head of Delivery; EMEA",
        email="rana@example.com",
        phone="+44 20 7946 0101",
        profile_url="https://example.com/in/rana",
        notes="Former manager.\nLikes tea; not coffee, ever.\n\nAsk about: the circle\\group",
        relationship="manager",
        importance=5,
        how_met="Northwind, 2019",
    )
    services.important_date_create(contact=rana, kind=DateKind.BIRTHDAY, date=datetime.date(1984, 3, 12))
    services.important_date_create(
        contact=rana, kind=DateKind.WORK_ANNIVERSARY, date=datetime.date(2019, 5, 2), repeats_yearly=True
    )
    services.important_date_create(
        contact=rana, kind=DateKind.OTHER, label="Wedding, in Beirut", date=datetime.date(2015, 9, 1),
        repeats_yearly=False,
    )  # fmt: skip
    wang = make_contact(user, name="王芳", organisation="上海星辰科技", role="产品经理", relationship="peer")
    services.important_date_create(contact=wang, kind=DateKind.BIRTHDAY, date=datetime.date(NO_YEAR, 2, 29))
    make_contact(user, name="ليلى الأحمد", notes="التقينا في مؤتمر", importance=1, relationship="recruiter")
    make_contact(user, name="Bare Minimum", relationship="colleague")


def test_export_delete_and_import_again_gives_the_same_contacts(client):
    user = make_user(display_name="Noor")
    fill(user)
    before = snapshot(user)
    client.force_login(user)

    response = client.get(reverse("network:contact_export"))
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    exported = response.content

    Contact.objects.filter(owner=user).delete()
    response = client.post(
        reverse("network:contact_import"), {"file": SimpleUploadedFile("contacts.vcf", exported)}
    )
    assert response.status_code == 302
    run_pending_tasks()
    client.post(response["Location"], {"confirm": "1"})
    run_pending_tasks()
    assert snapshot(user) == before


def test_the_file_is_vcard_4_with_the_standard_properties(client):
    user = make_user()
    fill(user)
    client.force_login(user)
    text = client.get(reverse("network:contact_export")).content.decode()
    cards = list(vobject.readComponents(text))
    assert len(cards) == 4
    assert {card.version.value for card in cards} == {"4.0"}
    rana = next(card for card in cards if card.fn.value == "Rana Haddad")
    assert rana.org.value == ["Northwind, Inc."]
    assert rana.title.value == "Head of Delivery; EMEA"
    assert rana.email.value == "rana@example.com"
    assert rana.tel.value == "+44 20 7946 0101"
    assert rana.url.value == "https://example.com/in/rana"
    assert rana.bday.value == "19840312"
    assert rana.note.value.startswith("Former manager.\nLikes tea")
    wang = next(card for card in cards if card.fn.value == "王芳")
    assert wang.bday.value == "--0229"  # no year


def test_the_export_is_owner_only_and_costs_two_queries_whatever_the_size(client, django_assert_num_queries):
    user = make_user()
    other = make_user()
    make_contact(other, name="Not Yours")
    for n in range(20):
        contact = make_contact(user, name=f"Person {n:02}")
        ImportantDate.objects.create(contact=contact, kind=DateKind.BIRTHDAY, date=datetime.date(1990, 1, 2))
    client.force_login(user)
    # Session, user, savepoint pair and the two of the export (contacts, their dates).
    with django_assert_num_queries(6):
        text = client.get(reverse("network:contact_export")).content.decode()
    assert text.count("BEGIN:VCARD") == 20
    assert "Not Yours" not in text
