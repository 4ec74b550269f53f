"""Configuration: production passes the deploy check; defaults are documented ones."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def clean_environment():
    """The environment without what a test session sets for itself (the browser tests
    allow sync ORM calls under Playwright's event loop; a deployment never does)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, **env):
    environment = {
        **clean_environment(),
        "TEILHABE_BASE_URL": "https://teilhabe.example.org",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_production_settings_pass_deploy_check_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="teilhabe.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="teilhabe.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_public_address():
    environment = {k: v for k, v in clean_environment().items() if k != "TEILHABE_BASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "teilhabe.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "teilhabe.example.org",
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "Set TEILHABE_BASE_URL" in result.stderr


def base_url(**env):
    environment = {k: v for k, v in clean_environment().items() if k != "TEILHABE_BASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.TEILHABE_BASE_URL)",
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "teilhabe.settings.development", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_links_in_mails_use_the_port_make_run_serves_on():
    assert base_url(PORT="8301") == "http://127.0.0.1:8301"
    assert base_url() == "http://127.0.0.1:8000"
    assert base_url(PORT="8301", TEILHABE_BASE_URL="https://x.example/") == "https://x.example"
    # make run passes its PORT (and the address) to the web server and the worker.
    serve = subprocess.run(
        ["make", "-n", "serve", "PORT=8301"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert 'TEILHABE_BASE_URL="${TEILHABE_BASE_URL:-http://127.0.0.1:8301}"' in serve
    assert "export PORT=8301" in serve


def test_production_refuses_the_development_secret_key():
    environment = {k: v for k, v in clean_environment().items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "teilhabe.settings.production"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_turns_off_demo_logins():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TEILHABE_DEMO, settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="teilhabe.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        TEILHABE_DEMO="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False False")


def test_sqlite_is_the_default_and_uses_wal(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0])",
        DJANGO_SETTINGS_MODULE="teilhabe.settings.development",
        DATABASE_URL="",
        TEILHABE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("sqlite wal")


@pytest.mark.parametrize("command", ["load_demo", "worker", "compile_translations", "migrate"])
def test_every_admin_command_has_help(command):
    result = run_manage(command, "--help", DJANGO_SETTINGS_MODULE="teilhabe.settings.development")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_teilhabe_command_line_lists_commands():
    result = subprocess.run(
        [sys.executable, "-m", "teilhabe", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "load_demo" in result.stdout and "worker" in result.stdout


# --- Cache --------------------------------------------------------------------------------

REDIS_PROBE = """
import threading
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

print(settings.CACHES["default"]["BACKEND"])
key = "teilhabe-test:" + KEY
cache.set(key, 0, 60)
def worker():
    for _ in range(50):
        cache.incr(key)
threads = [threading.Thread(target=worker) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print("count", cache.get(key))
cache.delete(key)
call_command("check", fail_level="WARNING")
"""


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.mark.redis
def test_cache_url_selects_redis_and_it_counts_across_threads():
    if not redis_reachable():
        pytest.skip("no Redis at 127.0.0.1:6379")
    result = run_manage(
        "shell",
        "-c",
        f"KEY = {secrets.token_hex(8)!r}\n" + REDIS_PROBE,
        DJANGO_SETTINGS_MODULE="teilhabe.settings.development",
        CACHE_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "django.core.cache.backends.redis.RedisCache" in result.stdout
    assert "count 400" in result.stdout
    assert "System check identified no issues" in result.stdout + result.stderr


def test_migrate_alone_creates_the_cache_table(tmp_path):
    # (The test database does not show this: Django's test runner makes the table too.)
    result = run_manage(
        "shell",
        "-c",
        "from django.core.management import call_command; from django.db import connection; "
        "call_command('migrate', verbosity=0); "
        "print('cache table', 'teilhabe_cache' in connection.introspection.table_names())",
        DJANGO_SETTINGS_MODULE="teilhabe.settings.development",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        TEILHABE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "cache table True" in result.stdout


def test_the_database_cache_is_the_default_and_an_unknown_cache_url_is_refused():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="teilhabe.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        CACHE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("teilhabe.web.cache.DatabaseCache")
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="teilhabe.settings.development", CACHE_URL="memcached://x"
    )
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr
