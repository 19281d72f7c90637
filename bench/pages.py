"""Server time of the main pages on the ILC-scale demo, against a bare Django view.

Run by `make bench` (bench/run.py) in a fresh database: SQLite by default, PostgreSQL when
DATABASE_URL is set. Requests go through the whole middleware stack in-process (Django's
test client), so the figures are server time without the network. Prints a Markdown table.
"""

import io
import os
import statistics
import sys
import time

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tripartite.accounts.models import User
    from tripartite.meetings.models import Session

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="observer"))
    session = Session.objects.get(number="114", meeting__type="ilc")
    pages = {
        "bare Django view (baseline)": "/bench/bare",
        "member State list": "/states/",
        "one member State (France)": "/states/FR/",
        "calendar (June 2026)": "/meetings/calendar/?year=2026&month=6",
        "session page (ILC 114)": f"/meetings/sessions/{session.pk}/",
    }
    rows = []
    baseline = None
    for label, url in pages.items():
        for _ in range(5):  # warm caches and connections
            client.get(url)
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        baseline = baseline or median
        rows.append((label, median, p95, median / baseline, len(queries)))
    print(f"database: {connection.vendor}; {REQUESTS} requests per page\n")
    print("| page | median ms | p95 ms | × bare view | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, median, p95, ratio, count in rows:
        print(f"| {label} | {median:.1f} | {p95:.1f} | {ratio:.1f} | {count} |")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
