import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Schema, step 1 of 3: the per-vote counts of secret ballots appear beside the old
    per-ballot rows; the participation's time becomes optional (it is dropped in 0004, and
    the way back needs to add it again before it can fill it)."""

    dependencies = [
        ('votes', '0001_votes_ballots_results'),
    ]

    operations = [
        migrations.CreateModel(
            name='SecretTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('choice', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('abstain', 'Abstain')], max_length=10, verbose_name='vote')),
                ('weight_numerator', models.PositiveIntegerField(default=1)),
                ('weight_denominator', models.PositiveIntegerField(default=1)),
                ('count', models.PositiveIntegerField(default=0, verbose_name='ballots')),
                ('vote', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='secret_tallies', to='votes.vote')),
            ],
            options={
                'verbose_name': 'count of secret ballots',
                'verbose_name_plural': 'counts of secret ballots',
                'ordering': ['vote', 'id'],
                'constraints': [models.UniqueConstraint(fields=('vote', 'choice', 'weight_numerator', 'weight_denominator'), name='one_secret_tally_per_vote_choice_and_weight')],
            },
        ),
        migrations.AlterField(
            model_name='voteparticipation',
            name='cast_at',
            field=models.DateTimeField(null=True, verbose_name='voted at'),
        ),
    ]
