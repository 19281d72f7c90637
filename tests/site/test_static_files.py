"""Static files are served under hashed names, written with their manifest by collectstatic."""

import re

from django.core.management import call_command
from django.templatetags.static import static

from tripartite.config import settings as production_settings


def test_production_stores_static_files_under_hashed_names(settings, tmp_path):
    settings.STORAGES = production_settings.STORAGES
    settings.STATIC_ROOT = tmp_path
    # Our own files only: compressing the admin's and the API docs' assets takes most of a minute.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    url = static("tripartite/site.css")
    assert re.fullmatch(r"/static/tripartite/site\.[0-9a-f]{12}\.css", url)
    hashed = tmp_path / url.removeprefix("/static/")
    assert hashed.exists() and (tmp_path / "staticfiles.json").exists()
    assert hashed.with_name(hashed.name + ".gz").exists()  # compressed beside it
