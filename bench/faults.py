#!/usr/bin/env python
"""A mixed load with faults: many signed-in clients and a coach write and read for a few minutes while
PostgreSQL restarts, a web worker and the task worker are killed. Nothing acknowledged may be lost.

The app runs under gunicorn (3 sync workers, DEBUG off) on a private throwaway PostgreSQL cluster
(bench/db_restart.py's), with `manage.py db_worker` restarted whenever it exits, as systemd's
Restart=always would, and Django's file email backend in a temporary folder. Locust
(bench/faults_locustfile.py, headless) drives the clients and the coach. Spaced over the run:
  1. PostgreSQL stops (fast shutdown), stays down --down-seconds, and starts;
  2. one gunicorn worker is killed with SIGKILL (its master starts another);
  3. the task worker is killed with SIGKILL, by preference while it runs a task; the tasks it left
     running are queued again (common/tasks.py abandoned_tasks_requeue, see below) and it restarts.
Then the queue is drained and the run judged (bench/faults_verdict.py): every acknowledged write is
in the database (by its marker), `manage.py check_integrity` finds no drift, no 5xx but 503s during
the outage, no connection cut but the killed worker's, and every email the coach's comments queued
was sent exactly once or stored as failed. Exit 1 otherwise. Loopback only; bounded in users and time.

Requeueing: abandoned_tasks_requeue takes back tasks running for longer than ABANDONED_AFTER (15
minutes), because a live worker may still be on them. The bench calls it with its clock moved on by
that much, at moments when no worker is alive (right after the kill, and at the end with the worker
stopped), so every task still "running" then was abandoned: the same recovery, without the wait.
"""

import argparse
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from bench import faults_mail, faults_verdict  # noqa: E402
from bench.db_restart import PrivateCluster, free_port, wait_ready  # noqa: E402

PY = sys.executable
SECRET = "faults-bench-secret-key-not-for-production-0123456789-abcdefghijklmnopqrstuv"
LOGS = ROOT / "var"
TASKS_TABLE = "django_tasks_database_dbtaskresult"
REQUEUE_NOW = (
    "from django.utils import timezone\n"
    "from crisis_coach.common.tasks import ABANDONED_AFTER, abandoned_tasks_requeue\n"
    "print(abandoned_tasks_requeue(now=timezone.now() + ABANDONED_AFTER))\n"
)


def say(message: str) -> None:
    print(f"faults: {message}", flush=True)


