"""Votes prepared before the kinds of decision existed: a vote on the admission of a Member is
known by its majority; every other vote stays "another decision" (its majority as chosen)."""

from django.db import migrations


def admission_votes(apps, schema_editor):
    Vote = apps.get_model("votes", "Vote")
    Vote.objects.filter(majority="admission_of_member").update(decision="admission_of_member")


class Migration(migrations.Migration):
    dependencies = [("votes", "0005_vote_kind_of_decision")]

    operations = [migrations.RunPython(admission_votes, migrations.RunPython.noop)]
