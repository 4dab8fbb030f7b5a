"""A contact import's life: uploaded, read (a task), previewed and chosen, saved (a task, one
transaction), then cleaned up.

The request that uploads only checks the file (reading.sniff) and queues the reading; the request that
confirms only queues the saving. Tasks take the job's id and look it up when they run.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.accounts.models import User
from crisis_coach.common import addressing
from crisis_coach.network import services as network_services
from crisis_coach.network.importing import matching, reading
from crisis_coach.network.models import Contact, ContactImport, DateKind, ImportantDate, ImportStatus

logger = logging.getLogger(__name__)

# Finished or abandoned imports are kept this long (the result page stays reachable), then deleted.
KEEP_FOR = datetime.timedelta(days=7)
# How often the reading task writes its progress: often enough for the bar, rarely enough to cost nothing.
PROGRESS_EVERY = 100

ACTIONS = ("merge", "both", "skip")
# The fields a merge compares; notes are appended instead, dates added.
MERGE_FIELDS = [
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "profile_url",
    "how_met",
    "relationship",
    "importance",
]


def imports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Delete imports older than KEEP_FOR (their rows hold a copy of the file); how many went."""
    deleted, _per_model = ContactImport.objects.filter(
        created_at__lt=(now or timezone.now()) - KEEP_FOR
    ).delete()
    return deleted


def import_start(*, owner: User, file_name: str, text: str, file_format: str, total: int) -> ContactImport:
    """Queue the reading of a file reading.sniff has accepted (it said `file_format` and `total`)."""
    from crisis_coach.network import tasks  # tasks import this module

    imports_cleanup()
    job = ContactImport.objects.create(
        owner=owner, file_name=file_name[:200], file_format=file_format, source_text=text, total=total
    )
    tasks.read_contact_import.enqueue(import_id=job.pk)
    return job


