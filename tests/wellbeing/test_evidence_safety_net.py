"""Saving an evidence entry whose words signal despair shows the calm support page, then the log."""

import pytest
from django.urls import reverse

from crisis_coach.evidence.models import EvidenceEntry
from tests.evidence.helpers import form_data, make_entry
from tests.factories import make_incident

pytestmark = pytest.mark.django_db


def test_an_entry_with_words_of_despair_goes_by_the_support_page_to_the_log(logged_in, client_user):
    incident = make_incident(client_user)
    data = form_data(what_happened="After the meeting I felt hopeless and that there is no way out.")
    response = logged_in.post(reverse("evidence:add", args=[incident.public_id]), data, follow=True)
    assert EvidenceEntry.objects.filter(incident=incident).count() == 1
    page = response.content.decode()
    assert 'data-testid="support-panel"' in page
    assert "Logged in the evidence log." in page
    assert f'href="{reverse("evidence:log", args=[incident.public_id])}"' in page


def test_an_edit_in_arabic_with_such_words_shows_it_too(logged_in, client_user):
    client_user.language = "ar"
    client_user.save()
    incident = make_incident(client_user)
    entry = make_entry(incident)
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    response = logged_in.post(url, form_data(what_happened="قال المدير إنني فاشل وأشعر باليأس", version=1))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wellbeing:support"))


def test_an_ordinary_entry_goes_straight_to_the_log(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.post(reverse("evidence:add", args=[incident.public_id]), form_data())
    assert response.url == reverse("evidence:log", args=[incident.public_id])
