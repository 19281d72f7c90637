"""Factories for committee and Governing Body membership."""

import datetime as dt

import factory

from tests.factories import GENEVA, MeetingFactory, PersonFactory, SessionFactory, state
from tripartite.meetings.models import Committee
from tripartite.membership.models import CommitteeMembership, GoverningBodyMembership

OPENING = dt.datetime(2026, 6, 1, 10, 0, tzinfo=GENEVA)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    session = factory.SubFactory(SessionFactory)
    kind = "technical"
    name_en = factory.Sequence(lambda n: f"Committee {n}")


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    """A row written directly (no snapshot): for reads; writes go through the services."""

    class Meta:
        model = CommitteeMembership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    group = "government"
    kind = "regular"
    member_state = factory.LazyAttribute(
        lambda m: state("FR") if m.group == "government" else None)
    valid_from = OPENING


class GoverningBodyFactory(MeetingFactory):
    type = "gb"
    title_en = "Governing Body"
    title_fr = "Conseil d'administration"
    title_es = "Consejo de Administración"
    acronym = "GB"


class GoverningBodySessionFactory(SessionFactory):
    meeting = factory.SubFactory(GoverningBodyFactory)
    number = factory.Sequence(lambda n: str(357 + n))
    title_en = factory.LazyAttribute(lambda s: f"{s.number}th Session of the Governing Body")
    opens_at = dt.datetime(2026, 6, 15, 10, 0, tzinfo=GENEVA)
    closes_at = dt.datetime(2026, 6, 16, 18, 0, tzinfo=GENEVA)


class GoverningBodyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoverningBodyMembership

    meeting = factory.SubFactory(GoverningBodyFactory)
    person = factory.SubFactory(PersonFactory)
    group = "government"
    seat = "titular"
    member_state = factory.LazyAttribute(
        lambda m: state("FR") if m.group == "government" else None)
    term_from = dt.date(2024, 6, 15)
