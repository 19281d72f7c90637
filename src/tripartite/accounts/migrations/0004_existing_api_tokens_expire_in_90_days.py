"""Tokens made before tokens expired get the default lifetime, counted from the upgrade, so
that no script stops working on the day of the upgrade itself."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

DEFAULT_VALID_DAYS = 90  # ApiToken.DEFAULT_VALID_DAYS when this migration was written


def give_existing_tokens_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=DEFAULT_VALID_DAYS))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_api_token_expiry_and_calendar_feed_nonce"),
    ]

    operations = [
        migrations.RunPython(give_existing_tokens_an_expiry, migrations.RunPython.noop),
    ]
