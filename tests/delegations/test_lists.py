"""The lists of delegations: order, content, publication, what changed, PDF, Excel, CSV."""

import csv
import io

import openpyxl
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SessionFactory, state, user_with_role
from tests.jobs.helpers import file_of, job_of, queued_file
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.common.text import sort_key
from tripartite.constituents.services import person_update
from tripartite.delegations import exports, lists
from tripartite.delegations.models import CredentialsSettings, PublishedList
from tripartite.delegations.services.credentials import delegation_accept
from tripartite.delegations.services.lists import list_publish
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)
from tripartite.jobs.models import Job

pytestmark = pytest.mark.django_db

GOVERNMENT_HEADING = "Government delegates / Délégués gouvernementaux / Delegados gubernamentales"


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


def delegation_of(session, actor, iso2, persons, *, submit=True):
    """A delegation of ``iso2`` with ``persons``: (group, role, name[, name_latin]) each."""
    delegation = delegation_open(actor=actor, member_state=state(iso2),
                                 session=session)
    nominations = []
    for group, role, name, *latin in persons:
        nominations.append(nomination_add(
            actor=actor, delegation=delegation, group=group, role=role, name=name,
            name_latin=latin[0] if latin else "", gender="f", title="Ms",
            function="Director"))
    if submit:
        delegation_submit(actor=actor, delegation=delegation)
    return delegation, nominations


def states_in(rows):
    seen = []
    for row in rows:
        if row["state"] not in seen:
            seen.append(row["state"])
    return seen


def test_states_follow_the_alphabet_of_the_lists_language(session, secretariat):
    for iso2 in ("US", "FR", "DE", "EG", "ES"):
        delegation_of(session, secretariat, iso2, [("government", "delegate", f"G {iso2}")])
    # Allemagne under A; Égypte, Espagne, États-Unis with the E's (accents folded); France.
    assert states_in(lists.current_rows(session, "fr")) == ["DE", "EG", "ES", "US", "FR"]
    # Egypt, France, Germany (under G), Spain, United States.
    assert states_in(lists.current_rows(session, "en")) == ["EG", "FR", "DE", "ES", "US"]
    # Alemania, Egipto, España, Estados Unidos, Francia.
    assert states_in(lists.current_rows(session, "es")) == ["DE", "EG", "ES", "US", "FR"]
    # French unless the session says otherwise.
    assert states_in(lists.current_rows(session))[:2] == ["DE", "EG"]
    CredentialsSettings.objects.create(session=session, list_language="en")
    assert states_in(lists.current_rows(session))[:2] == ["EG", "FR"]


def test_folding_ignores_accents_and_case_whatever_the_locale():
    assert sort_key("États-Unis") == "etats-unis"
    assert sorted(["Fidji", "États-Unis", "Équateur", "Espagne", "égypte"],
                  key=sort_key) == ["égypte", "Équateur", "Espagne", "États-Unis", "Fidji"]


def test_within_a_state_government_then_employers_then_workers(session, secretariat):
    delegation_of(session, secretariat, "FR", [
        ("workers", "delegate", "Workers' delegate"),
        ("government", "adviser", "Government adviser"),
        ("employers", "delegate", "Employers' delegate"),
        ("government", "delegate", "Government delegate"),
        ("government", "minister", "Minister"),
    ])
    assert [row["name"] for row in lists.current_rows(session)] == [
        "Minister", "Government delegate", "Government adviser", "Employers' delegate",
        "Workers' delegate"]