def stop_group(process: subprocess.Popen | None, sig=signal.SIGTERM, timeout: float = 30) -> None:
    """Stop a process started in its own session, with its children (gunicorn's workers)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


class TaskWorker:
    """`manage.py db_worker`, started again a second after it exits (systemd's Restart=always), except
    while paused for a deliberate kill. Each exit it did not ask for is noted with its time."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log = env, log_path.open("a")
        self.process = None
        self.exits: list[tuple[float, int]] = []
        self.paused = False
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._supervise, daemon=True)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [PY, "manage.py", "db_worker", "--interval", "0.5"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def run(self) -> None:
        self.start()
        self.thread.start()

    def _supervise(self) -> None:
        while not self.stopping.wait(0.2):
            with self.lock:
                if self.paused or self.process.poll() is None:
                    continue
                self.exits.append((time.time(), self.process.returncode))
            time.sleep(1)
            with self.lock:
                if not self.paused and not self.stopping.is_set():
                    self.start()

    def kill(self) -> None:
        with self.lock:
            self.paused = True
            stop_group(self.process, signal.SIGKILL)

    def resume(self) -> None:
        with self.lock:
            self.start()
            self.paused = False

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            stop_group(self.process)  # SIGTERM: it finishes the task it is on, then exits


class Run:
    def __init__(self, options):
        self.options = options
        self.cluster = PrivateCluster()
        self.folder = Path(tempfile.mkdtemp(prefix="cc-faults-"))
        self.emails = self.folder / "emails"
        self.emails.mkdir()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ, "DATABASE_URL": self.cluster.url, "DEBUG": "false", "HTTPS_ONLY": "false",
            "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "bench.faults_mail.PacedFileBackend",
            "EMAIL_FILE_PATH": str(self.emails),
        }  # fmt: skip
        self.faults = faults_verdict.Faults()
        self.notes: list[str] = []
        self.gunicorn = None
        self.locust = None
        self.worker = None
        LOGS.mkdir(exist_ok=True)

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PY, "manage.py", *args], env=self.env, cwd=ROOT, check=check, capture_output=True, text=True
        )

    def tasks_query(self, sql: str, connection=None) -> int:
        own = connection is None
        connection = connection or psycopg2.connect(self.cluster.url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        finally:
            if own:
                connection.close()

    def requeue_abandoned(self) -> int:
        return int(self.manage("shell", "-c", REQUEUE_NOW).stdout.strip().splitlines()[-1])

    # The run, step by step.

    def prepare(self) -> Path:
        self.cluster.create()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "-v0")
        os.environ.update(self.env)  # this process's Django: the same database and secret as the app
        os.environ["DJANGO_SETTINGS_MODULE"] = "crisis_coach.settings"
        import django

        django.setup()
        from django.db import connections

        from bench import faults_data

        plan = faults_data.prepare(clients=self.options.users)
        connections.close_all()
        path = self.folder / "plan.json"
        path.write_text(json.dumps(plan))
        return path

    def start_app(self) -> None:
        self.gunicorn = subprocess.Popen(
            [PY, "-m", "gunicorn", "--workers", "3", "--worker-class", "sync", "--log-level", "warning"]
            + ["--bind", f"127.0.0.1:{self.port}", "crisis_coach.wsgi"],
            env=self.env, cwd=ROOT, start_new_session=True,
            stderr=(LOGS / "faults-gunicorn.log").open("w"),
        )  # fmt: skip
        wait_ready(f"{self.base}/healthz")
        (LOGS / "faults-worker.log").write_text("")
        self.worker = TaskWorker(self.env, LOGS / "faults-worker.log")
        self.worker.run()

    def start_load(self, plan: Path, log: Path) -> None:
        users = self.options.users + 1  # the coach is one of them (fixed_count)
        self.locust = subprocess.Popen(
            [str(Path(PY).parent / "locust"), "-f", "bench/faults_locustfile.py", "--headless",
             "--host", self.base, "-u", str(users), "-r", str(min(users, 10)),
             "-t", f"{self.options.seconds}s", "--stop-timeout", "10", "--only-summary",
             "--loglevel", "WARNING"],
            env={**self.env, "FAULTS_PLAN": str(plan), "FAULTS_LOG": str(log)}, cwd=ROOT,
            start_new_session=True, stdout=(LOGS / "faults-locust.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def restart_database(self) -> None:
        self.faults.database_down_at = time.time()
        self.cluster.stop()
        time.sleep(self.options.down_seconds)
        self.cluster.start()
        self.faults.database_back_at = time.time()
        down_for = self.faults.database_back_at - self.faults.database_down_at
        pause = self.options.down_seconds
        say(f"fault 1: PostgreSQL down for {down_for:.1f} s (fast shutdown, {pause} s pause, start)")

    def kill_web_worker(self) -> None:
        children = subprocess.run(
            ["pgrep", "-P", str(self.gunicorn.pid)], capture_output=True, text=True
        ).stdout.split()
        if not children:
            self.notes.append("fault 2 not made: gunicorn had no worker")
            return
        victim = int(children[0])
        self.faults.web_worker_killed_at = time.time()
        os.kill(victim, signal.SIGKILL)
        time.sleep(3)
        after = subprocess.run(["pgrep", "-P", str(self.gunicorn.pid)], capture_output=True, text=True)
        say(f"fault 2: gunicorn worker {victim} killed (SIGKILL); 3 s later gunicorn has "
            f"{len(after.stdout.split())} workers")  # fmt: skip

    def kill_task_worker(self) -> None:
        # By preference while it sends an email, after the mail server accepted it and before the
        # task's result is stored (bench/faults_mail.py paces the send): the window where a requeue
        # would send twice, were the task not marked "sending" (common/tasks.py).
        running_sql = f"SELECT count(*) FROM {TASKS_TABLE} WHERE status = 'RUNNING'"
        deadline = time.monotonic() + 10
        watch = psycopg2.connect(self.cluster.url)
        watch.autocommit = True
        try:
            while time.monotonic() < deadline and not self.tasks_query(running_sql, watch):
                time.sleep(0.002)
            time.sleep(faults_mail.BEFORE_ACCEPT_SECONDS + faults_mail.AFTER_ACCEPT_SECONDS / 2)
            self.worker.kill()
        finally:
            watch.close()
        left_running = self.tasks_query(running_sql)
        requeued = self.requeue_abandoned()
        self.worker.resume()
        say(f"fault 3: task worker killed (SIGKILL) with {left_running} task(s) running; "
            f"{requeued} queued again; worker restarted")  # fmt: skip
        self.notes.append(f"task worker killed with {left_running} task(s) running, {requeued} requeued")

    def drain(self) -> None:
        """Let the worker finish the queue, stop it, take back what a dead worker left running, and run
        what is left in one batch; then nothing may be due or running."""
        due_sql = (
            f"SELECT count(*) FROM {TASKS_TABLE} WHERE status = 'READY' "
            "AND (run_after <= now() OR run_after >= '9999-01-01')"
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.tasks_query(due_sql):
            time.sleep(0.5)
        self.worker.stop()
        requeued = self.requeue_abandoned()
        if requeued:
            self.notes.append(f"{requeued} task(s) left running by a dead worker, queued again at the end")
        self.manage("db_worker", "--batch", "--no-startup-delay")
        left = self.tasks_query(due_sql) + self.tasks_query(
            f"SELECT count(*) FROM {TASKS_TABLE} WHERE status IN ('READY', 'RUNNING')"
        )
        if left:
            self.notes.append(f"{left} task row(s) still ready or running after the drain (retries later?)")

    def check_integrity(self) -> int | None:
        result = self.manage("check_integrity", check=False)
        if result.returncode and "Unknown command" in result.stderr:
            self.notes.append("manage.py check_integrity is missing: half-applied writes were not checked")
            return None
        output = (result.stdout + result.stderr).strip()
        last_line = output.splitlines()[-1] if output else ""
        self.notes.append(f"check_integrity exit {result.returncode}: {last_line}")
        return result.returncode

    def execute(self) -> int:
        say(f"database: {self.cluster.description}; emails to {self.emails}")
        verdict = None
        try:
            plan = self.prepare()
            self.start_app()
            log = self.folder / "load.jsonl"
            seconds = self.options.seconds
            say(f"{self.options.users} clients and a coach for {seconds} s on {self.base}; "
                f"faults at {seconds * 0.25:.0f}, {seconds * 0.5:.0f}, {seconds * 0.75:.0f} s")  # fmt: skip
            begin = time.monotonic()
            self.start_load(plan, log)
            for fraction, fault in (
                (0.25, self.restart_database), (0.5, self.kill_web_worker), (0.75, self.kill_task_worker),
            ):  # fmt: skip
                time.sleep(max(0, begin + seconds * fraction - time.monotonic()))
                fault()
            self.locust.wait(timeout=seconds + 120)
            say("load finished; draining the task queue")
            self.drain()
            stop_group(self.gunicorn)
            verdict = self.judge(log)
            return verdict
        finally:
            stop_group(self.locust)
            if self.worker is not None:
                self.worker.stop()
            stop_group(self.gunicorn)
            self.cluster.remove()
            if verdict == 0:
                shutil.rmtree(self.folder, ignore_errors=True)
            else:
                say(f"kept for a look: {self.folder} (the emails, the load's log load.jsonl)")

    def judge(self, log: Path) -> int:
        from django.db import connections

        from bench import faults_data

        connections.close_all()  # the connection of before the restart is dead
        requests, writes = [], []
        for line in log.read_text().splitlines():
            record = json.loads(line)
            (requests if record["type"] == "request" else writes).append(record)
        acknowledged = collections.defaultdict(set)
        for write in writes:
            if write["ack"]:
                acknowledged[write["kind"]].add(write["marker"])
        stored = faults_data.stored_markers()
        lost = faults_verdict.lost_writes(acknowledged, stored)
        unexpected = faults_verdict.unexpected_answers(requests, self.faults)
        comments = faults_data.load_comments()
        emails = faults_verdict.email_outcomes(
            comments, faults_data.emails_by_marker(self.emails), faults_data.comment_email_tasks()
        )
        integrity = self.check_integrity()
        self.report(requests, writes, acknowledged, stored, emails, len(comments))
        found = faults_verdict.problems(
            lost=lost, unexpected=unexpected, emails=emails, integrity=integrity,
            acknowledged=sum(len(markers) for markers in acknowledged.values()),
        )  # fmt: skip
        if found:
            print("FAILED: " + "; ".join(found))
            return 1
        print("OK: every acknowledged write is stored, no 5xx or cut a fault does not explain, every email "
              "sent once or failed")  # fmt: skip
        return 0

    def report(self, requests, writes, acknowledged, stored, emails, queued) -> None:
        statuses = collections.Counter(request["status"] for request in requests)
        print()
        print(f"requests: {len(requests)}; by status: "
              + ", ".join(f"{'cut' if s == 0 else s}: {n}" for s, n in sorted(statuses.items())))  # fmt: skip
        server_errors = {s: n for s, n in statuses.items() if s >= 500}
        print(f"5xx by code: {server_errors or 'none'}")
        if self.faults.database_down_at:
            in_outage = sum(1 for r in requests if r["status"] == 503)
            print(f"503s: {in_outage}, all while the database was away "
                  f"({self.faults.database_back_at - self.faults.database_down_at:.1f} s + "
                  f"{faults_verdict.OUTAGE_GRACE:.0f} s grace) unless listed below")  # fmt: skip
        print("| write | attempted | acknowledged | acknowledged and found | stored, not acknowledged |")
        print("|---|---:|---:|---:|---:|")
        attempted = collections.Counter(write["kind"] for write in writes)
        for kind in ("setback", "stakeholder", "step", "tick", "touch", "reply", "comment"):
            acked, held = acknowledged.get(kind, set()), stored.get(kind, set())
            made = {write["marker"] for write in writes if write["kind"] == kind}
            unacknowledged = len(made & held - acked)
            print(f"| {kind} | {attempted[kind]} | {len(acked)} | {len(acked & held)} | {unacknowledged} |")
        refused = collections.Counter(
            (w["kind"], w["status"]) for w in writes if not w["ack"] and w["status"] not in (0, 503)
        )
        if refused:
            print(f"writes answered otherwise (kind, status): {dict(refused)}")
        print(f"emails: {queued} queued; {emails['sent once']} sent once, {emails['failed']} failed, "
              f"{emails['duplicated']} duplicated, {emails['missing']} missing")  # fmt: skip
        worker_exits = len(self.worker.exits) if self.worker else 0
        print(f"task worker: {worker_exits} exit(s) it did not ask for (restarted each time)")
        for note in self.notes:
            print(f"note: {note}")
        print("logs: var/faults-gunicorn.log, var/faults-worker.log, var/faults-locust.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=180, help="how long the load runs (30–600)")
    parser.add_argument("--users", type=int, default=24, help="signed-in clients besides the coach (max 40)")
    parser.add_argument("--down-seconds", type=float, default=2, help="how long the database stays down")
    options = parser.parse_args()
    options.seconds = max(30, min(options.seconds, 600))
    options.users = max(1, min(options.users, 40))
    sys.exit(Run(options).execute())


if __name__ == "__main__":
    main()
