"""Pages go out compressed to a browser that asks (settings.MIDDLEWARE: GZipMiddleware), and as they
are to one that does not: a person on a slow phone connection downloads a fifth of the HTML."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import make_incident

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_is_gzipped_for_a_browser_that_asks(client, client_user):
    incident = make_incident(client_user, title="Missed the counter-offer")
    client.force_login(client_user)
    url = reverse("incidents:detail", args=[incident.public_id])

    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "br, gzip"})

    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode().count("Missed the counter-offer") >= 1
    assert len(packed.content) * 3 < len(plain.content)
    assert "Content-Encoding" not in plain
