import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L, so a code read aloud or copied by hand survives.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_CODE_LENGTH = 16  # 31**16 ≈ 7·10**23: guessing is hopeless even without rate limits.


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))


def normalize_invite_code(raw: str) -> str:
    """What the person typed, without dashes or spaces, in upper case ("abcd-efgh …" → "ABCDEFGH…")."""
    return "".join(ch for ch in raw if ch.isalnum()).upper()


class CoachProfile(models.Model):
    """Makes a user a coach. Clients link to a coach by entering the invite code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile"
    )
    invite_code = models.CharField(_("invite code"), max_length=32, unique=True, default=new_invite_code)
    bio = models.TextField(_("about you"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coach profile")
        verbose_name_plural = _("coach profiles")

    def __str__(self):
        return str(self.user)

    @property
    def invite_code_display(self) -> str:
        """The code in groups of four, easier to read and to type."""
        return "-".join(self.invite_code[i : i + 4] for i in range(0, len(self.invite_code), 4))


class LinkStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class CoachingLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=LinkStatus.ACTIVE)


class CoachingLink(models.Model):
    """A client's consent to be coached by `coach`. Rows are never deleted: ending keeps the history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_links"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coached_links"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=LinkStatus.choices, default=LinkStatus.ACTIVE
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # Who ended it (the client or the coach); kept even if that account goes away later.
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CoachingLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("coaching link")
        verbose_name_plural = _("coaching links")
        indexes = [models.Index(fields=["coach", "status"], name="link_coach_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="active"), name="link_one_active_coach_per_client"
            ),
            models.CheckConstraint(condition=~Q(client=F("coach")), name="link_not_to_self"),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(ended_at__isnull=True))
                | (Q(status="ended") & Q(ended_at__isnull=False)),
                name="link_ended_at_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.client} → {self.coach} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == LinkStatus.ACTIVE


class CoachComment(models.Model):
    """A coach's comment on a shared case (or on one step or conversation), visible to the client.

    A reply (`reply_to` set) is the client's answer in the same thread.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="coach_comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # If the step or conversation is deleted, the comment stays on the case.
    step = models.ForeignKey(
        "incidents.ActionStep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coach_comments",
    )
    conversation = models.ForeignKey(
        "incidents.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coach_comments",
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["incident", "created_at"], name="comment_incident_at")]

    def __str__(self):
        return f"Comment {self.public_id}"


class CoachNote(models.Model):
    """A coach's private note about a client (incident empty) or one of their cases.

    Never shown to clients: only the coach's own views read it (selectors.notes_for_case).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_notes")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["coach", "client"], name="note_coach_client")]

    def __str__(self):
        return f"Note {self.public_id}"


class CaseAccess(models.Model):
    """One coach view of a shared case; the client sees this log on the incident page."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="coach_accesses"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["incident", "-at"], name="access_incident_at")]

    def __str__(self):
        return f"{self.coach_id} viewed {self.incident_id} at {self.at:%Y-%m-%d %H:%M}"
