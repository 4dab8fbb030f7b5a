"""An email speaks to its recipient as they chose on their settings page, as the pages do."""

import pytest
from django.core import mail

from crisis_coach.common.addressing import FEMININE_CONTEXT, NEUTRAL_CONTEXT, AddressAs
from tests.i18n.test_addressing import SEPARATOR, arabic
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

READ_AND_REPLY = "Read it and reply:"


@pytest.mark.parametrize(
    "address_as, entry",
    [
        (AddressAs.FEMININE, FEMININE_CONTEXT + SEPARATOR + READ_AND_REPLY),
        (AddressAs.MASCULINE, READ_AND_REPLY),
        (AddressAs.NEUTRAL, NEUTRAL_CONTEXT + SEPARATOR + READ_AND_REPLY),
    ],
)
def test_the_comment_email_addresses_the_client_as_she_chose(
    coach_client, client_user, shared_case, discreet_off, address_as, entry
):
    client_user.language = "ar"
    client_user.address_as = address_as
    client_user.save(update_fields=["language", "address_as"])
    coach_client.post(f"/coach/cases/{shared_case.public_id}/comments/", {"body": "Talk to her today."})
    assert run_pending_tasks() == 1
    [email] = mail.outbox
    assert arabic()[entry] in email.body
    keys = [
        FEMININE_CONTEXT + SEPARATOR + READ_AND_REPLY,
        READ_AND_REPLY,
        NEUTRAL_CONTEXT + SEPARATOR + READ_AND_REPLY,
    ]
    others = {arabic()[key] for key in keys} - {arabic()[entry]}
    assert not [other for other in others if other in email.body]
