"""Factories for tests. Member States come from the data migration: use ``state("FR")``."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory

from tripartite.accounts.models import Role, User
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person
from tripartite.meetings import places
from tripartite.meetings.models import AgendaItem, Meeting, Session

GENEVA = ZoneInfo("Europe/Zurich")


def state(iso2: str) -> MemberState:
    return MemberState.objects.get(iso2=iso2)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.SECRETARIAT
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: str, **kwargs) -> User:
    """A user of ``role`` with the scope the role needs (France, the Employers' group)."""
    if role == Role.FOCAL_POINT:
        kwargs.setdefault("member_state", state("FR"))
    if role == Role.GROUP_SECRETARIAT:
        kwargs.setdefault("group", "employers")
    if role == Role.UNIT_OFFICER:
        kwargs.setdefault("unit", "SECTOR")
    return UserFactory(role=role, **kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConstituentOrganisation

    member_state = factory.LazyFunction(lambda: state("FR"))
    kind = "employers"
    name = factory.Sequence(lambda n: f"Employers' Federation {n}")
    acronym = factory.Sequence(lambda n: f"EF{n}")
    most_representative = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    name_latin = factory.LazyAttribute(lambda p: p.name)
    gender = "f"
    title = "Ms"
    member_state = factory.LazyFunction(lambda: state("FR"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    type = "ilc"
    title_en = "International Labour Conference"
    title_fr = "Conférence internationale du Travail"
    title_es = "Conferencia Internacional del Trabajo"
    acronym = "ILC"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(114 + n))
    title_en = factory.LazyAttribute(lambda s: f"{s.number}th Session of the Conference")
    title_fr = factory.LazyAttribute(lambda s: f"{s.number}e session de la Conférence")
    opens_at = dt.datetime(2026, 6, 1, 10, 0, tzinfo=GENEVA)
    closes_at = dt.datetime(2026, 6, 12, 18, 0, tzinfo=GENEVA)
    time_zone = "Europe/Zurich"
    venue_en = "Palais des Nations"
    venue_fr = factory.LazyAttribute(lambda s: places.place_in(s.venue_en, "fr"))
    venue_es = factory.LazyAttribute(lambda s: places.place_in(s.venue_en, "es"))
    city_en = "Geneva"
    city_fr = factory.LazyAttribute(lambda s: places.place_in(s.city_en, "fr"))
    city_es = factory.LazyAttribute(lambda s: places.place_in(s.city_en, "es"))
    working_languages = ["en", "fr", "es"]


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Agenda item {n}")