def _finish(job: ContactImport, status: str, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = status
    job.finished_at = timezone.now() if status in (ImportStatus.DONE, ImportStatus.FAILED) else None
    job.save()


def import_read(*, import_id: int) -> None:
    """The reading task: the file to rows, each classified against the owner's contacts."""
    job = (
        ContactImport.objects.select_related("owner")
        .filter(pk=import_id, status=ImportStatus.READING)
        .first()
    )
    if job is None:  # deleted meanwhile (the account, or the person started again)
        return

    def progress(count: int) -> None:
        if count % PROGRESS_EVERY == 0:
            ContactImport.objects.filter(pk=job.pk).update(processed=count)

    with addressing.speaking_to(job.owner):
        try:
            rows = reading.read_rows(job.source_text, job.file_format, progress)
        except reading.FileRefused as refused:
            _finish(job, ImportStatus.FAILED, error=refused.message, source_text="")
            return
    existing = Contact.objects.filter(owner=job.owner).values_list("pk", "name", "email", "phone")
    matching.classify(rows, existing)
    _finish(job, ImportStatus.PREVIEW, rows=rows, total=len(rows), processed=len(rows), source_text="")


def import_choose(*, job: ContactImport, decisions: dict[str, dict]) -> None:
    """Keep the choices made on one page of the preview (row number → action and picks)."""
    job.decisions = {**job.decisions, **decisions}
    job.save(update_fields=["decisions"])


def import_confirm(*, job: ContactImport) -> None:
    """Queue the saving. Only from the preview: a second click while it runs changes nothing."""
    from crisis_coach.network import tasks

    if job.status != ImportStatus.PREVIEW:
        return
    job.status = ImportStatus.APPLYING
    job.save(update_fields=["status"])
    tasks.apply_contact_import.enqueue(import_id=job.pk)


def import_cancel(*, job: ContactImport) -> None:
    job.delete()


# --- merging -------------------------------------------------------------------------------------


def birthday_of(contact: Contact) -> ImportantDate | None:
    """The contact's birthday; `contact.birthdays` when prefetched (with_birthdays)."""
    birthdays = getattr(contact, "birthdays", None)
    if birthdays is None:
        birthdays = list(contact.important_dates.filter(kind=DateKind.BIRTHDAY))
    return birthdays[0] if birthdays else None


def with_birthdays(contacts):
    return contacts.prefetch_related(
        Prefetch(
            "important_dates",
            queryset=ImportantDate.objects.filter(kind=DateKind.BIRTHDAY).order_by("date", "id"),
            to_attr="birthdays",
        )
    )


def conflicts(contact: Contact, row: dict) -> list[tuple[str, object, object]]:
    """(field, what the contact has, what the file has) wherever both have a value and they differ."""
    found = []
    fields = row["fields"]
    for name in MERGE_FIELDS:
        imported, current = fields.get(name), getattr(contact, name)
        if imported in (None, "") or current in (None, ""):
            continue
        if name == "relationship" and imported == Contact._meta.get_field(name).default:
            continue
        if str(imported) != str(current):
            found.append((name, current, imported))
    birthday = birthday_of(contact)
    if row["birthday"] and birthday and birthday.date.isoformat() != row["birthday"]:
        found.append(("birthday", birthday.date, datetime.date.fromisoformat(row["birthday"])))
    return found


def merged_notes(current: str, imported: str) -> str:
    """The file's notes after the contact's, unless the contact's already hold them."""
    imported = imported.strip()
    if not imported or imported in current:
        return current
    return f"{current.rstrip()}\n\n{imported}" if current.strip() else imported


def _merge(contact: Contact, row: dict, picks: dict) -> None:
    fields = row["fields"]
    updates = {}
    for name in MERGE_FIELDS:
        imported, current = fields.get(name), getattr(contact, name)
        if imported in (None, ""):
            continue
        if current in (None, "") or (str(imported) != str(current) and picks.get(name) == "imported"):
            updates[name] = imported
    notes = merged_notes(contact.notes, fields.get("notes", ""))
    if notes != contact.notes:
        updates["notes"] = notes
    if updates:
        network_services.contact_update(contact=contact, expected_version=None, **updates)
    birthday = birthday_of(contact)
    if row["birthday"]:
        date = datetime.date.fromisoformat(row["birthday"])
        if birthday is None:
            _add_birthday(contact, date)
        elif birthday.date != date and picks.get("birthday") == "imported":
            network_services.important_date_update(important_date=birthday, expected_version=None, date=date)
    have = {
        (d.kind, d.label, d.date.isoformat()) for d in contact.important_dates.exclude(kind=DateKind.BIRTHDAY)
    }
    for date in row["dates"]:
        if (date["kind"], date["label"], date["date"]) not in have:
            _add_date(contact, date)


def _add_birthday(contact: Contact, date: datetime.date) -> None:
    network_services.important_date_create(
        contact=contact, kind=DateKind.BIRTHDAY, date=date, repeats_yearly=True
    )


def _add_date(contact: Contact, date: dict) -> None:
    network_services.important_date_create(
        contact=contact,
        kind=date["kind"],
        label=date["label"],
        date=datetime.date.fromisoformat(date["date"]),
        repeats_yearly=date["repeats_yearly"],
    )


def _create(owner: User, rows: list[dict]) -> None:
    """The new contacts, their birthdays and dates, a few inserts for the lot (a file may hold thousands)."""
    records = [
        {name: value for name, value in row["fields"].items() if value not in (None, "")} for row in rows
    ]
    contacts = network_services.contacts_create_many(owner=owner, records=records)
    objects = []
    for contact, row in zip(contacts, rows, strict=True):
        birthday = {"kind": DateKind.BIRTHDAY, "label": "", "date": row["birthday"], "repeats_yearly": True}
        for date in ([birthday] if row["birthday"] else []) + row["dates"]:
            item = ImportantDate(
                contact=contact,
                kind=date["kind"],
                label=date["label"],
                date=datetime.date.fromisoformat(date["date"]),
                repeats_yearly=date["repeats_yearly"],
            )
            # reading.py only makes dates the constraints accept (an "other" date has its label).
            item.full_clean(exclude=["contact"], validate_unique=False, validate_constraints=False)
            objects.append(item)
    ImportantDate.objects.bulk_create(objects, batch_size=500)


def decision_for(job: ContactImport, row: dict) -> dict:
    """What the person chose for a duplicate; skipping until they choose otherwise."""
    decision = job.decisions.get(str(row["n"]), {})
    action = decision.get("action")
    return {"action": action if action in ACTIONS else "skip", "picks": decision.get("picks", {})}


def _apply(job: ContactImport) -> dict:
    counts = {"created_count": 0, "merged_count": 0, "skipped_count": 0}
    to_create = []
    matched_ids = [row["match"] for row in job.rows if row["action"] == "duplicate"]
    matched = {c.pk: c for c in with_birthdays(Contact.objects.filter(owner=job.owner, pk__in=matched_ids))}
    for row in job.rows:
        action = row["action"]
        if action == "duplicate":
            decision = decision_for(job, row)
            contact = matched.get(row["match"])
            action = decision["action"]
            if action == "merge" and contact is None:  # deleted since the preview: nothing to merge into
                action = "both"
            if action == "merge":
                _merge(contact, row, decision["picks"])
                counts["merged_count"] += 1
                continue
        if action in ("create", "both"):
            to_create.append(row)
        else:
            counts["skipped_count"] += 1
    _create(job.owner, to_create)
    counts["created_count"] = len(to_create)
    return counts


def import_apply(*, import_id: int) -> None:
    """The saving task: every row as chosen, in one transaction; on any failure, nothing at all.

    The job's row stays locked while it runs: a copy of the task queued again by
    abandoned_tasks_requeue (a long import on a busy machine) passes it over instead of saving twice.
    """
    try:
        with transaction.atomic():
            job = (
                ContactImport.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("owner")
                .filter(pk=import_id, status=ImportStatus.APPLYING)
                .first()
            )
            if job is None:  # saved already, being saved, or deleted
                return
            counts = _apply(job)
            _finish(job, ImportStatus.DONE, rows=[], decisions={}, processed=job.total, **counts)
    # Whatever went wrong, the transaction is rolled back: the person is told nothing was imported
    # and can try again, and the error is logged for us.
    except Exception:
        logger.exception("Contact import %s failed", import_id)
        job = ContactImport.objects.select_related("owner").filter(pk=import_id).first()
        if job is not None:
            with addressing.speaking_to(job.owner):
                error = _("Something went wrong while saving, so nothing was imported. Please try again.")
            _finish(job, ImportStatus.FAILED, error=error)
