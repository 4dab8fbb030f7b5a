#!/usr/bin/env python
"""Make sure a PostgreSQL database for Crisis Coach exists, and say where it is.

Order of preference:
1. DATABASE_URL, if set: the database is created on that server if it is missing.
2. The default server (DEFAULT_DATABASE_URL, postgres://postgres@127.0.0.1:5432/crisis_coach),
   if something answers there.
3. A project-local cluster under var/postgres on its own port (LOCAL_PG_PORT, 54329), created
   with initdb and started with pg_ctl from the PostgreSQL binaries already installed. initdb
   refuses to run as root, so as root the cluster belongs to the `postgres` system user.

Without DATABASE_URL, the address found is written to var/database_url, which the settings read,
so `manage.py` works the same after `make`. Running it again changes nothing that exists.
Usage: ensure_db.py [--stop]
"""

import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
LOCAL_DATA = VAR / "postgres"
LOCAL_PORT = int(os.environ.get("LOCAL_PG_PORT", "54329"))
DEFAULT_URL = os.environ.get("DEFAULT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/crisis_coach")
LOCAL_URL = f"postgres://postgres@127.0.0.1:{LOCAL_PORT}/crisis_coach"


def say(message: str) -> None:
    print(f"ensure_db: {message}", file=sys.stderr)


def server_answers(url: str) -> bool:
    parts = urlparse(url)
    try:
        psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
        return True
    except psycopg2.OperationalError as error:
        # A server that answers but refuses our login is a configuration problem to report, not to hide.
        if "does not exist" in str(error) or "authentication" in str(error):
            say(f"a server answers at {parts.hostname}:{parts.port} but refused us: {error}".strip())
        return False


def create_database_if_missing(url: str) -> None:
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        connect_timeout=5,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            say(f"created database {name}")
    connection.close()


def postgres_bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def as_cluster_owner(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def local_cluster_running(bin_dir: Path) -> bool:
    if not (LOCAL_DATA / "PG_VERSION").exists():
        return False
    status = subprocess.run(
        as_cluster_owner([str(bin_dir / "pg_ctl"), "status", "-D", str(LOCAL_DATA)]), capture_output=True
    )
    return status.returncode == 0


def start_local_cluster() -> str:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        sys.exit(
            "ensure_db: no PostgreSQL server answers and no PostgreSQL binaries are installed. "
            "Install them (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to a server."
        )
    VAR.mkdir(exist_ok=True)
    if not (LOCAL_DATA / "PG_VERSION").exists():
        LOCAL_DATA.mkdir(mode=0o700, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(LOCAL_DATA, "postgres", "postgres")
            probe = subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w", str(LOCAL_DATA)])
            if probe.returncode != 0:
                sys.exit(
                    f"ensure_db: the postgres user cannot reach {LOCAL_DATA}; "
                    "clone the project where every user can traverse the path (e.g. /srv or /tmp), "
                    "or set DATABASE_URL."
                )
        say(f"creating a project-local PostgreSQL cluster in {LOCAL_DATA}")
        subprocess.run(
            as_cluster_owner(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(LOCAL_DATA),
                    "--username=postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not local_cluster_running(bin_dir):
        say(f"starting the project-local cluster on 127.0.0.1:{LOCAL_PORT}")
        options = f"-c listen_addresses=127.0.0.1 -c port={LOCAL_PORT} -c unix_socket_directories=''"
        subprocess.run(
            as_cluster_owner(
                [
                    str(bin_dir / "pg_ctl"),
                    "start",
                    "-D",
                    str(LOCAL_DATA),
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    str(LOCAL_DATA / "server.log"),
                    "-o",
                    options,
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    for _attempt in range(30):
        if server_answers(LOCAL_URL):
            return LOCAL_URL
        time.sleep(1)
    sys.exit(f"ensure_db: the local cluster did not answer; see {LOCAL_DATA / 'server.log'}")


def stop_local_cluster() -> None:
    bin_dir = postgres_bin_dir()
    if bin_dir is None or not local_cluster_running(bin_dir):
        say("no project-local cluster is running")
        return
    subprocess.run(
        as_cluster_owner([str(bin_dir / "pg_ctl"), "stop", "-D", str(LOCAL_DATA), "-m", "fast"]), check=True
    )
    say("stopped the project-local cluster")


def with_database_name(server_url: str, name: str) -> str:
    return urlunparse(urlparse(server_url)._replace(path=f"/{name}"))


def main() -> None:
    if sys.argv[1:] == ["--stop"]:
        stop_local_cluster()
        return
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        create_database_if_missing(url)
        say(f"using DATABASE_URL ({urlparse(url).hostname}:{urlparse(url).port or 5432})")
        return
    if server_answers(DEFAULT_URL):
        url = DEFAULT_URL
        say(f"using the server at {urlparse(url).hostname}:{urlparse(url).port or 5432}")
    else:
        url = start_local_cluster()
    create_database_if_missing(url)
    VAR.mkdir(exist_ok=True)
    (VAR / "database_url").write_text(url + "\n")


if __name__ == "__main__":
    main()
