"""A separate OS process that scans like one worker of the server (see
test_rate_limit_across_processes.py). Not a test module: run as a script.

    rate_limit_worker.py setup
        create the rate counter table (a fresh SQLite file);
    rate_limit_worker.py clear USER_PK
        delete the login's counts (the workers commit them outside the test's transaction);
    rate_limit_worker.py scan USER_PK ATTEMPTS AT READY_DIR PROCESSES
        wait until PROCESSES workers are ready, then call ``checkin.check_rate`` ATTEMPTS
        times at the moment AT (ISO 8601); print {"allowed": n, "refused": m} as JSON.

The database, the cache and the limit come from the environment, as for the server
(DATABASE_URL, REDIS_URL, CHECKIN_RATE_PER_MINUTE).
"""

import json
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import django


def _setup():
    from django.db import connection

    from tripartite.common.models import RateCounter

    with connection.schema_editor() as editor:
        editor.create_model(RateCounter)


def _clear(user_pk):
    from tripartite.common.models import RateCounter

    RateCounter.objects.filter(key=f"checkin:{int(user_pk)}").delete()


def _wait_for_the_others(ready_dir: Path, processes: int):
    (ready_dir / uuid.uuid4().hex).touch()
    deadline = time.monotonic() + 60
    while len(list(ready_dir.iterdir())) < processes:
        if time.monotonic() > deadline:
            raise SystemExit("the other workers never got ready")
        time.sleep(0.01)


def _scan(user_pk, attempts, at, ready_dir, processes):
    from tripartite.common.services import ServiceError
    from tripartite.registration.services import checkin

    login = SimpleNamespace(pk=int(user_pk))  # check_rate reads only the login's id
    moment = datetime.fromisoformat(at)
    _wait_for_the_others(Path(ready_dir), int(processes))
    allowed = refused = 0
    for _ in range(int(attempts)):
        try:
            checkin.check_rate(login, at=moment)
        except ServiceError as error:
            if error.code != "throttled":
                raise
            refused += 1
        else:
            allowed += 1
    print(json.dumps({"allowed": allowed, "refused": refused}))


if __name__ == "__main__":
    django.setup()
    command, *arguments = sys.argv[1:]
    {"setup": _setup, "clear": _clear, "scan": _scan}[command](*arguments)