def test_the_other_roles_take_their_place_in_the_government_group(client, session,
                                                                  secretariat):
    """Constitution art. 3(3) advisers after the advisers, then the other persons admitted to
    the sittings; each role in English, French and Spanish, with what the person
    represents."""
    delegation = delegation_open(actor=secretariat, member_state=state("DK"), session=session)

    def nominate(role, name, gender="f", **fields):
        return nomination_add(actor=secretariat, delegation=delegation, group="government",
                              role=role, name=name, gender=gender, **fields)

    nominate("other", "Other")
    nominate("observer", "Observer", "m")
    nominate("state_representative", "Representative", represents="Faroe Islands")
    delegate = nominate("delegate", "Delegate")
    nominate("territory_adviser", "Territory adviser", adviser_to=delegate,
             represents="Greenland")
    nominate("adviser", "Adviser", adviser_to=delegate)
    nominate("minister", "Minister")
    delegation_submit(actor=secretariat, delegation=delegation)

    assert [row["name"] for row in lists.current_rows(session)] == [
        "Minister", "Delegate", "Adviser", "Territory adviser", "Representative", "Observer",
        "Other"]
    client.force_login(secretariat)
    html = client.get(reverse("delegations:list_current",
                              kwargs={"session_pk": session.pk})).content.decode()
    assert ("Additional adviser for a non-metropolitan territory / Conseillère technique "
            "supplémentaire pour un territoire non métropolitain / Consejera técnica adicional "
            "para un territorio no metropolitano — Greenland") in html
    assert ("Representative of a State or province of a federal State / Représentante "
            "d&#x27;un État ou d&#x27;une province d&#x27;un État fédéral / Representante de un "
            "Estado o provincia de un Estado federal — Faroe Islands") in html
    assert "Observer / Observateur / Observador" in html
    csv_rows = exports.table(lists.current_rows(session), language="en")
    assert [line[3] for line in csv_rows[1:]][3:5] == [
        "Additional adviser for a non-metropolitan territory — Greenland",
        "Representative of a State or province of a federal State — Faroe Islands"]


def test_a_list_published_before_the_represents_field_is_not_marked_changed():
    before = {"state": "FR", "person": 1, "group": "government", "role": "adviser",
              "title": "", "function": "", "name": "A", "name_latin": "A"}
    now = {**before, "represents": ""}
    assert lists.mark_changes([before], [now])[0]["change"] is None
    moved = {**before, "role": "territory_adviser", "represents": "Greenland"}
    (marked,) = lists.mark_changes([before], [moved])
    assert marked["changed_fields"] == ["role", "represents"]


def test_only_submitted_delegations_and_active_nominations_are_listed(session, secretariat):
    delegation, (kept, withdrawn) = delegation_of(session, secretariat, "FR", [
        ("government", "delegate", "Kept"), ("government", "adviser", "Withdrawn later")])
    nomination_withdraw(actor=secretariat, nomination=withdrawn)
    delegation_of(session, secretariat, "DE", [("government", "delegate", "Not submitted")],
                  submit=False)
    accepted, _ = delegation_of(session, secretariat, "KE", [("workers", "delegate", "Kenya")])
    delegation_accept(actor=secretariat, delegation=accepted)
    assert [row["name"] for row in lists.current_rows(session)] == ["Kept", "Kenya"]


