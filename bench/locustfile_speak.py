"""Locust users of the request-to-speak load test (``bench/speak_load.py``): delegates ask
for the floor and withdraw from their own page, and, in the same run, the bare view.

``BENCH_SPEAK_DATA`` names the JSON file the preparation wrote: the sitting's id and, per
delegate, a logged-in session cookie and a CSRF secret.
"""

import json
import os
import random

from locust import FastHttpUser, between, task

SPEAKERS = int(os.environ.get("BENCH_SPEAKERS", "12"))
BARE_USERS = int(os.environ.get("BENCH_BARE_USERS", "2"))


class Plan:
    """What the users share: the delegates not in use, and whether each is waiting."""

    sitting: int = 0
    free: list[dict] = []
    results: dict[str, int] = {}

    @classmethod
    def configure(cls, data: dict) -> None:
        cls.sitting = data["sitting"]
        cls.free = [{**delegate, "waiting": False} for delegate in data["delegates"]]
        random.Random(2026).shuffle(cls.free)
        cls.results = {}


if os.environ.get("BENCH_SPEAK_DATA"):
    with open(os.environ["BENCH_SPEAK_DATA"]) as data_file:
        Plan.configure(json.load(data_file))


def _count(key: str) -> None:
    Plan.results[key] = Plan.results.get(key, 0) + 1


class Delegate(FastHttpUser):
    """A delegate at a time, taken from those not in use: asks for the floor (a speech, for
    themselves) if not waiting, else withdraws; the form's POST, as the page sends it."""

    fixed_count = SPEAKERS
    wait_time = between(0.0, 0.2)

    @task
    def act(self):
        delegate = Plan.free.pop(0)
        try:
            self.client.cookiejar.clear()  # the delegate's own cookies only, never another's
            headers = {"Cookie": f"sessionid={delegate['session']}; "
                                 f"csrftoken={delegate['csrf']}",
                       "X-CSRFToken": delegate["csrf"]}
            if delegate["waiting"]:
                data, name = {"action": "withdraw"}, "withdraw (POST)"
            else:
                data = {"action": "ask", "kind": "speech", "on_behalf_of": "self"}
                name = "ask for the floor (POST)"
            with self.client.post(f"/sittings/{Plan.sitting}/floor/", data=data,
                                  headers=headers, name=name, allow_redirects=False,
                                  catch_response=True) as response:
                # done: redirected to the page (302); refused: the page again (200)
                if response.status_code == 302:
                    delegate["waiting"] = not delegate["waiting"]
                    _count(name)
                else:
                    response.failure(f"status {response.status_code}")
        finally:
            Plan.free.append(delegate)


class BareView(FastHttpUser):
    """The baseline in the same run: a Django view that answers "ok", a few times a second."""

    fixed_count = BARE_USERS
    wait_time = between(0.05, 0.15)

    @task
    def bare(self):
        with self.client.get("/bench/bare", name="bare view", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
