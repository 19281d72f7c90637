"""Running jobs at once on real database connections, for the concurrency tests."""

import threading

from django.db import connections


def run_concurrently(jobs, barrier=None):
    """Run each job in its own thread (each its own database connection), all released at
    once by ``barrier`` (one for all the jobs unless given); return what each job returned
    or raised."""
    barrier = barrier or threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
