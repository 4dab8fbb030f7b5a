"""Deleting an account asks for the password first, then leaves no row of that person anywhere."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from crisis_coach.accounts.models import QueuedEmail, User
from crisis_coach.accounts.support import support_access_grant
from crisis_coach.coaching.models import CoachComment, CoachingLink, CoachNote
from crisis_coach.coaching.selectors import shared_cases
from crisis_coach.incidents.models import ActionStep, Incident, Stakeholder, TimelineEvent
from crisis_coach.network.models import Commitment, Community, Contact, Interaction
from tests.accounts.seed import seed_coaching, seed_rich_account
from tests.factories import PASSWORD, TOTP_SECRET, make_incident

pytestmark = pytest.mark.django_db
DELETE = reverse("accounts:delete")


def rows_pointing_at(pk) -> list[str]:
    """Every model (auto-created M2M tables too) with a foreign key or one-to-one to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.concrete_model._meta.managed:
            continue  # no table of its own: pghistory's Events (and its proxies) read the event tables
        for field in model._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is user_model
                and model._base_manager.filter(**{field.attname: pk}).exists()
            ):
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_settings_page_links_to_your_data(logged_in):
    page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert "Your data" in page
    for name in ("export", "import", "delete"):
        assert reverse(f"accounts:{name}") in page


def test_delete_asks_for_confirmation_first(logged_in, client_user):
    response = logged_in.get(DELETE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Delete your account?" in page and "cannot be undone" in page
    assert reverse("accounts:export") in page
    assert User.objects.filter(pk=client_user.pk).exists()


def test_wrong_password_keeps_everything(logged_in, client_user):
    seed_rich_account(client_user)
    before = Incident.objects.filter(owner=client_user).count()
    response = logged_in.post(DELETE, {"password": "not-my-password"})
    assert response.status_code == 200
    client_user.refresh_from_db()
    with translation.override(client_user.language):  # the rich account speaks Chinese
        expected = gettext("That is not your password. Nothing was deleted.")
    assert response.context["form"].errors["password"] == [expected]
    assert User.objects.filter(pk=client_user.pk).exists()
    assert Incident.objects.filter(owner=client_user).count() == before == 3
    assert Contact.objects.filter(owner=client_user).count() == 3


def test_delete_removes_every_row_of_the_user_and_nothing_of_anyone_else(logged_in, client_user, stranger):
    seed_rich_account(client_user)
    # Identity rows too: the verified address, an authenticator app, an email waiting in the queue.
    TOTP.activate(client_user, TOTP_SECRET)
    QueuedEmail.objects.create(user=client_user, to=client_user.email, subject="Verify", body="link")
    support_access_grant(user=client_user, hours=24)  # a support-access window, still open
    theirs = make_incident(stranger, title="Someone else's")
    pk = client_user.pk
    before = rows_pointing_at(pk)  # the check sees the rows before the deletion
    assert {
        "incidents.Incident.owner",
        "network.Contact.owner",
        "reminders.DigestSent.user",
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "accounts.QueuedEmail.user",
        "accounts.SupportAccess.user",
    } <= set(before)

    response = logged_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")

    assert not User.objects.filter(pk=pk).exists()
    assert rows_pointing_at(pk) == []
    assert (
        not Incident.objects.filter(owner_id=pk).exists() and not Contact.objects.filter(owner_id=pk).exists()
    )
    assert Incident.objects.get() == theirs  # and nothing below the user's incidents survives either
    for model in (Stakeholder, ActionStep, Interaction, Commitment, Community):
        assert not model.objects.exists(), model
    assert set(TimelineEvent.objects.values_list("incident_id", flat=True)) == {theirs.pk}
    # Signed out: the next page is for an anonymous visitor.
    assert logged_in.get(reverse("accounts:settings")).status_code == 302


def test_delete_ends_the_persons_sessions_on_every_device_and_no_one_elses(logged_in, client_user, stranger):
    # A session can hold what the person typed (the drafts an edit conflict keeps): it goes too.
    other_device, someone_else = Client(), Client()
    other_device.force_login(client_user)
    someone_else.force_login(stranger)
    assert Session.objects.count() == 3

    logged_in.post(DELETE, {"password": PASSWORD})

    [left] = Session.objects.all()
    assert left.get_decoded()["_auth_user_id"] == str(stranger.pk)
    assert someone_else.get(reverse("accounts:settings")).status_code == 200


def test_a_client_who_leaves_vanishes_from_the_coach_with_the_coachs_notes(client, client_user, coach):
    seed_rich_account(client_user)
    seed = seed_coaching(client_user, coach)
    assert list(shared_cases(coach)) == [seed["case"]]
    client.force_login(client_user)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302

    assert rows_pointing_at(seed["link"].client_id) == []
    assert not CoachingLink.objects.exists()
    assert not CoachNote.objects.exists() and not CoachComment.objects.exists()
    assert list(shared_cases(coach)) == []
    client.force_login(coach)
    assert seed["case"].title not in client.get(reverse("coach:dashboard")).content.decode()
    assert User.objects.filter(pk=coach.pk).exists()  # the coach's own account stays


def test_a_coach_who_leaves_ends_the_link_and_the_clients_cases_are_unshared(client, client_user, coach):
    seed_rich_account(client_user)
    seed = seed_coaching(client_user, coach)
    coach_pk = coach.pk
    client.force_login(coach)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302

    assert rows_pointing_at(coach_pk) == []
    assert not CoachingLink.objects.exists() and not CoachNote.objects.exists()
    # The client's data is theirs: it stays, but nothing is shared with anyone any more.
    assert Incident.objects.filter(owner=client_user).count() == 3
    assert not Incident.objects.filter(owner=client_user, shared_with_coach=True).exists()
    proposal = ActionStep.objects.get(title="Ask HR for a mediator")
    assert proposal.proposed_by_id is None and proposal.incident_id == seed["case"].pk
