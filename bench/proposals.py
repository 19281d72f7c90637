"""Meeting proposals: the pipeline and the information document at a year's scale.

`TRIPARTITE_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.proposals` (SQLite, or PostgreSQL
when DATABASE_URL is set): loads the small demo, adds proposals through the services until
there are PROPOSALS (half of them approved between two sessions of the Governing Body), then
measures, each against a baseline measured in the same run:

- the rules alone over every proposal's plain values (baseline) against the pipeline read
  (selectors.pipeline: the database, the settings, the official sessions, the rules);
- the pipeline page (server time through the whole middleware, test client) against a bare
  Django view, with its number of queries;
- the information document in Word, and its conversion to PDF by LibreOffice.
"""

import datetime as dt
import io
import os
import statistics
import sys
import time

PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", "200"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))


def timed(function, repeat=REPEAT):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from tests.proposals.factories import make_proposal, to_officers

    from tripartite.accounts.models import User
    from tripartite.common import office
    from tripartite.meetings.models import Session
    from tripartite.proposals import information_document, selectors, services
    from tripartite.proposals.models import MeetingProposal
    from tripartite.rules.proposals import evaluate_proposal

    call_command("migrate", verbosity=0)
    call_command("demo", scale="small", if_empty=True, stdout=io.StringIO())
    secretariat = User.objects.get(username="secretariat")
    gb = Session.objects.filter(meeting__type="gb").order_by("-opens_at").first()
    # A session of the Governing Body after today, so that today's decisions are in its
    # information document.
    later = Session.objects.create(
        meeting=gb.meeting, number="358", title_en="358th Session of the Governing Body",
        opens_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
        closes_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=40), time_zone="Europe/Zurich")
    start = time.perf_counter()
    count = MeetingProposal.objects.count()
    for number in range(count, PROPOSALS):
        proposal = make_proposal(secretariat, unit=f"UNIT {number % 7}",
                                 title_en=f"Workshop number {number}")
        if number % 2:
            to_officers(proposal, secretariat)
            services.decision_record(proposal=proposal, actor=secretariat,
                                     decision="approved", decided_on=selectors.today())
    made = time.perf_counter() - start
    print(f"database: {connection.vendor}; {MeetingProposal.objects.count()} proposals "
          f"({PROPOSALS - count} added in {made:.1f} s through the services, half of them "
          f"approved)\n")

    facts = [selectors.proposal_facts(p) for p in selectors.proposals_with_facts()]
    rules_ms = timed(lambda: [evaluate_proposal(f) for f in facts])
    pipeline_ms = timed(lambda: selectors.pipeline())

    client = Client()
    client.force_login(secretariat)
    for url in ("/bench/bare", "/proposals/"):
        client.get(url)
    bare_ms = timed(lambda: client.get("/bench/bare"), repeat=REPEAT * 5)
    page_ms = timed(lambda: client.get("/proposals/"))
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get("/proposals/").status_code == 200
    dashboard_ms = timed(lambda: client.get("/proposals/dashboard/"))

    docx_ms = timed(lambda: information_document.build_docx(later, "fr"), repeat=5)
    content = information_document.build_docx(later, "fr")
    approved = len(information_document.approved_meetings(information_document.period_of(
        later)))
    pdf = "LibreOffice missing"
    if office.conversion_available():
        pdf_ms = timed(lambda: office.docx_to_pdf(content), repeat=3)
        pdf = f"{pdf_ms / 1000:.2f} s"

    print("| measure | time | ratio |")
    print("|---|---:|---:|")
    print(f"| baseline: the rules over {len(facts)} proposals' plain values | "
          f"{rules_ms:.1f} ms | 1 |")
    print(f"| pipeline read (selectors.pipeline) | {pipeline_ms:.1f} ms | "
          f"{pipeline_ms / rules_ms:.1f} × rules |")
    print(f"| baseline: bare Django view | {bare_ms:.1f} ms | 1 |")
    print(f"| pipeline page, every proposal ({len(queries)} queries) | {page_ms:.1f} ms | "
          f"{page_ms / bare_ms:.0f} × bare view |")
    print(f"| dashboard page | {dashboard_ms:.1f} ms | {dashboard_ms / bare_ms:.0f} × bare "
          "view |")
    print(f"| information document, Word, {approved} meetings (French) | {docx_ms:.0f} ms | |")
    print(f"| the same converted to PDF by LibreOffice | {pdf} | |")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
