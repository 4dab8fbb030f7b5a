from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.tasks import mail_server_down, pending_tasks, run_pending_tasks


@pytest.mark.django_db
def test_healthz_is_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "oldest_pending_task_seconds": 0}


@pytest.mark.django_db
def test_healthz_shows_how_long_the_oldest_pending_task_has_waited(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email})
    client.post("/accounts/password/reset/", {"email": client_user.email})
    older = DBTaskResult.objects.order_by("enqueued_at").first()
    DBTaskResult.objects.filter(pk=older.pk).update(enqueued_at=timezone.now() - timedelta(minutes=10))

    waited = client.get("/healthz").json()["oldest_pending_task_seconds"]
    assert 600 <= waited < 660  # a worker that stopped shows as a number that grows

    run_pending_tasks()
    assert client.get("/healthz").json()["oldest_pending_task_seconds"] == 0


@pytest.mark.django_db
def test_healthz_does_not_count_a_retry_that_is_not_due_yet(client, client_user):
    with mail_server_down():
        client.post("/accounts/password/reset/", {"email": client_user.email})
        run_pending_tasks()
    assert pending_tasks().count() == 1  # the next attempt, in a minute

    assert client.get("/healthz").json()["oldest_pending_task_seconds"] == 0


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_does_not_answer(client):
    # Point the connection at a port where nothing listens: a real failure, not a mock.
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    # And it recovers without a restart.
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_pages_answer_a_friendly_503_in_the_visitors_language_while_the_database_is_down(client_user):
    from django.test import Client

    browser = Client(raise_request_exception=False)
    browser.force_login(client_user)
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        english = browser.get("/incidents/")
        arabic = browser.get("/incidents/", headers={"accept-language": "ar"})
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert english.status_code == 503
    assert "We cannot reach our database right now" in english.content.decode()
    assert "Traceback" not in english.content.decode()
    assert arabic.status_code == 503
    assert '<html lang="ar" dir="rtl" data-bs-theme="auto">' in arabic.content.decode()
    # Back to normal without a restart.
    assert browser.get("/incidents/").status_code == 200


@pytest.mark.django_db
def test_unknown_pages_get_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "There is nothing here" in response.content.decode()
