"""Locust users of the check-in load test: one door per user, and the bare-view baseline.

Used by ``bench/checkin_load.py`` (which prepares the database, starts the server and runs
locust as a library), or by hand against a server it prepared::

    BENCH_CHECKIN_DATA=/tmp/bench-checkin-…/codes.json \\
      .venv/bin/locust -f bench/locustfile_checkin.py --headless -u 8 -r 8 \\
      --host http://127.0.0.1:8765 Door

``BENCH_CHECKIN_DATA`` names the JSON file the preparation wrote: the session's id, one
API token per door, and the badge codes. Each door posts its share of the codes, each once
with its own request id, as fast as the server answers, then stops.
"""

import json
import os
import uuid

from locust import FastHttpUser, task
from locust.exception import StopUser

DOORS = 8


class Plan:
    """What the users share: the codes still to scan per door, and the answers seen."""

    session: int = 0
    secrets: list[str] = []
    shares: list[list[str]] = []
    doors_started = 0
    bare_left = 0
    results: dict[str, int] = {}

    @classmethod
    def configure(cls, data: dict) -> None:
        cls.session, cls.secrets = data["session"], data["secrets"]
        cls.shares = [list(data["codes"][door::DOORS]) for door in range(DOORS)]
        cls.doors_started, cls.bare_left, cls.results = 0, len(data["codes"]), {}


if os.environ.get("BENCH_CHECKIN_DATA"):
    with open(os.environ["BENCH_CHECKIN_DATA"]) as data_file:
        Plan.configure(json.load(data_file))


class BareView(FastHttpUser):
    """The baseline: a Django view that answers "ok", as many times as there are codes."""

    @task
    def bare(self):
        if Plan.bare_left <= 0:
            raise StopUser
        Plan.bare_left -= 1
        with self.client.get("/bench/bare", name="bare view", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Door(FastHttpUser):
    """One door: its own check-in login (API token) and its share of the badges."""

    def on_start(self):
        self.door = Plan.doors_started % DOORS
        Plan.doors_started += 1
        self.codes = Plan.shares[self.door]
        self.headers = {"Authorization": f"Bearer {Plan.secrets[self.door]}"}

    @task
    def scan(self):
        if not self.codes:
            raise StopUser
        body = {"token": self.codes.pop(), "door": f"Door {self.door + 1}",
                "request_id": uuid.uuid4().hex}
        with self.client.post(f"/api/sessions/{Plan.session}/check-ins", json=body,
                              headers=self.headers, name="check-in",
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}: {response.text[:120]}")
                return
            result = response.json()["result"]
            Plan.results[result] = Plan.results.get(result, 0) + 1
            if result != "admitted":
                response.failure(f"result {result}")
