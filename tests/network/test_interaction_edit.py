"""Touches and community participations are edited, not only deleted; an edit from a stale tab is refused."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.common.conflicts import EditConflict
from crisis_coach.network import services
from tests.network.conftest import make_interaction, today_for

pytestmark = pytest.mark.django_db


def edit_data(interaction, **changes):
    data = {
        "happened_on": interaction.happened_on.isoformat(),
        "channel": interaction.channel,
        "summary": interaction.summary,
        "shared": interaction.shared,
        "version": str(interaction.version),
    }
    return {**data, **changes}


def test_editing_a_touch_saves_it_and_goes_back_to_the_contact(logged_in, contact, interaction):
    url = reverse("network:interaction_edit", args=[interaction.public_id])
    page = logged_in.get(url).content.decode()
    assert "Edit a touch with" in page and interaction.summary in page

    response = logged_in.post(url, edit_data(interaction, summary="Lunch, talked about the reorg"))

    assert response.status_code == 302
    assert response.url == reverse("network:contact_detail", args=[contact.public_id])
    interaction.refresh_from_db()
    assert interaction.summary == "Lunch, talked about the reorg"
    assert interaction.version == 2
    assert "Touch saved." in logged_in.get(response.url).content.decode()


def test_moving_the_newest_touch_back_moves_last_contacted_back(contact):
    today = today_for(contact.owner)
    older = make_interaction(contact, days_ago=20)
    newest = make_interaction(contact, days_ago=1)
    contact.refresh_from_db()
    assert contact.last_contacted_on == newest.happened_on

    services.interaction_update(
        interaction=newest, expected_version=1, happened_on=today - datetime.timedelta(days=40)
    )

    contact.refresh_from_db()
    assert contact.last_contacted_on == older.happened_on


def test_moving_an_old_touch_forward_moves_last_contacted_forward(logged_in, contact):
    old = make_interaction(contact, days_ago=60)
    today = today_for(contact.owner)

    logged_in.post(
        reverse("network:interaction_edit", args=[old.public_id]),
        edit_data(old, happened_on=today.isoformat()),
    )

    contact.refresh_from_db()
    assert contact.last_contacted_on == today


def test_a_touch_cannot_be_moved_into_the_future_and_what_was_typed_stays(logged_in, interaction):
    tomorrow = today_for(interaction.contact.owner) + datetime.timedelta(days=1)
    url = reverse("network:interaction_edit", args=[interaction.public_id])

    response = logged_in.post(url, edit_data(interaction, happened_on=tomorrow.isoformat(), summary="Kept"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This date is in the future." in page and 'value="Kept"' in page
    interaction.refresh_from_db()
    assert interaction.happened_on < tomorrow and interaction.version == 1


def test_an_edit_from_a_stale_tab_is_refused_and_nothing_is_overwritten(logged_in, interaction):
    url = reverse("network:interaction_edit", args=[interaction.public_id])
    logged_in.post(url, edit_data(interaction, summary="From the first tab"))

    refused = logged_in.post(url, edit_data(interaction, summary="From the second tab"))

    assert refused.status_code == 303 and "conflict=" in refused.url
    interaction.refresh_from_db()
    assert interaction.summary == "From the first tab"
    page = logged_in.get(refused.url).content.decode()
    assert "The version saved elsewhere" in page and "From the second tab" in page


def test_the_service_refuses_a_stale_version(interaction):
    services.interaction_update(interaction=interaction, expected_version=1, summary="First")
    with pytest.raises(EditConflict):
        services.interaction_update(interaction=interaction, expected_version=1, summary="Second")


def test_history_rows_have_an_edit_link_next_to_delete(logged_in, contact, interaction):
    page = logged_in.get(reverse("network:contact_detail", args=[contact.public_id])).content.decode()
    edit = reverse("network:interaction_edit", args=[interaction.public_id])
    delete = reverse("network:interaction_delete", args=[interaction.public_id])
    assert edit in page and delete in page


# --- participations -----------------------------------------------------------------------------


def participation_data(participation, **changes):
    data = {
        "happened_on": participation.happened_on.isoformat(),
        "kind": participation.kind,
        "notes": participation.notes,
        "version": str(participation.version),
    }
    return {**data, **changes}


def test_editing_a_participation_saves_it_and_goes_back_to_the_community(logged_in, community, participation):
    url = reverse("network:participation_edit", args=[participation.public_id])
    assert "Edit participation" in logged_in.get(url).content.decode()

    response = logged_in.post(url, participation_data(participation, kind="spoke", notes="A talk on pricing"))

    assert response.url == reverse("network:community_detail", args=[community.public_id])
    participation.refresh_from_db()
    assert (participation.kind, participation.notes, participation.version) == (
        "spoke",
        "A talk on pricing",
        2,
    )
    page = logged_in.get(response.url).content.decode()
    assert url in page and "A talk on pricing" in page


def test_a_participation_edit_from_a_stale_tab_is_refused(logged_in, participation):
    url = reverse("network:participation_edit", args=[participation.public_id])
    logged_in.post(url, participation_data(participation, notes="First tab"))

    refused = logged_in.post(url, participation_data(participation, notes="Second tab"))

    assert refused.status_code == 303
    participation.refresh_from_db()
    assert participation.notes == "First tab"


def test_a_participation_cannot_move_into_the_future(logged_in, participation):
    tomorrow = today_for(participation.community.owner) + datetime.timedelta(days=1)
    url = reverse("network:participation_edit", args=[participation.public_id])

    response = logged_in.post(url, participation_data(participation, happened_on=tomorrow.isoformat()))

    assert response.status_code == 200
    assert "This date is in the future." in response.content.decode()


@pytest.mark.parametrize("name", ["interaction_edit", "participation_edit"])
def test_another_user_gets_404_on_the_edit_pages(client, stranger, interaction, participation, name):
    target = interaction if name == "interaction_edit" else participation
    client.force_login(stranger)
    url = reverse(f"network:{name}", args=[target.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"summary": "x", "notes": "x", "version": "1"}).status_code == 404
    target.refresh_from_db()
    assert target.version == 1
