"""make backup / make restore: a row survives the round trip into a fresh database."""

import os
import shutil
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

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump must see committed rows


def url_of_the_test_database() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def tools_or_skip():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    if not Path(f"/usr/lib/postgresql/{major}/bin/pg_dump").exists() and not shutil.which("pg_dump"):
        pytest.skip(f"pg_dump/pg_restore for PostgreSQL {major} are not installed")


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


def test_restore_refuses_a_database_that_has_tables(tools_or_skip, tmp_path):
    url = url_of_the_test_database()
    dump = Path(run("backup", "--dir", str(tmp_path), env_url=url).stdout.strip())

    refused = run("restore", str(dump), env_url=url)

    assert refused.returncode != 0
    assert "already has" in refused.stderr
    assert "--force" in refused.stderr


def test_restore_of_a_missing_file_says_so(tmp_path):
    result = run("restore", str(tmp_path / "nope.dump"), env_url=url_of_the_test_database())
    assert result.returncode != 0
    assert "no such file" in result.stderr
