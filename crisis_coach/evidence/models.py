"""A case's evidence log: dated facts, who was there and where the proof is kept.

An entry is a record someone may later show HR or a lawyer, so every saved version stays: a
PostgreSQL trigger (django-pghistory) copies the entry's content into EvidenceVersion on every
insert and on every update that changes it, whatever code wrote it. Who was present is a pair of
many-to-many relations, which triggers on this table do not see; the service keeps a text snapshot
of their names in `present_names`, a tracked field, so each version shows who was present then.

A deleted entry goes to the case's trash (deleted_at) and is purged with the trash
(services.trash_purge_entries, run by incidents' purge_trash through incidents.services.trash_purging).
"""

import uuid

import pghistory
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What an edit can change; each version keeps these with written_at and edited_at.
CONTENT_FIELDS = ("happened_on", "happened_at", "what_happened", "proof", "concerns", "present_names")
# What makes a new version: an edit always sets edited_at (services.entry_update), which covers a
# change of `concerns` alone. `concerns` itself is left out: removing that person from the case
# empties it (SET_NULL) in the same statement that deletes them, which is no edit of the entry, and
# a version written then would outlive an entry deleted with its case.
VERSION_WHEN_CHANGED = ("happened_on", "happened_at", "what_happened", "proof", "present_names", "edited_at")


class EvidenceEntryQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=pghistory.AnyChange(*VERSION_WHEN_CHANGED)),
    fields=[*CONTENT_FIELDS, "written_at", "edited_at"],
    context_field=None,
    obj_field=pghistory.ObjForeignKey(related_name="versions", on_delete=models.CASCADE, db_constraint=True),
    model_name="EvidenceVersion",
)
class EvidenceEntry(models.Model):
    """One dated fact of a case. `happened_on`/`happened_at` is when it happened (often earlier),
    `written_at` when it was first written, `edited_at` when its content last changed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="evidence")
    happened_on = models.DateField(_("when it happened"))
    happened_at = models.TimeField(_("at what time"), null=True, blank=True)
    what_happened = models.TextField(_("what happened"))
    proof = models.TextField(
        _("where the proof is kept"),
        blank=True,
        help_text=_("An email's subject, a document's name, a chat: where you can find it again."),
    )
    concerns = models.ForeignKey(
        "incidents.Stakeholder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_concerning",
        verbose_name=_("which person it concerns"),
    )
    present_stakeholders = models.ManyToManyField(
        "incidents.Stakeholder",
        blank=True,
        related_name="evidence_present",
        verbose_name=_("people in this case"),
    )
    present_contacts = models.ManyToManyField(
        "network.Contact",
        blank=True,
        related_name="evidence_present",
        verbose_name=_("people in your network"),
    )
    # Who was present, as names, for the history (see the module's docstring); set by the services.
    present_names = models.TextField(default="", blank=True, editable=False)
    written_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py): every edit of its form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = EvidenceEntryQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "happened_at", "written_at", "id"]
        verbose_name = _("evidence entry")
        verbose_name_plural = _("evidence entries")
        indexes = [
            # The log and the report: a case's live entries in the order they happened.
            models.Index(
                fields=["incident", "happened_on", "happened_at"],
                name="evidence_incident_happened",
                condition=Q(deleted_at__isnull=True),
            ),
            # The case's trash, and the purge.
            models.Index(
                fields=["deleted_at"], name="evidence_deleted", condition=Q(deleted_at__isnull=False)
            ),
        ]

    def __str__(self):
        return f"Evidence of {self.happened_on:%Y-%m-%d}"

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None
