"""An operator keeps the support resources in the admin, filtered by country and language."""

import pytest
from django.urls import reverse

from crisis_coach.wellbeing.models import SupportResource
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_staff_list_and_filter_support_resources_by_country(client):
    SupportResource.objects.create(country="NZ", name="Service in New Zealand", how_to_reach="At the desk")
    SupportResource.objects.create(country="TW", language="zh-hant", name="台灣的服務", how_to_reach="櫃台")
    client.force_login(make_user(is_staff=True, is_superuser=True, two_factor=True))
    url = reverse("admin:wellbeing_supportresource_changelist")
    page = client.get(url).content.decode()
    assert "Service in New Zealand" in page and "台灣的服務" in page
    assert "By country" in page and "By language" in page
    filtered = client.get(url + "?country=TW").content.decode()
    assert "台灣的服務" in filtered and "Service in New Zealand" not in filtered
