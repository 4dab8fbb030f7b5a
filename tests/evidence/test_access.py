"""Only the case's owner reaches its evidence log: everyone else, a linked coach included (she reads
it on her own page), gets 404 on every URL, and nothing changes."""

import pytest
from django.urls import reverse

from crisis_coach.coaching import services as coaching
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.evidence.services import entry_trash
from tests.evidence.helpers import form_data, make_entry
from tests.factories import make_incident

pytestmark = pytest.mark.django_db

CASE_VIEWS = ["log", "add", "trash", "report", "report_pdf"]
ENTRY_VIEWS = ["history", "edit", "delete", "restore"]


def urls(incident, entry, trashed):
    out = [reverse(f"evidence:{name}", args=[incident.public_id]) for name in CASE_VIEWS]
    for name in ENTRY_VIEWS:
        target = trashed if name == "restore" else entry
        out.append(reverse(f"evidence:{name}", args=[incident.public_id, target.public_id]))
    return out


def snapshot():
    return list(EvidenceEntry.objects.order_by("pk").values()), list(
        EvidenceEntry.versions.rel.related_model.objects.order_by("pk").values()
    )


def test_strangers_and_coaches_get_404_on_every_evidence_url(client, client_user, coach, stranger):
    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    incident = make_incident(client_user)
    coaching.incident_set_shared(incident=incident, shared=True)
    entry, trashed = make_entry(incident), make_entry(incident, what_happened="Trashed")
    entry_trash(entry=trashed)
    before = snapshot()
    for intruder in (stranger, coach):
        client.force_login(intruder)
        for url in urls(incident, entry, trashed):
            answers = (client.get(url).status_code, client.post(url, form_data(version=1)).status_code)
            assert set(answers) <= {404, 405} and 404 in answers, f"{intruder} {url}: {answers}"
    assert snapshot() == before

    client.force_login(client_user)
    for url in urls(incident, entry, trashed):
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        assert response.status_code in (200, 302), url


def test_an_entry_of_another_case_is_404_through_the_wrong_parent(client, client_user):
    mine, other = make_incident(client_user), make_incident(client_user, title="Another")
    entry = make_entry(other)
    trashed = make_entry(other)
    entry_trash(entry=trashed)
    client.force_login(client_user)
    for name in ENTRY_VIEWS:
        target = trashed if name == "restore" else entry
        url = reverse(f"evidence:{name}", args=[mine.public_id, target.public_id])
        answers = (client.get(url).status_code, client.post(url, form_data(version=1)).status_code)
        assert set(answers) <= {404, 405} and 404 in answers, f"{url}: {answers}"


def test_a_trashed_case_has_no_evidence_log_until_restored(client, client_user):
    from crisis_coach.incidents.services import incident_trash

    incident = make_incident(client_user)
    make_entry(incident)
    incident_trash(incident=incident)
    client.force_login(client_user)
    assert client.get(reverse("evidence:log", args=[incident.public_id])).status_code == 404
