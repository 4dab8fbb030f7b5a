"""Every account that existed before django-allauth gets its address as allauth's EmailAddress row.

They count as verified. Sign-in now needs a verified address (ACCOUNT_EMAIL_VERIFICATION =
"mandatory", which is what keeps sign-up from revealing taken addresses), and these people have used
theirs until now: reset emails reached them. Marking them unverified would lock every one of them out
until a verification email arrived. New accounts and new addresses are verified by a link.
"""

from django.db import migrations
from django.db.models.functions import Lower


def add_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = EmailAddress.objects.values("user_id")
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
            for user_id, email in User.objects.exclude(pk__in=have)
            .annotate(lower=Lower("email"))
            .values_list("pk", "lower")
            .iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_allauth_emails_and_security_kinds"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    # Backwards: allauth's tables go with its own migrations; the rows need no undoing.
    operations = [migrations.RunPython(add_addresses, migrations.RunPython.noop)]
