"""Delegations at the scale of the Conference: the rules of every delegation, the provisional
list as a PDF against a plain Typst table of the same rows, the overview page.

Run by `make bench` (bench/run.py) in a fresh database: SQLite by default, PostgreSQL when
DATABASE_URL is set. Loads the ILC-scale demo, whose delegations to the 114th Session
(about 172 of the 187 member States, made of their demo people, written in bulk by
tripartite.demo.delegations) are the ones measured. Prints a Markdown table.

    TRIPARTITE_VAR_DIR=$(mktemp -d) DATABASE_URL= .venv/bin/python bench/delegations.py
"""

import io
import json
import os
import statistics
import sys
import time

REQUESTS = int(os.environ.get("BENCH_OVERVIEW_REQUESTS", "50"))

# The limit to approach: Typst setting a plain table of the same rows, same fonts.
PLAIN_TABLE = b"""
#let data = json(bytes(sys.inputs.data))
#set page(paper: "a4")
#set text(size: 8.5pt, font: ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew",
  "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Devanagari", "Noto Sans Bengali",
  "Noto Sans Thai", "Noto Sans Ethiopic", "Noto Sans CJK SC", "DejaVu Sans"))
#table(columns: 4, ..data.rows.flatten())
"""


def build_delegations(session) -> int:
    """The demo's delegations (tripartite.demo.delegations), built unless already there."""
    from tripartite.delegations.models import Delegation
    from tripartite.demo.delegations import create_delegations

    create_delegations(session)
    return Delegation.objects.filter(session=session).count()


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    import pypdf
    import typst
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from tripartite.accounts.models import User
    from tripartite.delegations import evaluation, lists, pdf, selectors
    from tripartite.delegations.models import Nomination
    from tripartite.delegations.services.lists import list_publish
    from tripartite.meetings.models import Session
    from tripartite.rules import delegations as rules

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, verbosity=0, stdout=io.StringIO())
    session = Session.objects.get(number="114", meeting__type="ilc")
    build_seconds, delegation_count = timed(lambda: build_delegations(session))
    persons = Nomination.objects.filter(delegation__session=session,
                                        withdrawn_in_amendment__isnull=True).count()
    results = []  # (measure, value)

    # (a) every delegation's rules, through the ORM.
    def evaluate_all():
        delegations = selectors.session_delegations_for_evaluation(session)
        arrears = selectors.arrears_by_state(session)
        settings = selectors.credentials_settings(session)
        return [evaluation.evaluate(d, arrears=arrears.get(d.member_state_id),
                                    settings=settings) for d in delegations]

    with CaptureQueriesContext(connection) as queries:
        first, verdicts = timed(evaluate_all)
    runs = [timed(evaluate_all)[0] for _ in range(4)]
    # The same, split: reading the delegations (ORM) and the rules over plain values.
    read_seconds, delegations = timed(
        lambda: selectors.session_delegations_for_evaluation(session))
    facts_seconds, facts = timed(lambda: [evaluation.delegation_facts(d) for d in delegations])
    rules_seconds, _verdicts = timed(lambda: [rules.evaluate_delegation(f) for f in facts])
    results += [
        (f"rules of every delegation through the ORM ({len(verdicts)} delegations, "
         f"{persons} persons; target < 1 s)",
         f"{first:.2f} s first, {statistics.median(runs):.2f} s median of 4; "
         f"{len(queries)} queries"),
        ("… of which reading the delegations (selectors.session_delegations_for_evaluation)",
         f"{read_seconds:.2f} s"),
        ("… of which turning them into the rules' values (evaluation.delegation_facts)",
         f"{facts_seconds:.2f} s"),
        ("… of which the rules themselves (rules.evaluate_delegation)",
         f"{rules_seconds:.2f} s"),
    ]

    # (b) the provisional list: publish (rows from the database, frozen), then its PDF.
    secretariat = User.objects.get(username="secretariat")
    publish_seconds, published = timed(lambda: list_publish(
        actor=secretariat, session=session, kind="provisional"))
    rows, marked = lists.published_rows(published, "fr")
    fonts_seconds, _fonts = timed(pdf.fonts)
    title = lists.list_title(published.kind, published.number)

    def list_pdf():
        return pdf.list_pdf(rows=rows, language="fr", title=title,
                            session_titles=[session.title_en, session.title_fr,
                                            session.title_es],
                            published="2026-05-04", marked=marked)

    pdf_seconds, content = timed(list_pdf)
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)

    # (c) Typst setting a plain table of the same rows, in the same process.
    table_data = json.dumps({"rows": [[lists.state_name(row, "fr"), row["name"],
                                       lists.role_label(row["role"], row["gender"]),
                                       row["function"]] for row in rows]},
                            ensure_ascii=False)
    table_seconds, table = timed(lambda: typst.compile(
        PLAIN_TABLE, font_paths=pdf.fonts(), sys_inputs={"data": table_data}))
    table_pages = len(pypdf.PdfReader(io.BytesIO(table)).pages)
    again_seconds, _again = timed(list_pdf)
    results += [
        ("provisional list published (rows read, ordered, frozen as JSON)",
         f"{publish_seconds:.2f} s ({len(rows)} persons)"),
        ("font scan (once per process)", f"{fonts_seconds:.2f} s"),
        ("provisional list PDF", f"{pdf_seconds:.2f} s, {pages} pages "
                                 f"({len(content) / 1e6:.1f} MB)"),
        ("plain Typst table of the same rows", f"{table_seconds:.2f} s, {table_pages} pages"),
        ("ratio list PDF / plain table", f"{pdf_seconds / table_seconds:.2f}"),
        ("provisional list PDF again (Typst's in-process cache warm)",
         f"{again_seconds:.2f} s"),
    ]

    # (d) pages, through the whole middleware stack.
    client = Client()
    client.force_login(secretariat)
    pages_to_time = [("list of delegations page (current)",
                      reverse("delegations:list_current", kwargs={"session_pk": session.pk}),
                      3),
                     ("list of delegations as Excel",
                      reverse("delegations:list_current_xlsx",
                              kwargs={"session_pk": session.pk}), 3),
                     ("list of delegations as CSV",
                      reverse("delegations:list_current_csv",
                              kwargs={"session_pk": session.pk}), 3)]
    try:
        pages_to_time.insert(0, ("delegations overview page",
                                 reverse("delegations:review_overview",
                                         kwargs={"session_pk": session.pk}), REQUESTS))
    except NoReverseMatch:
        results.append(("delegations overview page", "not there yet"))
    for label, url, count in pages_to_time:
        assert client.get(url).status_code == 200, url  # warm
        timings = []
        for _ in range(count):
            seconds, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            timings.append(seconds * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results.append((label, f"median {statistics.median(timings):.0f} ms over {count} "
                               f"requests; {len(queries)} queries"))

    print(f"database: {connection.vendor}; {delegation_count} delegations built in "
          f"{build_seconds:.1f} s\n")
    print("| measure | result |")
    print("|---|---|")
    for measure, value in results:
        print(f"| {measure} | {value} |")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
