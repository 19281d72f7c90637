"""A missing or malformed setting stops start-up with one line naming the variable."""

import os
import subprocess
import sys

import pytest

from tripartite.config.env import ConfigurationError, database_from_env, env_bool, env_int


def run_tripartite(tmp_path, **env):
    environment = {**os.environ, "TRIPARTITE_VAR_DIR": str(tmp_path), **env}
    environment.pop("DATABASE_URL", None) if "DATABASE_URL" not in env else None
    return subprocess.run([sys.executable, "-m", "tripartite.cli", "check"], env=environment,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("variable", "value"), [
    ("DEBUG", "maybe"),
    ("DATABASE_URL", "not a url"),
    ("DATABASE_URL", "mysql://root@localhost/x"),
    ("SECRET_KEY", "short"),
    ("TASK_BACKEND", "celery"),
    ("EMAIL_PORT", "twenty-five"),
    ("BADGE_FORMAT", "letter"),
    ("BADGE_COLOURS", "press=red"),
    ("BADGE_COLOURS", "visitors=#123456"),
    ("CHECKIN_RATE_PER_MINUTE", "0"),
    ("JOBS_STALE_AFTER", "10"),  # not longer than JOBS_HEARTBEAT's 15 s
    ("JOBS_KEEP_DAYS", "0"),
    ("JOBS_HEARTBEAT", "soon"),
])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(tmp_path, variable, value):
    result = run_tripartite(tmp_path, **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Configuration error: ") and variable in lines[0]


def test_the_embedded_default_needs_no_variable(tmp_path):
    result = run_tripartite(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists()


def test_booleans_and_numbers(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_NUMBER", "-3")
    with pytest.raises(ConfigurationError, match="X_NUMBER must be at least 0"):
        env_int("X_NUMBER", 1)


def test_sqlite_queues_concurrent_writers(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path)
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_postgres_url_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://ilo:pw@db.example:5433/tripartite")
    config = database_from_env(tmp_path)
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433,
                                                                 "tripartite")
