"""The one confirm-then-delete page (common/deletion.py), seen through views that use it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from crisis_coach.coaching.services import coach_note_add, incident_set_shared, link_create
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.network import services as network
from crisis_coach.network.models import Commitment
from tests.factories import make_contact, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(client_user):
    contact = make_contact(client_user, name="Dana Mentor")
    return network.commitment_create(
        contact=contact, what="<b>Send</b> the deck", due_on=datetime.date(2026, 12, 1)
    )


def test_get_asks_with_what_will_go_cancel_and_a_post_button_and_deletes_nothing(logged_in, commitment):
    url = f"/network/commitments/{commitment.public_id}/delete/"

    page = logged_in.get(url).content.decode()

    assert "Delete this promise?" in page
    # The person's own text, escaped and in its own direction.
    assert (
        '<blockquote class="border-start border-3 ps-3" dir="auto">&lt;b&gt;Send&lt;/b&gt; the deck' in page
    )
    assert f'href="/network/contacts/{commitment.contact.public_id}/">Cancel</a>' in page
    assert '<form method="post"' in page and 'type="submit" class="btn btn-danger">Yes, delete<' in page
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_post_deletes_through_the_service_and_goes_back_with_a_message(logged_in, commitment):
    response = logged_in.post(f"/network/commitments/{commitment.public_id}/delete/")

    assert response.status_code == 302
    assert response["Location"] == f"/network/contacts/{commitment.contact.public_id}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Promise deleted."]
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_another_persons_object_is_a_404_on_get_and_post(client, stranger, commitment):
    client.force_login(stranger)
    url = f"/network/commitments/{commitment.public_id}/delete/"

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_methods_other_than_get_and_post_are_refused(logged_in, commitment):
    url = f"/network/commitments/{commitment.public_id}/delete/"

    assert logged_in.put(url).status_code == 405
    assert logged_in.delete(url).status_code == 405
    assert Commitment.objects.filter(pk=commitment.pk).exists()


def test_signed_out_is_sent_to_log_in(client, commitment):
    response = client.get(f"/network/commitments/{commitment.public_id}/delete/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_name_in_the_question_is_escaped(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, name="<script>x</script> Wang")

    page = logged_in.get(
        f"/incidents/{incident.public_id}/stakeholders/{person.public_id}/delete/"
    ).content.decode()

    assert "Delete <bdi>&lt;script&gt;x&lt;/script&gt; Wang</bdi>?" in page


def test_the_next_a_page_carried_comes_back_through_the_form(client, client_user, coach):
    link_create(client=client_user, coach_profile=coach.coach_profile)
    incident = make_incident(client_user)
    incident_set_shared(incident=incident, shared=True)
    note = coach_note_add(coach=coach, client=client_user, body="Private", incident=incident)
    client.force_login(coach)
    case_url = f"/coach/cases/{incident.public_id}/"

    page = client.get(f"/coach/notes/{note.public_id}/delete/?next={case_url}").content.decode()

    assert f'<input type="hidden" name="next" value="{case_url}">' in page
    assert f'href="{case_url}">Cancel</a>' in page


def test_fill_escapes_the_values_and_trusts_the_message():
    assert fill("Delete <bdi>%(what)s</bdi>?", what="<i>it</i>") == "Delete <bdi>&lt;i&gt;it&lt;/i&gt;</bdi>?"


def test_the_view_reads_its_words_before_the_service_deletes_the_object():
    # The message and the URL are read while the object and its relations still exist.
    calls = []

    class Probe(ConfirmDeleteView):
        def get_object(self):
            return "it"

        def perform(self, obj):
            calls.append("perform")

        def get_success_url(self, obj):
            calls.append("url")
            return "/done/"

        def get_success_message(self, obj):
            calls.append("message")
            return "Done."

    request = RequestFactory().post("/x/")
    request.session = {}
    request._messages = FallbackStorage(request)

    response = Probe.as_view()(request)

    assert response["Location"] == "/done/"
    assert calls == ["url", "message", "perform"]
