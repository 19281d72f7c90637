"""The demo data: what it holds, that it loads once, and that it is the same every time."""

import random
import re
import unicodedata
from collections import Counter

import pytest
from django.db.models import F

from tests.once import kept_for_the_module
from tripartite.accounts.models import Role, User
from tripartite.common.models import ActionLogEntry
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person
from tripartite.demo import loader, names
from tripartite.meetings.models import AgendaItem, Committee, Meeting, Officer, Session

pytestmark = pytest.mark.django_db

MODELS = (Meeting, Session, AgendaItem, Committee, Officer, ConstituentOrganisation, Person,
          User, ActionLogEntry)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text``: LATIN, CYRILLIC, ARABIC, CJK, HANGUL…"""
    return {unicodedata.name(char).split()[0] for char in text if char.isalpha()}


def planned_people() -> list[loader.PersonPlan]:
    states = [loader.StateInfo(iso2, name) for iso2, name
              in MemberState.objects.values_list("iso2", "name_en")]
    ministries = {o.iso2: o.name for o in loader.plan_organisations(states)
                  if o.kind == "ministry"}
    return loader.plan_people(states, "small", ministries)


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module's tests (tests/once.py), each test's changes undone. What
    needs a database without the demo is in tests/demo/test_demo_load.py."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield loader.load_demo(scale="small")


@pytest.fixture
def demo(_demo_once, db):
    return _demo_once


def test_small_scale_holds_exactly_what_it_promises(demo):
    assert demo.loaded
    # Two of the meetings, their sessions and all but one log entry come from the meeting
    # proposals, which the demo takes through the services (approved ones are in the calendar).
    assert counts() == {"Meeting": 6, "Session": 7, "AgendaItem": 13, "Committee": 7,
                        "Officer": 13, "ConstituentOrganisation": 3 * 187, "Person": 300,
                        "User": 13, "ActionLogEntry": 62}
    assert demo.counts["people"] == 300
    roles = Counter(User.objects.values_list("role", flat=True))
    assert roles == {Role.SECRETARIAT: 1, Role.CREDENTIALS_COMMITTEE: 1, Role.FOCAL_POINT: 2,
                     Role.GROUP_SECRETARIAT: 2, Role.MEETING_OFFICER: 1, Role.DELEGATE: 1,
                     Role.SENIOR_OFFICIAL: 1, Role.OBSERVER: 1, Role.REGISTRATION_DESK: 1,
                     Role.CHECKIN_STAFF: 1, Role.UNIT_OFFICER: 1}
    assert set(Person.objects.values_list("member_state__iso2", flat=True)) == set(
        loader.SMALL_SCALE_STATES)


def test_every_member_state_has_a_ministry_and_most_representative_organisations(demo):
    per_state = Counter(ConstituentOrganisation.objects.values_list("member_state", "kind"))
    assert len(per_state) == 3 * 187
    assert set(per_state.values()) == {1}
    assert not ConstituentOrganisation.objects.filter(
        kind="ministry", most_representative=True).exists()
    assert ConstituentOrganisation.objects.filter(most_representative=True).count() == 2 * 187
    assert ConstituentOrganisation.objects.get(
        member_state__iso2="KR", kind="ministry").name.endswith("of the Republic of Korea")


def test_people_belong_to_an_organisation_of_their_own_state(demo):
    assert not Person.objects.exclude(organisation__member_state=F("member_state")).exists()
    assert Person.objects.filter(email__endswith="@example.org").count() == 300
    assert Person.objects.values("email").distinct().count() == 300


def test_running_twice_changes_nothing(demo):
    before = counts()
    again = loader.load_demo(scale="small")
    assert not again.loaded
    assert again.message == "The demo data is already loaded: nothing changed."
    assert loader.load_demo(scale="ilc").loaded is False
    assert counts() == before


def test_the_load_is_deterministic(demo):
    first_five = list(Person.objects.order_by("id").values_list("name", "name_latin", "email")[:5])
    plans = planned_people()
    assert first_five == [(p.name, p.name_latin, p.email) for p in plans[:5]]
    assert [p.name for p in planned_people()] == [p.name for p in plans]
    assert Person.objects.count() == len(plans)


def test_about_38_percent_of_people_are_women(demo):
    genders = Counter(Person.objects.values_list("gender", flat=True))
    assert 0.33 <= genders["f"] / 300 <= 0.43
    assert set(genders) <= {"f", "m", "x"}


def test_names_come_in_many_scripts_with_a_latin_form(demo):
    found = set().union(*(scripts(name) for name in Person.objects.values_list("name",
                                                                                flat=True)))
    assert {"LATIN", "CYRILLIC", "ARABIC", "CJK", "DEVANAGARI", "GREEK"} <= found
    for name, name_latin in Person.objects.values_list("name", "name_latin"):
        assert scripts(name_latin) == {"LATIN"}, name_latin
        if scripts(name) == {"LATIN"}:
            assert name == name_latin


def test_family_names_are_recorded_as_each_culture_writes_them(demo):
    people = Person.objects.select_related("member_state")
    # Every family name is written in the Latin form of the name (the list's capitals).
    for person in people.exclude(member_state__iso2="MM"):
        assert person.family_name and person.family_name in person.name_latin, person
    # Family name first in Chinese names; two family names in Spanish names.
    chinese = people.filter(member_state__iso2="CN", name__regex=r"^[^A-Za-z]+$").first()
    assert chinese is not None and chinese.name_latin.startswith(chinese.family_name + " ")
    assert any(len(person.family_name.split()) == 2
               for person in people.filter(member_state__iso2="US"))  # 15 % Spanish names


def test_every_pool_gives_latin_forms_in_latin_script():
    for key, culture in names.CULTURES.items():
        for entry in (*culture.female, *culture.male, *culture.family):
            for feminine in (False, True):
                native, latin = loader._forms(entry, culture, feminine)
                assert scripts(latin) == {"LATIN"}, (key, native, latin)
                assert loader.ascii_slug(latin).isascii()


def test_every_member_state_has_cultures_for_its_people():
    codes = set(MemberState.objects.values_list("iso2", flat=True))
    assert set(names.STATE_CULTURES) == codes
    used = {key for mix in names.STATE_CULTURES.values() for key, _weight in mix}
    assert used == set(names.CULTURES)


def test_transliterations():
    assert names.russian_latin("Артём Фёдоров") == "Artyom Fyodorov"
    assert names.ukrainian_latin("Юлія Андрій") == "Yuliia Andrii"
    assert names.bulgarian_latin("Мария Димитрова") == "Maria Dimitrova"
    assert names.serbian_latin("Ђорђе Љубић") == "Đorđe Ljubić"
    assert names.greek_latin("Ευάγγελος Αικατερίνη Ευθύμιος") == "Evangelos Aikaterini Efthymios"
    assert names.georgian_latin("გიორგი ჩხეიძე") == "Giorgi Chkheidze"
    assert loader.ascii_slug("Đorđe Ilić-Şahin O'Brien") == "dorde.ilic.sahin.o.brien"


def test_logins_have_their_scope_and_the_demo_password(demo):
    focal_fr = User.objects.get(username="focal.fr")
    assert focal_fr.role == Role.FOCAL_POINT
    assert focal_fr.member_state.iso2 == "FR"
    assert User.objects.get(username="focal.ke").member_state.iso2 == "KE"
    assert User.objects.get(username="employers").group == "employers"
    assert User.objects.get(username="workers").group == "workers"
    secretariat = User.objects.get(username="secretariat")
    assert secretariat.is_staff and secretariat.is_superuser
    assert secretariat.check_password("tripartite-demo")
    assert [login[0] for login in loader.demo_logins()] == list(
        User.objects.order_by("id").values_list("username", flat=True))
    assert ("focal.fr", "Member State focal point (FR)", "tripartite-demo") in \
        loader.demo_logins()


def test_the_conference_session(demo):
    session = Session.objects.get(meeting__acronym="ILC", number="114")
    assert session.title_fr == "114e session de la Conférence internationale du Travail"
    assert session.country.iso2 == "CH"
    assert [(session.city_en, session.city_fr, session.city_es)] == [
        ("Geneva", "Genève", "Ginebra")]
    assert session.venue_es == "Palacio de las Naciones"
    addis = Session.objects.get(meeting__acronym="AFRM")
    assert (addis.city_fr, addis.venue_fr) == ("Addis-Abeba",
                                               "Centre de conférences des Nations Unies")
    assert session.opens_at.isoformat() == "2026-06-01T08:00:00+00:00"
    assert session.local_opens_at.strftime("%d %B %Y %H:%M") == "01 June 2026 10:00"
    assert session.local_closes_at.strftime("%d %B %Y %H:%M") == "12 June 2026 18:00"
    assert list(session.agenda_items.values_list("number", "technical")) == [
        ("I", False), ("II", False), ("III", True), ("IV", True), ("V", True), ("VI", True)]
    assert Committee.objects.get(kind="credentials").session == session
    president = Officer.objects.get(session=session, committee=None, role="chair")
    assert president.group == "government"
    assert president.person.function.startswith(("Minister", "Ministre", "Ministr"))
    vice_presidents = Officer.objects.filter(session=session, committee=None, role="vice_chair")
    assert sorted(vice_presidents.values_list("group", flat=True)) == [
        "employers", "government", "workers"]
    for officer in Officer.objects.select_related("person__organisation"):
        kind = officer.person.organisation.kind
        assert {"ministry": "government"}.get(kind, kind) == officer.group
    entry = ActionLogEntry.objects.get(action="demo.loaded")
    assert entry.object_id == str(session.pk)
    assert entry.actor is None
    assert entry.data == {"scale": "small", "people": 300}


def test_the_delegate_login_is_linked_to_a_person_of_its_own_name(demo):
    delegate = User.objects.get(username="delegate")
    assert delegate.person is not None
    assert (delegate.person.name, delegate.person.name_latin) == ("Priya Nair", "Priya Nair")
    assert delegate.person.family_name == "Nair"
    assert delegate.get_full_name() == "Priya Nair"


def test_french_and_spanish_speaking_states_have_their_ministries_and_functions_in_their_language(
        demo):
    from tripartite.constituents.models import ConstituentOrganisation, Person

    ministry = ConstituentOrganisation.objects.get(member_state__iso2="FR", kind="ministry")
    assert ministry.name.startswith("Ministère ") and ministry.name.endswith(" de France")
    assert ConstituentOrganisation.objects.get(
        member_state__iso2="KE", kind="ministry").name.startswith("Ministry of ")
    english = re.compile(r"\b(Minister|Ambassador|Secretary|Adviser|Head|Officer|Counsellor|"
                         r"Deputy|Chief|Labour|Board|Legal|Representative)\b")
    french = set(Person.objects.filter(member_state__iso2="FR").values_list("function",
                                                                            flat=True))
    # Mexico is not in the small demo: its people as the full demo plans them.
    rng = random.Random(1)
    mexican = {loader._plan_person("MX", position, gender, position + 1,
                                   "Ministerio de Trabajo y Previsión Social de México",
                                   rng).function
               for position in range(40) for gender in ("f", "m")}
    assert "Ministra de Trabajo y Previsión Social de México" in mexican
    assert "Embajadora, Representante Permanente en Ginebra" in mexican
    for functions, words in ((french, ("Ministre", "Ambassad", "Secrétaire", "Président")),
                             (mexican, ("Ministr", "Embajador", "Secretari", "President"))):
        assert not {f for f in functions if english.search(f)}, functions
        assert all(any(f.startswith(word) for f in functions) for word in words), functions
    women = Person.objects.filter(member_state__iso2="FR", gender="f",
                                  function__startswith="Ambassa")
    assert all(p.function.startswith("Ambassadrice") for p in women)


def test_the_library_has_decisions_with_their_follow_up(demo, client):
    from django.urls import reverse

    from tripartite.library.models import Decision

    decisions = list(Decision.objects.select_related("document"))
    assert len(decisions) == 30 == demo.counts["library decisions"]
    assert all(decision.text_en and decision.text_fr and decision.text_es and decision.unit
               and decision.document.type == "decision_paper" for decision in decisions)
    assert all(decision.document.symbol in decision.text_fr for decision in decisions)
    assert all((decision.deadline is None) != (decision.report_session is None)
               for decision in decisions)
    assert len({decision.status for decision in decisions}) >= 3
    assert any(decision.agenda_item_id for decision in decisions)
    client.force_login(User.objects.get(username="secretariat"))
    page = client.get(reverse("library:decision_list"), {"status": "all"})
    assert page.status_code == 200 and b"30 decisions" in page.content
