"""Any export the app makes imports again: an account with every long text at its maximum, in the
scripts that cost the most bytes, is larger than the old 5 MB import limit and comes back whole."""

import itertools
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from crisis_coach import limits
from crisis_coach.coaching.models import CoachProfile
from crisis_coach.incidents import models as incidents
from crisis_coach.network import models as network
from crisis_coach.portability import schema
from tests.accounts.seed import seed_rich_account
from tests.accounts.test_portability import normalised
from tests.factories import make_conversation, make_stakeholder, make_step, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

MAX = limits.LONG_TEXT_MAX
OLD_LIMIT = 5 * 1024 * 1024
# Emoji cost 4 bytes each in the export, Chinese 3, Arabic 2; a line break is written "\n".
SCRIPTS = itertools.cycle(["😀" * MAX, "危" * (MAX - 100) + "\r\n" * 100, "ع" * MAX, "👩‍👩‍👧‍👦" * (MAX // 7)])

# Each model's long texts (its textareas in the app), with how to find the account's rows.
OWNED = [
    (incidents.Incident, "owner"),
    (incidents.Stakeholder, "incident__owner"),
    (incidents.Assessment, "incident__owner"),
    (incidents.Conversation, "incident__owner"),
    (incidents.ActionStep, "incident__owner"),
    (incidents.Reflection, "incident__owner"),
    (incidents.TimelineEvent, "incident__owner"),
    (network.Contact, "owner"),
    (network.Interaction, "contact__owner"),
    (network.Community, "owner"),
    (network.Participation, "community__owner"),
    (CoachProfile, "user"),
]


def fill_to_the_maxima(user) -> int:
    """Every long text of every row the user owns at LONG_TEXT_MAX characters; how many texts."""
    filled = 0
    for model, owner in OWNED:
        texts = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, models.TextField) and field.editable and field.name != "search_text"
        ]
        for pk in model.objects.filter(**{owner: user}).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{name: next(SCRIPTS) for name in texts})
            filled += len(texts)
    return filled


def test_an_account_at_the_maxima_exports_and_imports_back(client, client_user):
    seed_rich_account(client_user)
    for incident in incidents.Incident.objects.filter(owner=client_user):
        stakeholder = make_stakeholder(incident, name="Another person")
        for _ in range(2):
            make_conversation(incident, stakeholder)
            make_step(incident, title="One more step")
    assert fill_to_the_maxima(client_user) > 60
    client.force_login(client_user)
    exported = client.get(reverse("accounts:export")).content
    assert len(exported) > OLD_LIMIT  # what the old limit refused
    assert len(exported) <= schema.MAX_BYTES

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    upload = SimpleUploadedFile("export.json", exported, "application/json")
    response = client.post(reverse("accounts:import"), {"file": upload})
    assert response.status_code == 302, response.context and response.context["form"].errors
    again = json.loads(client.get(reverse("accounts:export")).content)
    first = json.loads(exported)
    for incident in first["incidents"]:
        incident["shared_with_coach"] = False  # consent never carries over (docs/export-schema.md)
    assert normalised(again) == normalised(first)


def test_a_long_text_over_the_maximum_is_refused_by_the_import_as_by_the_form(logged_in):
    from tests.accounts.test_import_refusals import valid_document

    document = valid_document()
    document["incidents"][0]["what_happened"] = "危" * (MAX + 1)
    upload = SimpleUploadedFile("export.json", json.dumps(document).encode(), "application/json")
    response = logged_in.post(reverse("accounts:import"), {"file": upload})
    assert response.status_code == 200
    assert "incidents[0].what_happened" in response.content.decode()
    assert not incidents.Incident.objects.exists()


def test_the_import_limit_holds_dozens_of_setbacks_written_to_every_maximum():
    # A setback's long texts: the narrative, a stakeholder's words, root cause and prevention, a
    # conversation's four parts and its notes, a step's details, three reflection answers, and the
    # timeline's copy of the outcome notes. Worst case in the file: 6 bytes a character ("\u0001").
    per_setback = 14 * MAX * 6
    assert schema.MAX_BYTES // per_setback >= 39  # about 40
