"""Password reset never reveals whether an address has an account."""

import re

import pytest
from django.core import mail
from django.utils import translation

from crisis_coach.accounts.models import QueuedEmail
from crisis_coach.accounts.services import account_delete
from tests.tasks import mail_server_down, pending_tasks, run_pending_tasks, skip_the_wait

pytestmark = pytest.mark.django_db


def without_csrf(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def test_known_and_unknown_addresses_get_the_same_answer(client, client_user):
    known = client.post("/accounts/password/reset/", {"email": client_user.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    # The page both land on is word for word the same (but for the per-response CSRF mask).
    assert without_csrf(client.get(known["Location"])) == without_csrf(client.get(unknown["Location"]))
    # Only the real account gets an email.
    run_pending_tasks()
    assert [message.to for message in mail.outbox] == [[client_user.email]]


def test_an_inactive_account_is_treated_like_an_unknown_address(client, client_user):
    client_user.is_active = False
    client_user.save()

    response = client.post("/accounts/password/reset/", {"email": client_user.email})

    assert response["Location"] == "/accounts/password/reset/done/"
    assert run_pending_tasks() == 0
    assert mail.outbox == []


def test_completing_a_reset_is_recorded_on_the_security_page(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email})
    run_pending_tasks()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/key/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_page = client.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"password1": "a-brand-new-passphrase-9", "password2": "a-brand-new-passphrase-9"}
    )

    assert response.status_code == 302
    assert client_user.security_events.filter(kind="password_reset").exists()


def test_the_reset_page_answers_while_the_mail_server_is_down_and_the_worker_sends_it_later(
    client, client_user
):
    with mail_server_down():
        response = client.post("/accounts/password/reset/", {"email": client_user.email}, follow=True)
        assert run_pending_tasks() == 1  # the worker tries at once, and fails

    assert response.redirect_chain == [("/accounts/password/reset/done/", 302)]
    assert response.status_code == 200
    assert mail.outbox == []

    skip_the_wait()
    assert run_pending_tasks() == 1
    [message] = mail.outbox
    assert message.to == [client_user.email]
    assert "/accounts/password/reset/" in message.body


def test_the_reset_email_waits_in_its_own_row_until_sent_and_then_is_gone(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email})

    # The task names only the row; the row holds the rendered email (its link) until the worker sends it.
    [task] = pending_tasks()
    [queued] = QueuedEmail.objects.all()
    assert task.args_kwargs["kwargs"] == {"email_id": queued.pk}
    assert client_user.email not in str(task.args_kwargs)
    assert (queued.user, queued.to) == (client_user, client_user.email)
    assert "/accounts/password/reset/key/" in queued.body

    assert run_pending_tasks() == 1
    [message] = mail.outbox
    assert message.body == queued.body
    assert not QueuedEmail.objects.exists()  # the link is kept nowhere once it has left


def test_the_reset_email_is_in_the_language_of_the_page_that_asked(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email}, headers={"accept-language": "ar"})
    run_pending_tasks()

    [message] = mail.outbox
    with translation.override("ar"):
        assert message.subject == translation.gettext("Password Reset Email")
    assert message.subject != "Password Reset Email"


def test_no_reset_email_for_an_account_deleted_before_the_worker_ran(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email})
    assert QueuedEmail.objects.filter(user=client_user).exists()
    account_delete(user=client_user)

    assert not QueuedEmail.objects.exists()  # the rendered email, its link and address, went with the account
    assert run_pending_tasks() == 1
    assert mail.outbox == []
