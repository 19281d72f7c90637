"""Committee and Governing Body membership at the scale of the Conference.

Loads the ILC-scale demo in a fresh database (SQLite by default, PostgreSQL when DATABASE_URL
is set), then measures what the votes and the pages ask most: who votes in the largest
committee (the Committee on the Application of Standards) with their weights, against a plain
read of the same membership rows in the same run (the floor: the rules add the rest); who votes
in the Governing Body; a change of membership with its published weights; the committee page.
Prints a Markdown table.

    TRIPARTITE_VAR_DIR=$(mktemp -d) DATABASE_URL= .venv/bin/python -m bench.membership
"""

import datetime as dt
import io
import os
import statistics
import time

REPEAT = int(os.environ.get("BENCH_MEMBERSHIP_REPEAT", "30"))


def median_ms(function, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tripartite.accounts.models import User
    from tripartite.constituents.models import Person
    from tripartite.meetings.models import Committee, Session
    from tripartite.membership import selectors, services
    from tripartite.membership.models import CommitteeMembership

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, verbosity=0, stdout=io.StringIO())
    ilc = Session.objects.get(number="114", meeting__type="ilc")
    gb = Session.objects.get(number="357", meeting__type="gb")
    cas = Committee.objects.get(session=ilc, name_en="Committee on the Application of Standards")
    at = ilc.opens_at + dt.timedelta(days=2, hours=8)
    members = selectors.committee_members_at(cas, at).count()
    voters = selectors.committee_voters(cas, at)
    gb_voters = selectors.governing_body_voters(gb, gb.opens_at)
    rows = []

    def plain_read():
        return list(CommitteeMembership.objects.filter(selectors.current(at), committee=cas)
                    .values_list("id", "person_id", "group", "kind", "member_state_id"))

    baseline = median_ms(plain_read)
    contract = median_ms(lambda: selectors.committee_voters(cas, at))
    with CaptureQueriesContext(connection) as queries:
        selectors.committee_voters(cas, at)
    rows.append(("baseline: the CAS's current membership rows read as plain values",
                 f"{baseline:.1f} ms ({members} rows)"))
    rows.append(("`committee_voters(CAS, at)`: weights by the rules",
                 f"{contract:.1f} ms ({len(voters)} voters, {len(queries)} queries)"))
    rows.append(("ratio committee_voters / plain read", f"{contract / baseline:.1f}"))
    gb_ms = median_ms(lambda: selectors.governing_body_voters(gb, gb.opens_at))
    rows.append(("`governing_body_voters(GB 357, opening)`",
                 f"{gb_ms:.1f} ms ({len(gb_voters)} voters)"))

    secretariat = User.objects.get(username="secretariat")
    spare = list(Person.objects.exclude(committee_memberships__committee=cas)
                 .filter(member_state__isnull=False, organisation__kind="workers")[:20])
    later = ilc.closes_at - dt.timedelta(hours=1)
    times = []
    for index, person in enumerate(spare):
        start = time.perf_counter()
        services.committee_member_add(actor=secretariat, committee=cas, person=person,
                                      group="workers", at=later + dt.timedelta(seconds=index))
        times.append((time.perf_counter() - start) * 1000)
    rows.append(("a member added to the CAS, weights recomputed and published (median of "
                 f"{len(times)})", f"{statistics.median(times):.1f} ms"))

    client = Client()
    client.force_login(secretariat)
    url = reverse("membership:committee_detail", args=[cas.pk])
    query = {"at": at.astimezone(ilc.zone).strftime("%Y-%m-%dT%H:%M")}
    assert client.get(url, query).status_code == 200  # warm
    reset_queries()
    with CaptureQueriesContext(connection) as page_queries:
        client.get(url, query)
    page_count = len(page_queries)  # read now: the next request clears the log
    page = median_ms(lambda: client.get(url, query), repeat=10)
    rows.append(("the CAS's membership page", f"median {page:.0f} ms over 10; "
                 f"{page_count} queries"))
    gb_url = reverse("membership:gb_session", args=[gb.pk])
    assert client.get(gb_url).status_code == 200  # warm
    reset_queries()
    with CaptureQueriesContext(connection) as gb_queries:
        client.get(gb_url)
    gb_count = len(gb_queries)
    gb_page = median_ms(lambda: client.get(gb_url), repeat=10)
    rows.append(("the Governing Body's membership page (357th Session)",
                 f"median {gb_page:.0f} ms over 10; {gb_count} queries"))

    print(f"| measure ({connection.vendor}) | value |\n|---|---:|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
