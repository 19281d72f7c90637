"""The test database's template is named by everything the migrations read, so that a kept
template can never be stale (tests/database_template.py)."""

from pathlib import Path

from tests import database_template

SRC = Path(database_template.__file__).resolve().parent.parent / "src" / "tripartite"


def test_the_fingerprint_covers_the_migrations_and_what_they_read():
    inputs = database_template.migration_inputs()
    assert set(SRC.glob("*/migrations/0*.py")) <= inputs
    assert SRC / "meetings" / "places.py" in inputs  # imported by a data migration
    assert SRC / "common" / "titles.py" in inputs
    assert SRC / "constituents" / "data" / "ilo-member-states.csv" in inputs  # read by one
    assert any(path.parts[-3:-1] == ("auth", "migrations") for path in inputs)  # Django's


def test_a_changed_input_names_another_template(monkeypatch, tmp_path):
    before = database_template.fingerprint()
    changed = tmp_path / "0099_new.py"
    changed.write_text("# a new migration\n")
    inputs = database_template.migration_inputs()
    monkeypatch.setattr(database_template, "migration_inputs", lambda: inputs | {changed})
    assert database_template.fingerprint() != before
