from django.db import migrations, models


class Migration(migrations.Migration):
    """Discreet mode, on for every existing account too: the default fills the rows already there."""

    dependencies = [
        ("accounts", "0002_security_events_and_session_epoch"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="discreet_mode",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Emails and calendar events say only who acted or what kind of thing is due (“Your "
                    "coach commented”, “Step due”), never what your setbacks say or your contacts’ names, so "
                    "a lock screen, a shared calendar or a work mailbox shows nothing of your setbacks. The app "
                    "itself still shows everything."
                ),
                verbose_name="discreet mode",
            ),
        ),
    ]
