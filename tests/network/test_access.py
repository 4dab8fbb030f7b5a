"""A network is private: another user, coach included, gets 404 for every object, read or write."""

import pytest
from django.urls import reverse

from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)

pytestmark = pytest.mark.django_db

VALID_CONTACT = {"name": "Hijacked", "relationship": "peer", "importance": "3", "cadence_days": "7"}


def urls_for(contact, important_date, interaction, commitment, community, participation):
    """(method, url, data) for every view that touches one owned object."""
    c, d, i, p, g, t = (
        contact.public_id,
        important_date.public_id,
        interaction.public_id,
        commitment.public_id,
        community.public_id,
        participation.public_id,
    )
    return [
        ("get", reverse("network:contact_detail", args=[c]), None),
        ("get", reverse("network:contact_edit", args=[c]), None),
        ("post", reverse("network:contact_edit", args=[c]), VALID_CONTACT),
        ("get", reverse("network:contact_delete", args=[c]), None),
        ("post", reverse("network:contact_delete", args=[c]), {}),
        ("get", reverse("network:interaction_create", args=[c]), None),
        (
            "post",
            reverse("network:interaction_create", args=[c]),
            {"happened_on": "2026-01-01", "channel": "call", "summary": "x"},
        ),
        ("post", reverse("network:touch_log", args=[c]), {}),
        ("get", reverse("network:contact_snooze", args=[c]), None),
        ("post", reverse("network:contact_snooze", args=[c]), {"choice": "week"}),
        ("post", reverse("network:interaction_delete", args=[i]), {}),
        ("get", reverse("network:interaction_edit", args=[i]), None),
        (
            "post",
            reverse("network:interaction_edit", args=[i]),
            {"happened_on": "2026-01-01", "channel": "call", "summary": "x", "version": "1"},
        ),
        ("get", reverse("network:important_date_create", args=[c]), None),
        (
            "post",
            reverse("network:important_date_create", args=[c]),
            {"kind": "birthday", "date": "1990-01-01"},
        ),
        ("get", reverse("network:important_date_edit", args=[d]), None),
        (
            "post",
            reverse("network:important_date_edit", args=[d]),
            {"kind": "birthday", "date": "1990-01-01"},
        ),
        ("post", reverse("network:important_date_delete", args=[d]), {}),
        ("post", reverse("network:date_congratulate", args=[d]), {}),
        ("get", reverse("network:commitment_create", args=[c]), None),
        ("post", reverse("network:commitment_create", args=[c]), {"what": "x", "due_on": "2026-01-01"}),
        ("get", reverse("network:commitment_edit", args=[p]), None),
        ("post", reverse("network:commitment_edit", args=[p]), {"what": "x", "due_on": "2026-01-01"}),
        ("post", reverse("network:commitment_kept", args=[p]), {}),
        ("post", reverse("network:commitment_broken", args=[p]), {}),
        ("post", reverse("network:commitment_reopen", args=[p]), {}),
        ("get", reverse("network:commitment_delete", args=[p]), None),
        ("post", reverse("network:commitment_delete", args=[p]), {}),
        ("get", reverse("network:community_detail", args=[g]), None),
        (
            "post",
            reverse("network:community_detail", args=[g]),
            {"happened_on": "2026-01-01", "kind": "attended"},
        ),
        ("get", reverse("network:community_edit", args=[g]), None),
        ("post", reverse("network:community_edit", args=[g]), {"name": "Hijacked", "kind": "union"}),
        ("get", reverse("network:community_delete", args=[g]), None),
        ("post", reverse("network:community_delete", args=[g]), {}),
        ("post", reverse("network:participation_delete", args=[t]), {}),
        ("get", reverse("network:participation_edit", args=[t]), None),
        (
            "post",
            reverse("network:participation_edit", args=[t]),
            {"happened_on": "2026-01-01", "kind": "spoke", "version": "1"},
        ),
    ]


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Contact, ImportantDate, Interaction, Commitment, Community, Participation)
    ]


@pytest.fixture
def everything(contact, important_date, interaction, commitment, community, participation):
    return urls_for(contact, important_date, interaction, commitment, community, participation)


@pytest.mark.parametrize("intruder", ["stranger", "coach"])
def test_another_user_gets_404_for_every_network_object_and_changes_nothing(
    client, request, everything, intruder
):
    client.force_login(request.getfixturevalue(intruder))
    before = snapshot()
    for method, url, data in everything:
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"
    assert snapshot() == before


def test_the_owner_reaches_every_network_object(logged_in, everything):
    for method, url, _data in everything:
        if method == "get":
            assert logged_in.get(url).status_code == 200, url


@pytest.mark.parametrize("intruder", ["stranger", "coach"])
def test_another_users_lists_show_none_of_the_clients_network(
    client, request, everything, contact, commitment, community, intruder
):
    client.force_login(request.getfixturevalue(intruder))
    for name in ("network:contacts", "network:keep_in_touch", "network:commitments", "network:communities"):
        page = client.get(reverse(name)).content.decode()
        assert contact.name not in page
        assert commitment.what not in page
        assert community.name not in page


def test_sequential_ids_are_not_in_network_urls(logged_in, contact):
    page = logged_in.get(reverse("network:contacts")).content.decode()
    assert str(contact.public_id) in page
    assert f"/contacts/{contact.pk}/" not in page
