#!/usr/bin/env python
"""Helpers for bench/run.py, run in the app's own environment.

`prepare.py floor`   — fill the floor's table with 50 rows (once).
`prepare.py product` — sign in the bench users, and print as JSON the key pages with their session
                       cookie, queries per request and big-table sequential scans (EXPLAIN).
`prepare.py coaches` — the same for the coach pages only `make bench-scale` loads (coach_pages).
`prepare.py gather`  — every active client of the dataset moves to the caseload coach (bench/scale.py);
`prepare.py scatter` — and back to the practices seed_large gave them.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_floor() -> None:
    import django

    django.setup()
    from floor.models import Row

    if not Row.objects.exists():
        Row.objects.bulk_create(Row(name=f"row {n}", value=n) for n in range(50))


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def seq_scans(sql: str, big_tables: dict[str, float]) -> list[str]:
    """Big tables this query reads in full to keep a part of them. A scan that keeps most of the
    table (the coach's dashboard, when one coach owns every case) is the right plan, not a missing
    index, so it is not reported; the page's note says so."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    found, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        table = node.get("Relation Name")
        is_scan = node.get("Node Type") == "Seq Scan" and table in big_tables
        if is_scan and node["Plan Rows"] < 0.5 * big_tables[table]:
            found.append(table)
        stack.extend(node.get("Plans", []))
    return found


def key_pages() -> list[tuple[str, str, object]]:
    """(name, path, signed-in user) of every page `make bench` loads."""
    from crisis_coach.accounts.models import User
    from crisis_coach.demo.management.commands.seed_large import BENCH_COACH_EMAIL, bench_client_email

    client_user = User.objects.get(email=bench_client_email(0))
    coach = User.objects.get(email=BENCH_COACH_EMAIL)
    incident = client_user.incidents.order_by("-occurred_on").first()
    pid = incident.public_id
    return [
        ("incident list", "/incidents/", client_user),
        ("incident cockpit", f"/incidents/{pid}/", client_user),
        ("assess", f"/incidents/{pid}/assess/", client_user),
        ("confront", f"/incidents/{pid}/confront/", client_user),
        ("resolve", f"/incidents/{pid}/resolve/", client_user),
        ("today", "/today/", client_user),
        ("contact list", "/network/", client_user),
        ("keep in touch", "/network/keep-in-touch/", client_user),
        ("insights", "/insights/", client_user),
        # This wave's pages: 5 evidence entries, 60 check-ins, 12 sessions (seed_large._seed_this_wave)
        # and an import's preview of 200 rows.
        ("evidence log", f"/incidents/{pid}/evidence/", client_user),
        ("check-ins", "/wellbeing/check-ins/", client_user),
        ("sessions", "/coaching/sessions/", client_user),
        ("contact import preview", contact_import_preview(client_user), client_user),
        *((f"coach dashboard{variant}", path, coach) for variant, path in COACH_VARIANTS),
        ("coach case review", f"/coach/cases/{pid}/", coach),
    ]


COACH_VARIANTS = (
    ("", "/coach/"),
    (", filtered", "/coach/?stage=confront&risk=high&attention=on"),
    # Both words are in 99% of the seeded cases (the seeder's vocabulary is small): the worst case.
    (", search", "/coach/?q=restructuring+tracker"),
    (", search for a client", "/coach/?q=Client+0042"),
)


def coach_pages() -> list[tuple[str, str, object]]:
    """The pages of `make bench-scale` beyond key_pages(): the dashboard of a coach with 50 clients,
    and of the coach who, once gathered (gather), has every client: 100,000 cases at 5,000 clients."""
    from crisis_coach.accounts.models import User
    from crisis_coach.demo.management.commands.seed_large import CASELOAD_COACH_EMAIL, PRACTICE_COACH_EMAIL

    practice = User.objects.get(email=PRACTICE_COACH_EMAIL)
    caseload = User.objects.get(email=CASELOAD_COACH_EMAIL)
    return [("coach dashboard, 50 clients", "/coach/", practice)] + [
        (f"coach dashboard, every client{variant}", path, caseload) for variant, path in COACH_VARIANTS
    ]


def gather() -> None:
    """Move every active link to the caseload coach, in one statement. The triggers move the caseload
    coach's version, so its cached dashboard does not outlive the move; the coaches the clients
    leave keep theirs (a link's UPDATE moves its new coach's), which nothing reads until scatter
    moves them again. The app itself never moves a link to another coach: it ends it."""
    from django.db import connection

    from crisis_coach.accounts.models import User
    from crisis_coach.coaching.models import CoachingLink
    from crisis_coach.demo.management.commands.seed_large import CASELOAD_COACH_EMAIL

    coach = User.objects.get(email=CASELOAD_COACH_EMAIL)
    CoachingLink.objects.active().exclude(coach=coach).update(coach=coach)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE coaching_coachinglink")  # the planner learns who coaches whom now


def scatter() -> None:
    """Give every client back the coach seed_large gave them."""
    from crisis_coach.accounts.models import User
    from crisis_coach.demo.management.commands.seed_large import seed_people

    seed_people(User.objects.filter(email__startswith="bench-client-").count())


IMPORTED_NEW = 100  # contacts in the bench's import file that the client does not have yet


def contact_import_preview(client_user) -> str:
    """The address of a contact import waiting for the client's choices: her own 100 contacts as the
    app exports them (each a duplicate to decide on) and IMPORTED_NEW new ones, read as the task
    reads them. Made once; the GETs under wrk change nothing."""
    from crisis_coach.network.importing import reading, services
    from crisis_coach.network.importing.vcard import contacts_vcf
    from crisis_coach.network.models import ContactImport, ImportStatus

    job = ContactImport.objects.filter(owner=client_user, status=ImportStatus.PREVIEW).first()
    if job is None:
        new = "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person {n:03d}\r\n"
            f"EMAIL:imported{n:03d}@example.test\r\nEND:VCARD\r\n"
            for n in range(IMPORTED_NEW)
        )
        text = contacts_vcf(client_user) + new
        file_format, total = reading.sniff(text)
        job = services.import_start(
            owner=client_user, file_name="bench.vcf", text=text, file_format=file_format, total=total
        )
        services.import_read(import_id=job.pk)  # what the task worker does
    return f"/network/contacts/import/{job.public_id}/"


