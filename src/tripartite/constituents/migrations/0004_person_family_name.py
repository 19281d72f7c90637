"""A person's family name (``family_name``), shown in capitals in the lists of delegations.

The people already recorded get a guess from their name in Latin script
(``tripartite.common.names.guess_family_name``: the last word and its particles, two family
names for Spanish naming, the first word for names written family name first), which the
secretariat corrects on the person's page. Reversing drops the field.
"""

from django.db import migrations, models

from tripartite.common.names import guess_family_name


def guess(apps, schema_editor):
    Person = apps.get_model("constituents", "Person")
    people = list(Person.objects.filter(family_name="").select_related("member_state")
                  .only("id", "name", "name_latin", "member_state__iso2"))
    for person in people:
        person.family_name = guess_family_name(
            person.name_latin or person.name, name=person.name,
            state=person.member_state.iso2 if person.member_state_id else "")
    Person.objects.bulk_update(people, ["family_name"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('constituents', '0003_official_member_state_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='family_name',
            field=models.CharField(blank=True, help_text='As written in the name in Latin script; lists of delegations show it in capitals (Hélène MARCHETTI). Left empty, it is guessed from the name.', max_length=200, verbose_name='family name'),
        ),
        migrations.RunPython(guess, migrations.RunPython.noop),
    ]
