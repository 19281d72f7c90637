"""One artefact: the wheel built from the repository is the whole product, with the French
and Spanish catalogues compiled (setup.py's build hook) and every static file, so a server
that installs it serves a translated interface after `collectstatic`."""

import gettext
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
PACKAGE = REPOSITORY / "src" / "tripartite"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """`pip wheel . --no-deps`, as an operator runs it, on a copy of the checkout (the build
    writes build/ and egg-info beside the sources)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPOSITORY / "src", source / "src", ignore=shutil.ignore_patterns(
        "__pycache__", "*.pyc", "*.egg-info", "*.mo"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPOSITORY / name, source / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--quiet",
         "--wheel-dir", str(work / "dist")],
        cwd=source, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (built,) = (work / "dist").glob("tripartite-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_wheel_carries_the_compiled_catalogues(wheel, tmp_path):
    names = set(wheel.namelist())
    assert {"tripartite/locale/fr/LC_MESSAGES/django.mo",
            "tripartite/locale/es/LC_MESSAGES/django.mo"} <= names
    wheel.extractall(tmp_path, [name for name in names if name.startswith("tripartite/locale/")])
    locale = tmp_path / "tripartite" / "locale"
    french = gettext.translation("django", localedir=locale, languages=["fr"])
    spanish = gettext.translation("django", localedir=locale, languages=["es"])
    assert (french.gettext("Log in"), french.gettext("Credentials")) == (
        "Se connecter", "Pouvoirs")
    assert spanish.gettext("Log in") != "Log in"


def test_the_wheel_carries_every_file_collectstatic_and_the_pages_need(wheel):
    names = set(wheel.namelist())
    needed = {f"tripartite/{path.relative_to(PACKAGE).as_posix()}"
              for path in PACKAGE.rglob("*") if path.is_file()
              and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".mo", ".md"}}
    assert sorted(needed - names) == []
    statics = sorted(name for name in names if "/static/" in name)
    assert "tripartite/static/tripartite/site.css" in statics
    assert "tripartite/correspondence/static/correspondence/correspondence.css" in statics
