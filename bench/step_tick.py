#!/usr/bin/env python
"""Time one step tick in-process: the person's POST to the step's status URL, as htmx sends it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cc_tick .venv/bin/python bench/step_tick.py

The database is created and migrated if it is missing; each run adds one person with two cases
(1 step and 50 steps). For each case the same step is ticked done and back `--repeat` times, after
warm-up ticks, through the view and then through the service alone; the median and mean wall time,
the median CPU time of this process (less moved by a busy machine than the wall time: the
database's own time is not in it) and the queries of one tick are printed. Requests go through Django's
test Client without the test environment, so no template context is copied for signal listeners.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="ticks to time per case")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("set DATABASE_URL to a database of its own (created and migrated if missing)")
    os.environ.update(DEBUG="false", LOG_LEVEL="WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisis_coach.settings")
    sys.path.insert(0, str(ROOT / "scripts"))
    from ensure_db import create_database_if_missing

    create_database_if_missing(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from crisis_coach.accounts.services import user_sign_up
    from crisis_coach.incidents import services
    from crisis_coach.incidents.models import ActionStep, CrisisType, StepStatus

    call_command("migrate", verbosity=0)
    tag = uuid.uuid4().hex[:8]
    owner = user_sign_up(
        email=f"tick-{tag}@example.test", password=f"tick-{tag}-password", display_name="Tick"
    )
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(owner)

    queries = []

    def count_query(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    for count in (1, 50):
        incident = services.incident_create(
            owner=owner,
            title=f"Tick {count}",
            crisis_type=CrisisType.WORK_MISTAKE,
            severity=3,
            occurred_on=date(2026, 11, 1),
        )
        for n in range(count):
            services.step_save(
                incident=incident, step=ActionStep(title=f"Step {n}", due_on=date(2026, 12, 1))
            )
        step = incident.steps.order_by("position").first()
        url = reverse("incidents:step_status", args=[incident.public_id, step.public_id])
        statuses = [StepStatus.DONE, StepStatus.TODO]
        for i in range(10):  # warm-up: templates, translations, plans
            assert client.post(url, {"status": statuses[i % 2]}).status_code == 200
        queries.clear()
        with connection.execute_wrapper(count_query):
            client.post(url, {"status": StepStatus.DONE})
            client.post(url, {"status": StepStatus.TODO})
        timings, cpu = [], []
        for i in range(options.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.post(url, {"status": statuses[i % 2]})
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200
        print(
            f"{count:>2} steps, the view: {statistics.median(timings):.1f} ms median "
            f"({statistics.mean(timings):.1f} mean; Python CPU {statistics.median(cpu):.1f} ms), "
            f"{len(queries) // 2} queries (BEGIN/COMMIT not counted)"
        )
        # The service alone, as the view calls it: what a write costs before any rendering.
        step = ActionStep.objects.select_related("incident__owner").get(pk=step.pk)
        queries.clear()
        with connection.execute_wrapper(count_query):
            services.step_set_status(step=step, status=StepStatus.DONE)
        services.step_set_status(step=step, status=StepStatus.TODO)
        timings, cpu = [], []
        for i in range(options.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            services.step_set_status(step=step, status=statuses[i % 2])
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        print(
            f"{count:>2} steps, the service: {statistics.median(timings):.1f} ms median "
            f"({statistics.mean(timings):.1f} mean; Python CPU {statistics.median(cpu):.1f} ms), "
            f"{len(queries)} queries"
        )


if __name__ == "__main__":
    main()
