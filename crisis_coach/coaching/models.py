import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.incidents.models import CrisisType, StepKind

# No 0/O or 1/I/L, so a code read aloud or copied by hand survives.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_CODE_LENGTH = 16  # 31**16 ≈ 7·10**23: guessing is hopeless even without rate limits.


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))


def normalize_invite_code(raw: str) -> str:
    """What the person typed, without dashes or spaces, in upper case ("abcd-efgh …" → "ABCDEFGH…")."""
    return "".join(ch for ch in raw if ch.isalnum()).upper()


class Weekday(models.IntegerChoices):
    # datetime.date.weekday()'s numbers.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CoachProfile(models.Model):
    """Makes a user a coach. Clients link to a coach by entering the invite code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile"
    )
    invite_code = models.CharField(_("invite code"), max_length=32, unique=True, default=new_invite_code)
    bio = models.TextField(_("about you"), blank=True)
    # The coach's weekly digest (coaching/digest.py): on this weekday, from this time, in the coach's
    # own time zone; once per ISO week (reminders.DigestSent, period "coach-2026-W48").
    digest_enabled = models.BooleanField(_("send me a weekly digest"), default=True)
    digest_weekday = models.PositiveSmallIntegerField(
        _("on"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_time = models.TimeField(_("from"), default=datetime.time(8, 0))
    created_at = models.DateTimeField(auto_now_add=True)
    # Grows whenever anything the coach's dashboard shows changes: a shared case, its steps, a link, a
    # client's name. PostgreSQL triggers keep it (migration 0005), so no write path (a service, a bulk
    # update, the importer, a deletion) can leave the dashboard's cached table behind (views/coach.py).
    caseload_version = models.PositiveBigIntegerField(default=0, editable=False)

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
    # A note on one session (the session page's private notes); never in the client's export.
    session = models.ForeignKey(
        "coaching.CoachingSession", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
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
        indexes = [
            models.Index(fields=["incident", "-at"], name="access_incident_at"),
            # The retention purge finds every case's old views by `at` alone (common/retention.py).
            models.Index(fields=["at"], name="access_at"),
        ]

    def __str__(self):
        return f"{self.coach_id} viewed {self.incident_id} at {self.at:%Y-%m-%d %H:%M}"


# --- The coach's practice: playbooks, sessions, nudges, ratings -------------------------------


class Playbook(models.Model):
    """A coach's own step pack: their clients see it on Resolve ("From your coach") while linked."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="playbooks")
    name = models.CharField(_("name"), max_length=120)
    # Empty: it suits every kind of crisis.
    crisis_types = ArrayField(
        models.CharField(max_length=32, choices=CrisisType.choices),
        blank=True,
        default=list,
        verbose_name=_("suits"),
    )
    # Conversation prompts, one per line: what to say or ask in the confronting talk.
    prompts = models.TextField(_("conversation prompts"), blank=True, max_length=4000)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["coach", "archived_at"], name="playbook_coach_archived")]

    def __str__(self):
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def prompt_lines(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]


class PlaybookStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("step"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices, default=StepKind.REMEDY)
    due_in_days = models.PositiveSmallIntegerField(
        _("due in (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text=_("Counted from the day the client adds it. Leave empty for no due date."),
    )
    detail = models.TextField(_("details"), blank=True, max_length=4000)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class PlaybookStepUse(models.Model):
    """A client's step added from a coach's playbook: what the playbook's follow-through counts.

    The step itself is the client's (incidents.ActionStep, marked by `from_playbook`); this row only
    ties it to the playbook for the coach's counts, and goes with the step or the playbook.
    """

    step = models.OneToOneField("incidents.ActionStep", on_delete=models.CASCADE, related_name="playbook_use")
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="uses")
    playbook_step = models.ForeignKey(
        PlaybookStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="uses"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["playbook", "added_at"], name="playbook_use_at")]

    def __str__(self):
        return f"Step {self.step_id} from playbook {self.playbook_id}"


class SessionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Agreed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class CoachingSession(models.Model):
    """A session between a client and their coach: proposed by either, answered by the other.

    The agenda and the summary are shared (both sides read them; edits detect conflicts). The coach's
    private notes on it are CoachNote rows with `session` set, never shown to the client.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    # Empty once the coach's account is gone, or for a session imported from an export file; the
    # name stays, so the client's record still says who it was with.
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_sessions",
    )
    coach_name = models.CharField(max_length=150, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), default=50, validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    place = models.CharField(
        _("place or video link"), max_length=300, blank=True, help_text=_("An address, a room or a link.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PROPOSED
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, max_length=4000)
    summary = models.TextField(_("summary"), blank=True, max_length=8000)
    summary_written_at = models.DateTimeField(null=True, blank=True)
    # The calendar's SEQUENCE: bumped by every change a calendar should pick up (time, place, status).
    sequence = models.PositiveIntegerField(default=0)
    # Optimistic locking (crisis_coach/common/conflicts.py) for the shared agenda and summary.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["client", "starts_at"], name="session_client_starts"),
            models.Index(fields=["coach", "starts_at"], name="session_coach_starts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=10, duration_minutes__lte=480),
                name="session_duration_10_480",
            ),
        ]

    def __str__(self):
        return f"Session {self.public_id}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_live(self) -> bool:
        """Proposed or agreed: it still belongs on Today and in the calendar as an event."""
        return self.status in (SessionStatus.PROPOSED, SessionStatus.ACCEPTED)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_held(self) -> bool:
        """Agreed and its time has come: the record of a session that took place, no longer to move or
        call off (a cancelled event would vanish from both calendars after the fact)."""
        return self.status == SessionStatus.ACCEPTED and self.has_started

    @property
    def is_changeable(self) -> bool:
        """Its time, place or status may still change: live and not yet held."""
        return self.is_live and not self.is_held


NUDGE_EVERY_DAYS = 3  # At most one nudge per case in this many days.


class CoachNudge(models.Model):
    """A short word from the coach on a stalled shared case; shown on the client's Today and digest."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="nudges")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.CharField(_("message"), max_length=280)
    created_at = models.DateTimeField(default=timezone.now)
    # The client dismissed it on Today.
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["incident", "-created_at"], name="nudge_incident_at")]

    def __str__(self):
        return f"Nudge {self.public_id}"


ANONYMOUS_BATCH = 3  # Anonymous ratings reach the coach only in folds of at least this many.


class CoachingRating(models.Model):
    """A client's rating of the coaching on a closed case (1–5, an optional comment).

    Named: `client` and `incident` are set and the coach reads it as it is. Anonymous: it waits,
    still linked (so the client can't rate twice and deletion removes it), until the coach has
    ANONYMOUS_BATCH waiting; services.ratings_fold then rewrites the batch as `aggregated` rows with
    no client, no case, and one shared time, in a shuffled order. RatedCase keeps "this case was
    rated" without saying how.
    """

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ratings_received"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("how helpful was the coaching?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("anything to add?"), blank=True, max_length=1000)
    anonymous = models.BooleanField(_("rate anonymously"), default=False)
    aggregated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["coach", "aggregated", "anonymous"], name="rating_coach_state")]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_5"),
            # An aggregated row names no one: that is the promise of "anonymous".
            models.CheckConstraint(
                condition=Q(aggregated=False) | Q(client__isnull=True, incident__isnull=True, anonymous=True),
                name="rating_aggregated_names_no_one",
            ),
            models.CheckConstraint(
                condition=Q(aggregated=True) | Q(client__isnull=False, incident__isnull=False),
                name="rating_pending_or_named_has_case",
            ),
            models.UniqueConstraint(
                fields=["incident"], condition=Q(incident__isnull=False), name="rating_once_per_case"
            ),
        ]

    def __str__(self):
        return f"Rating {self.pk} for {self.coach_id}"


class RatedCase(models.Model):
    """That a case's coaching was rated (asked once only), without the score or how it was given."""

    incident = models.OneToOneField("incidents.Incident", on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"Case {self.incident_id} rated"
