"""Communities and the participation log."""

import pytest
from django.urls import reverse

from crisis_coach.network.models import Community, Participation
from tests.network.conftest import today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def content(response) -> str:
    return response.content.decode()


def test_communities_add_log_participation_and_delete(logged_in, client_user):
    response = logged_in.post(
        reverse("network:community_create"),
        {"name": "Data Engineers Union", "kind": "union", "url": "https://union.example", "notes": ""},
    )
    community = Community.objects.get(owner=client_user)
    assert response.url == reverse("network:community_detail", args=[community.public_id])
    response = logged_in.post(
        response.url,
        {"happened_on": today_for(client_user).isoformat(), "kind": "spoke", "notes": "Talk on pipelines"},
    )
    assert response.status_code == 302
    assert Participation.objects.get(community=community).kind == "spoke"
    assert "1 entry" in content(logged_in.get(reverse("network:communities")))
    delete = reverse("network:community_delete", args=[community.public_id])
    assert "Yes, delete" in content(logged_in.get(delete))
    logged_in.post(delete)
    assert not Community.objects.exists()


def test_community_website_that_is_not_a_url_is_a_field_error(logged_in):
    response = logged_in.post(
        reverse("network:community_create"), {"name": "Guild", "kind": "online", "url": "guild dot com"}
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in content(response)
    assert 'value="Guild"' in content(response)


def test_participation_on_31_february_is_a_field_error(logged_in, community):
    response = logged_in.post(
        reverse("network:community_detail", args=[community.public_id]),
        {"happened_on": "2026-02-31", "kind": "learned", "notes": "Kafka basics"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in content(response)
    assert "Kafka basics" in content(response)


def test_deleting_a_participation(logged_in, participation):
    logged_in.post(reverse("network:participation_delete", args=[participation.public_id]))
    assert not Participation.objects.exists()
