"""The ASGI application (``tripartite serve`` runs it in uvicorn workers; any ASGI server
can: ``uvicorn tripartite.config.asgi:application``)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tripartite.config.settings")

from tripartite.site.asgi import bounded_application  # noqa: E402 — after the settings' name

# As many requests at a time per process as `tripartite serve` allows.
application = bounded_application(int(os.environ.get("TRIPARTITE_THREADS", "4")))
