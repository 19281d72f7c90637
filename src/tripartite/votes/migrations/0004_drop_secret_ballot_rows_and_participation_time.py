from django.db import migrations


class Migration(migrations.Migration):
    """Schema, step 3 of 3: no row per secret ballot any more, and no time on a
    participation (see docs/votes.md, "Secret ballots"). On SQLite the pages of the dropped
    table go to the free list with their bytes: run ``VACUUM`` once after this migration
    (PostgreSQL removes the table's files; its old WAL segments and earlier backups still
    hold the rows, see docs/votes.md)."""

    dependencies = [
        ('votes', '0003_count_secret_ballots_into_tallies'),
    ]

    operations = [
        migrations.DeleteModel(
            name='SecretBallot',
        ),
        migrations.RemoveField(
            model_name='voteparticipation',
            name='cast_at',
        ),
    ]