def test_the_page_shows_trilingual_headings_and_roles(client, session, secretariat):
    delegation_of(session, secretariat, "CN", [
        ("government", "delegate", "王小明", "Wang Xiaoming"),
        ("employers", "adviser", "Li Na")])
    client.force_login(secretariat)
    response = client.get(reverse("delegations:list_current",
                                  kwargs={"session_pk": session.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert GOVERNMENT_HEADING in html
    assert ("Employers&#x27; delegates / Délégués des employeurs / "
            "Delegados de los empleadores") in html
    assert "Delegate / Déléguée / Delegada" in html
    assert "Adviser / Conseillère technique / Consejera técnica" in html
    assert '<h2 lang="fr">Chine</h2>' in html
    # The family name in capitals in the Latin form, the Chinese name as written.
    assert '<span dir="auto">王小明</span>' in html and "WANG Xiaoming" in html
    assert '<span dir="auto">LI Na</span>' in html
    english = client.get(reverse("delegations:list_current",
                                 kwargs={"session_pk": session.pk}) + "?order=en")
    assert '<h2 lang="en">China</h2>' in english.content.decode()


def test_publishing_the_provisional_then_a_revised_list_marks_what_changed(
        client, session, secretariat, run_jobs):
    french, (stays, leaves, moves) = delegation_of(session, secretariat, "FR", [
        ("government", "delegate", "Stays"), ("government", "adviser", "Leaves"),
        ("government", "adviser", "Gets a new function")])
    provisional = list_publish(actor=secretariat, session=session, kind="provisional")
    assert (provisional.kind, provisional.number, len(provisional.rows)) == ("provisional", 1, 3)
    assert provisional.rows[0] == {
        "state": "FR", "state_iso3": "FRA", "state_en": "France", "state_fr": "France",
        "state_es": "Francia", "person": stays.person_id, "title": "Ms", "name": "Stays",
        "name_latin": "Stays", "family_name": "Stays", "gender": "f", "group": "government",
        "role": "delegate",
        "represents": "", "function": "Director", "organisation": "", "status": "received",
        "position": 1}

    nomination_withdraw(actor=secretariat, nomination=leaves)
    nomination_add(actor=secretariat, delegation=french, group="government",
                   role="adviser", name="Newcomer", gender="m")
    person_update(person=moves.person, actor=secretariat, changes={"function": "Ambassador"})
    delegation_submit(actor=secretariat, delegation=french)
    revised = list_publish(actor=secretariat, session=session, kind="revised")
    assert (revised.kind, revised.number) == ("revised", 1)

    rows, marked = lists.published_rows(revised, "fr")
    assert marked
    assert {row["name"]: (row["change"], row.get("changed_fields")) for row in rows} == {
        "Stays": (None, []), "Leaves": ("withdrawn", None), "Newcomer": ("added", None),
        "Gets a new function": ("changed", ["function"])}
    # The provisional list itself is not marked, and it stays as it was.
    assert lists.published_rows(provisional, "fr") == (provisional.rows, False)

    client.force_login(user_with_role(Role.FOCAL_POINT))  # a public document
    html = client.get(reverse("delegations:list_published",
                              kwargs={"pk": revised.pk})).content.decode()
    assert "+ added / ajouté / añadido" in html
    assert "− withdrawn / retiré / retirado" in html
    assert "changed / modifié / modificado" in html
    # A single name is the family name: in capitals.
    assert '<del><span dir="auto">LEAVES</span></del>' in html
    assert '<ins><span dir="auto">NEWCOMER</span></ins>' in html
    assert "Previously: <mark>Director</mark>" in html
    assert "Revised list of delegations No. 1" in html

    text = pdf_text(queued_file(client, run_jobs, reverse("delegations:list_published_pdf",
                                                          kwargs={"pk": revised.pk})))
    assert "+ added / ajouté / añadido" in text
    assert "− withdrawn / retiré / retirado" in text
    assert "Revised list of delegations No. 1 / Liste révisée des délégations n° 1" in text


def test_the_sequence_of_published_lists_is_enforced(session, secretariat):
    with pytest.raises(ServiceError, match="Publish the provisional list first"):
        list_publish(actor=secretariat, session=session, kind="revised")
    with pytest.raises(ServiceError, match="the list would be empty"):
        list_publish(actor=secretariat, session=session, kind="provisional")
    delegation_of(session, secretariat, "FR", [("government", "delegate", "A")])
    list_publish(actor=secretariat, session=session, kind="provisional")
    with pytest.raises(ServiceError, match="already published"):
        list_publish(actor=secretariat, session=session, kind="provisional")
    assert list_publish(actor=secretariat, session=session, kind="revised").number == 1
    assert list_publish(actor=secretariat, session=session, kind="revised").number == 2
    list_publish(actor=secretariat, session=session, kind="final")
    with pytest.raises(ServiceError, match="final list was published"):
        list_publish(actor=secretariat, session=session, kind="revised")
    with pytest.raises(ServiceError, match="Choose the provisional"):
        list_publish(actor=secretariat, session=session, kind="draft")
    assert list(PublishedList.objects.values_list("kind", "number")) == [
        ("provisional", 1), ("revised", 1), ("revised", 2), ("final", 1)]
    entry = ActionLogEntry.objects.filter(action="delegations.list.published").order_by(
        "id").last()
    assert (entry.actor, entry.data) == (secretariat, {
        "session": session.pk, "kind": "final", "number": 1, "language": "fr",
        "states": 1, "persons": 1})


def test_only_the_secretariat_publishes(client, session, secretariat):
    delegation_of(session, secretariat, "FR", [("government", "delegate", "A")])
    for role in (Role.FOCAL_POINT, Role.CREDENTIALS_COMMITTEE, Role.OBSERVER):
        with pytest.raises(PermissionDeniedError):
            list_publish(actor=user_with_role(role), session=session,
                         kind="provisional")
    url = reverse("delegations:list_publish", kwargs={"session_pk": session.pk})
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE))
    assert client.post(url, {"kind": "provisional"}).status_code == 403
    assert not PublishedList.objects.exists()
    client.force_login(secretariat)
    assert client.get(url).status_code == 405
    question = client.post(url, {"kind": "provisional"})
    html = question.content.decode()
    assert "Publish the provisional list?" in html
    assert "<dt>Delegations on the list</dt><dd>1</dd>" in html
    assert "<dt>Persons on the list</dt><dd>1</dd>" in html
    assert not PublishedList.objects.exists()
    response = client.post(url, {"kind": "provisional", "confirm": "yes"})
    published = PublishedList.objects.get()
    assert response["Location"] == reverse("delegations:list_published",
                                           kwargs={"pk": published.pk})
    response = client.post(url, {"kind": "provisional"}, follow=True)
    assert "already published" in response.content.decode()
    assert PublishedList.objects.count() == 1


def test_who_sees_which_list(client, session, secretariat):
    delegation_of(session, secretariat, "FR", [("government", "delegate", "A")])
    published = list_publish(actor=secretariat, session=session, kind="provisional")
    current = reverse("delegations:list_current", kwargs={"session_pk": session.pk})
    public = reverse("delegations:list_published", kwargs={"pk": published.pk})
    index = reverse("delegations:list_index", kwargs={"session_pk": session.pk})
    assert client.get(public)["Location"].startswith(reverse("accounts:login"))
    client.force_login(user_with_role(Role.FOCAL_POINT))
    assert client.get(current).status_code == 403
    pdf_url = reverse("delegations:list_current_pdf", kwargs={"session_pk": session.pk})
    assert client.get(pdf_url).status_code == 403
    assert client.post(pdf_url).status_code == 403
    assert not Job.objects.exists()
    assert client.get(reverse("delegations:list_current_csv",
                              kwargs={"session_pk": session.pk})).status_code == 403
    assert client.get(public).status_code == 200
    page = client.get(index).content.decode()
    assert "Provisional list of delegations" in page and current not in page
    client.force_login(user_with_role(Role.OBSERVER))
    assert client.get(current).status_code == 200
    assert current in client.get(index).content.decode()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.mark.needs("cjk_fonts")
def test_the_pdf_sets_names_in_their_own_scripts(client, session, secretariat, run_jobs):
    delegation_of(session, secretariat, "CN", [
        ("government", "delegate", "王小明", "Wang Xiaoming")])
    delegation_of(session, secretariat, "RU", [
        ("workers", "delegate", "Анна Иванова", "Anna Ivanova")])
    client.force_login(secretariat)
    url = reverse("delegations:list_current_pdf", kwargs={"session_pk": session.pk})
    assert "Make the PDF" in client.get(url).content.decode()
    job = job_of(client.post(url))
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.result_type, job.title) == (
        "application/pdf", f"{lists.list_title('current')}, {session} (PDF)")
    text = pdf_text(file_of(client, job))
    assert "王小明" in text and "WANG Xiaoming" in text
    assert "Анна Иванова" in text
    assert "Chine" in text and "Fédération de Russie" in text
    assert "Government delegates / Délégués gouvernementaux" in text


