from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SubmissionToken(models.Model):
    """One create form, as rendered once, that has been submitted: what it created.

    A double click or a retry on a bad connection posts the same render twice; the second insert of
    the same (user, form, token) hits the unique constraint, so it creates nothing and answers with
    what the first made (crisis_coach/common/submissions.py). Rows are kept a day, then purged.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form = models.CharField(max_length=100)  # which create form: a token counts for that form only
    token = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    # What the first submission created; empty only while that submission's transaction is open.
    target_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.BigIntegerField(null=True)
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "form", "token"], name="submission_token_once"),
        ]

    def __str__(self):
        return f"{self.form} {self.token}"
