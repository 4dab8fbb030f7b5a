"""The contact import's slow parts, as tasks (the queue: crisis_coach/common/tasks.py).

Queued by network/importing/services.py with the job's id, in the transaction that changes the job.
"""

from django_tasks import task

from crisis_coach.network.importing import services


@task
def read_contact_import(*, import_id: int) -> None:
    services.import_read(import_id=import_id)


@task
def apply_contact_import(*, import_id: int) -> None:
    services.import_apply(import_id=import_id)