def test_the_excel_export_has_a_heading_row_and_one_row_per_person(
        client, session, secretariat, run_jobs):
    delegation_of(session, secretariat, "DE", [
        ("government", "delegate", "Anna Schmidt"), ("workers", "adviser", "=1+2")])
    client.force_login(secretariat)
    job = job_of(client.post(reverse("delegations:list_current_xlsx",
                                     kwargs={"session_pk": session.pk})))
    assert run_jobs() == 1
    content = file_of(client, job)
    assert job.result_name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["State (ISO)", "Member State", "Group", "Role", "Title", "Name",
         "Name in Latin script", "Family name", "Gender", "Function", "Organization",
         "Status"],
        ["DE", "Allemagne", "Government", "Delegate", "Ms", "Anna Schmidt", "Anna Schmidt",
         "Schmidt", "Female", "Director", None, "Received"],
        ["DE", "Allemagne", "Workers", "Adviser", "Ms", "'=1+2", "'=1+2", "'=1+2", "Female",
         "Director", None, "Received"],
    ]
    assert sheet["F3"].data_type == "s"  # text, not a formula, even once edited in Excel


def test_the_csv_export_is_utf8_with_a_byte_order_mark(client, session, secretariat,
                                                        run_jobs):
    delegation_of(session, secretariat, "CN", [
        ("government", "delegate", "王小明", "Wang Xiaoming"),
        ("employers", "delegate", "=HYPERLINK(\"x\")", "Safe")])
    client.force_login(secretariat)
    content = queued_file(client, run_jobs, reverse("delegations:list_current_csv",
                                                    kwargs={"session_pk": session.pk}),
                          {"order": "en"})
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [
        ["State (ISO)", "Member State", "Group", "Role", "Title", "Name",
         "Name in Latin script", "Family name", "Gender", "Function", "Organization",
         "Status"],
        ["CN", "China", "Government", "Delegate", "Ms", "王小明", "Wang Xiaoming", "Wang",
         "Female", "Director", "", "Received"],
        ["CN", "China", "Employers", "Delegate", "Ms", "'=HYPERLINK(\"x\")", "Safe", "Safe",
         "Female", "Director", "", "Received"],
    ]