WRITER = 499  # the bench client whose data the writes change: no page of key_pages() reads it
SEEDED_TOUCHES = 300  # seed_large: 3 for each of a client's 100 contacts
WRITTEN_NAME = "Bench write"


def key_writes(cookie_of) -> list[dict]:
    """The common writes `make bench` posts under wrk (bench/writes.lua), as the writer client.

    Tick a step: done and back, over the steps of the writer's open cases, one step of each case left
    to do so that no tick closes a case. Add a stakeholder, over the writer's open cases in turn, and
    log a touch, over her 100 contacts in turn: as a person spreads them, not one case gaining
    hundreds of stakeholders in a run, nor eight connections waiting on one contact's row. Both
    create rows: the rows the last run made are removed first, so every run starts from the seeded data.
    """
    from django.middleware.csrf import _get_new_csrf_string

    from crisis_coach.accounts.models import User
    from crisis_coach.demo.management.commands.seed_large import bench_client_email
    from crisis_coach.incidents.models import Stakeholder, StepStatus
    from crisis_coach.incidents.services import step_set_status
    from crisis_coach.network.models import Interaction

    writer = User.objects.get(email=bench_client_email(WRITER))
    Stakeholder.objects.filter(incident__owner=writer, name__startswith=WRITTEN_NAME).delete()
    touches = Interaction.objects.filter(contact__owner=writer).order_by("pk")
    # seed_large gives a client 300 touches, written before any post: the lowest primary keys.
    last_seeded = touches.values_list("pk", flat=True)[SEEDED_TOUCHES - 1]
    touches.filter(pk__gt=last_seeded).delete()
    steps = []
    for case in writer.incidents.filter(closed_at__isnull=True).order_by("pk")[:5]:
        case_steps = list(case.steps.order_by("pk"))
        if case_steps[-1].status != StepStatus.TODO:  # so that no tick makes every step done
            step_set_status(step=case_steps[-1], status=StepStatus.TODO)
        steps += [f"/incidents/{case.public_id}/steps/{step.public_id}/status/" for step in case_steps[:-1]]
    open_cases = writer.incidents.filter(closed_at__isnull=True).order_by("pk")
    common = {"cookie": cookie_of(writer), "csrf": _get_new_csrf_string()}
    return [
        {"name": "tick a step", "paths": steps, "body": "status={status}", **common},
        {
            "name": "add a stakeholder",
            "paths": [f"/incidents/{case.public_id}/stakeholders/add/" for case in open_cases],
            "body": f"name={WRITTEN_NAME.replace(' ', '+')}+{{token}}&relation=colleague&influence=3"
            "&stance=neutral&what_they_said=&contact=&submission={token}",
            **common,
        },
        {
            "name": "log a touch",
            "paths": [
                f"/network/contacts/{contact.public_id}/touch/" for contact in writer.contacts.order_by("pk")
            ],
            "body": "submission={token}",
            **common,
        },
    ]


def prepare_product(pages_of=key_pages, *, settle: bool = True) -> None:
    """Print the plan of pages_of()'s pages as JSON. With `settle` (a run's first call on a
    database), VACUUM ANALYZE first and add the writes; `coaches` calls it again without."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import BIG_TABLES

    with connection.cursor() as cursor:
        if settle:  # as autovacuum would have done on a live server after the bulk seeding
            cursor.execute("VACUUM ANALYZE")
        # Scanning a small table (sessions, on a bench machine) is the right plan: flag big ones only.
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s) AND reltuples >= 10000",
            [list(BIG_TABLES)],
        )
        big_tables = dict(cursor.fetchall())
    pages = pages_of()
    users = {user.pk: user for _, _, user in pages}
    cookies = {pk: session_cookie(user) for pk, user in users.items()}
    plan = []
    for name, path, user in pages:
        browser = Client()
        browser.cookies.load(cookies[user.pk])
        with CaptureQueriesContext(connection) as queries:
            status = browser.get(path).status_code
        if status != 200:
            print(f"bench: {path} answered {status}; left out", file=sys.stderr)
            continue
        scans = sorted(
            {table for query in queries if query["sql"].lstrip().upper().startswith("SELECT")
             for table in seq_scans(query["sql"], big_tables)}
        )  # fmt: skip
        plan.append(
            {"name": name, "path": path, "cookie": cookies[user.pk], "queries": len(queries),
             "seq_scans": ", ".join(scans) or 0}
        )  # fmt: skip
    posts = key_writes(lambda user: cookies.get(user.pk) or session_cookie(user)) if settle else []
    print(json.dumps({"pages": plan, "writes": posts}))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisis_coach.settings")
    import django

    django.setup()


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "floor":
        prepare_floor()
    else:
        setup()
        {
            "product": prepare_product,
            "coaches": lambda: prepare_product(coach_pages, settle=False),
            "gather": gather,
            "scatter": scatter,
        }[action]()
