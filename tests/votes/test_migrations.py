"""The data migration that turns the secret ballots already cast into counts (0003), and back."""

import pytest

from tests.factories import AgendaItemFactory, PersonFactory
from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401

BEFORE = [("votes", "0002_secret_tally_and_participation_time_optional")]
AFTER = [("votes", "0004_drop_secret_ballot_rows_and_participation_time")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_secret_ballots_already_cast_become_counts_and_come_back():
    item = AgendaItemFactory()
    voters = [PersonFactory() for _ in range(3)]
    old = migrate_to(BEFORE)
    Vote = old.get_model("votes", "Vote")
    SecretBallot = old.get_model("votes", "SecretBallot")
    Participation = old.get_model("votes", "VoteParticipation")
    v = Vote.objects.create(session_id=item.session_id, subject_en="Secret", method="secret",
                            state="closed", opened_at=item.session.opens_at)
    for person, choice in zip(voters, ["yes", "no", "yes"], strict=True):
        Participation.objects.create(vote=v, voter_id=person.pk, cast_by_id=person.pk,
                                     group="government", cast_at=item.session.opens_at)
        SecretBallot.objects.create(vote=v, choice=choice)
    new = migrate_to(AFTER)
    SecretTally = new.get_model("votes", "SecretTally")
    assert list(SecretTally.objects.filter(vote_id=v.pk).order_by("id").values_list(
        "choice", "weight_numerator", "weight_denominator", "count")) == [
        ("yes", 1, 1, 2), ("no", 1, 1, 1), ("abstain", 1, 1, 0)]
    back = migrate_to(BEFORE)
    assert sorted(back.get_model("votes", "SecretBallot").objects.filter(vote_id=v.pk)
                  .values_list("choice", flat=True)) == ["no", "yes", "yes"]
    assert back.get_model("votes", "SecretTally").objects.count() == 0


