"""Existing rows get what the case-depth models assume: each stakeholder's first stance reading
(where they started, when they were added), each timeline row written when it happened, and each
existing note its first kept version (the trigger only sees notes written from now on)."""

from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    Stakeholder = apps.get_model("incidents", "Stakeholder")
    StanceChange = apps.get_model("incidents", "StanceChange")
    TimelineEvent = apps.get_model("incidents", "TimelineEvent")
    NoteVersion = apps.get_model("incidents", "NoteVersion")
    TimelineEvent.objects.update(written_at=F("at"))
    batch = []
    for row in Stakeholder.objects.values(
        "id", "incident_id", "stance", "influence", "created_at"
    ).iterator():
        batch.append(
            StanceChange(
                incident_id=row["incident_id"],
                stakeholder_id=row["id"],
                at=row["created_at"],
                stance=row["stance"],
                influence=row["influence"],
                via="added",
            )
        )
        if len(batch) >= 2000:
            StanceChange.objects.bulk_create(batch)
            batch = []
    StanceChange.objects.bulk_create(batch)
    batch = []
    for row in TimelineEvent.objects.filter(kind="note").values("id", "at", "text").iterator():
        batch.append(
            NoteVersion(
                pgh_obj_id=row["id"],
                pgh_created_at=row["at"],
                pgh_label="insert",
                at=row["at"],
                text=row["text"],
                written_at=row["at"],
            )
        )
        if len(batch) >= 2000:
            NoteVersion.objects.bulk_create(batch)
            batch = []
    NoteVersion.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0009_case_depth")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