def test_exports_of_a_revised_list_say_what_changed(session, secretariat):
    _delegation, (first,) = delegation_of(session, secretariat, "FR", [
        ("government", "delegate", "First")])
    provisional = list_publish(actor=secretariat, session=session, kind="provisional")
    person_update(person=first.person, actor=secretariat, changes={"title": "Dr"})
    revised = list_publish(actor=secretariat, session=session, kind="revised")
    assert lists.published_rows(provisional, "fr")[1] is False
    rows, marked = lists.published_rows(revised, "fr")
    table = exports.table(rows, language="fr", marked=marked)
    assert table[0][-1] == "Change since the previous list"
    assert table[1][-1] == "changed (Title)"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def worker_queries(client, run_jobs, url):
    """The queries of the job a list's file is: queued by the page, then run by the worker."""
    assert client.post(url).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert run_jobs() == 1
    assert Job.objects.filter(status="done").count() == Job.objects.count()
    return len(queries)


FILES = ("pdf", "xlsx", "csv")


def test_query_counts_do_not_grow_with_the_list(client, session, secretariat, run_jobs):
    client.force_login(secretariat)
    delegation_of(session, secretariat, "FR", [("government", "delegate", "A")])
    published = list_publish(actor=secretariat, session=session, kind="provisional")

    def measure(published):
        current = reverse("delegations:list_current", kwargs={"session_pk": session.pk})
        public = reverse("delegations:list_published", kwargs={"pk": published.pk})
        return ([count_queries(client, current), count_queries(client, public)]
                + [worker_queries(client, run_jobs, reverse(
                    f"delegations:list_current_{fmt}", kwargs={"session_pk": session.pk}))
                   for fmt in FILES]
                + [worker_queries(client, run_jobs, reverse(
                    f"delegations:list_published_{fmt}", kwargs={"pk": published.pk}))
                   for fmt in FILES])

    with_one = measure(published)
    for iso2 in ("DE", "KE"):
        delegation_of(session, secretariat, iso2, [
            ("government", "delegate", f"G {iso2}"), ("workers", "delegate", f"W {iso2}"),
            ("employers", "adviser", f"E {iso2}")])
    with_three = measure(list_publish(actor=secretariat, session=session, kind="revised"))
    assert with_one == with_three
    # session (and its login), the list's language, the nominations; the page adds what
    # may be published next; a published list reads itself and the list before it, and its
    # page the action log.
    assert with_three[:2] == [6, 6]


def test_the_french_list_follows_the_official_names_accents_ignored(session, secretariat):
    for iso2 in ("VE", "TR", "RU", "US", "EC", "CI", "CR", "BO"):
        delegation_of(session, secretariat, iso2, [("government", "delegate", f"G {iso2}")])
    rows = lists.current_rows(session, "fr")
    # Bolivie (État plurinational de), Costa Rica, Côte d'Ivoire, Équateur (under E),
    # États-Unis d'Amérique, Fédération de Russie (under F), Türkiye, Venezuela (…).
    assert states_in(rows) == ["BO", "CR", "CI", "EC", "US", "RU", "TR", "VE"]
    assert [section.name for section in lists.sections(rows, "fr")] == [
        "Bolivie (État plurinational de)", "Costa Rica", "Côte d'Ivoire", "Équateur",
        "États-Unis d'Amérique", "Fédération de Russie", "Türkiye",
        "Venezuela (République bolivarienne du)"]
