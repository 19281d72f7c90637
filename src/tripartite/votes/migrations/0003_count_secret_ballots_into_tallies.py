"""Data, step 2 of 3: the secret ballots already cast become counts per vote, choice and
weight, so that the per-ballot rows (whose hidden insertion order follows the order of the
participations) can be dropped in 0004. Every vote that was opened gets the rows of each
choice for each weight met (and weight 1 outside committees), as ``vote_open`` makes them.

Backwards, the counts become anonymous ballot rows again (in choice order, not in the order
they were cast, which is not known any more) and each participation gets its vote's opening
time, so that 0002 can make the column required again.
"""

import uuid
from collections import Counter

from django.db import migrations

CHOICES = ("yes", "no", "abstain")


def ballots_into_tallies(apps, schema_editor):
    Vote = apps.get_model("votes", "Vote")
    SecretBallot = apps.get_model("votes", "SecretBallot")
    SecretTally = apps.get_model("votes", "SecretTally")
    votes = Vote.objects.filter(method="secret").exclude(state="draft").order_by("pk")
    for vote in votes.iterator():
        counted = Counter(SecretBallot.objects.filter(vote=vote).values_list(
            "choice", "weight_numerator", "weight_denominator"))
        weights = {(num, den) for _choice, num, den in counted}
        if vote.body != "committee":
            weights.add((1, 1))
        SecretTally.objects.bulk_create([
            SecretTally(vote=vote, choice=choice, weight_numerator=num, weight_denominator=den,
                        count=counted.get((choice, num, den), 0))
            for num, den in sorted(weights) for choice in CHOICES])


def tallies_into_ballots(apps, schema_editor):
    SecretBallot = apps.get_model("votes", "SecretBallot")
    SecretTally = apps.get_model("votes", "SecretTally")
    VoteParticipation = apps.get_model("votes", "VoteParticipation")
    for tally in SecretTally.objects.filter(count__gt=0).order_by("vote", "choice", "pk"):
        SecretBallot.objects.bulk_create([
            SecretBallot(id=uuid.uuid4(), vote_id=tally.vote_id, choice=tally.choice,
                         weight_numerator=tally.weight_numerator,
                         weight_denominator=tally.weight_denominator)
            for _n in range(tally.count)])
    SecretTally.objects.all().delete()
    for participation in VoteParticipation.objects.filter(cast_at__isnull=True).select_related(
            "vote"):
        participation.cast_at = participation.vote.opened_at or participation.vote.created_at
        participation.save(update_fields=["cast_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('votes', '0002_secret_tally_and_participation_time_optional'),
    ]

    operations = [
        migrations.RunPython(ballots_into_tallies, tallies_into_ballots),
    ]
