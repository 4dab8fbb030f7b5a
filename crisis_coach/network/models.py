"""The professional network: people, touches, promises and communities (DESIGN.md §5).

Everything hangs off its owner; selectors.py holds the only ways in (one helper per model).
Other apps may point at Contact (e.g. an incident stakeholder) with on_delete=SET_NULL.
"""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crisis_coach.common import search
from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.network import rules


class Relationship(models.TextChoices):
    MANAGER = "manager", _("Manager")
    COLLEAGUE = "colleague", _("Colleague")
    MENTOR = "mentor", _("Mentor")
    PEER = "peer", _("Peer")
    CLIENT = "client", _("Client")
    RECRUITER = "recruiter", _("Recruiter")
    COMMUNITY = "community", pgettext_lazy("how you know a contact", "Community")


class Contact(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Your network is yours alone: it goes when the account goes.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship.choices, default=Relationship.COLLEAGUE
    )
    importance = models.SmallIntegerField(
        _("importance"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = nice to know, 5 = shapes your career."),
    )
    how_met = models.CharField(_("how you met"), max_length=200, blank=True)
    cadence_days = models.IntegerField(
        _("keep in touch every (days)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=addressed_lazy("How often you want to be in touch, in days."),
    )
    # The two-level cadence: due once `cadence_days` (the ideal gap) have passed since the last
    # touch, overdue once `latest_gap_days` have (no "overdue" when it is empty).
    latest_gap_days = models.IntegerField(
        _("at the latest every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty if there is no latest."),
    )
    # A snoozed contact is not due until this day, then comes back by itself.
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True, editable=False)
    profile_url = models.URLField(
        _("profile link"), blank=True, help_text=_("e.g. their professional profile.")
    )
    # How to reach them: what a phone's or Google's contacts carry, and what an import matches on.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Kept by services.interaction_log / interaction_delete: the newest interaction's date.
    last_contacted_on = models.DateField(_("last contacted"), null=True, blank=True, editable=False)
    # The owner's local date when added; never-contacted people are due for a touch from then.
    added_on = models.DateField(_("added on"), default=timezone.localdate, editable=False)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("name", "organisation", "role", "how_met", "notes")
    search_text = search.search_text_column("name", "organisation", "role", "how_met", "notes")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5), name="contact_importance_1_to_5"
            ),
            models.CheckConstraint(condition=models.Q(cadence_days__gte=1), name="contact_cadence_positive"),
            models.CheckConstraint(
                condition=models.Q(latest_gap_days__isnull=True)
                | models.Q(latest_gap_days__gte=models.F("cadence_days")),
                name="contact_latest_gap_after_ideal",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "last_contacted_on"], name="contact_owner_last_contacted"),
            models.Index(fields=["owner", "relationship"], name="contact_owner_relationship"),
            models.Index(fields=["owner", "-importance"], name="contact_owner_importance"),
            models.Index(fields=["owner", "name"], name="contact_owner_name"),
        ]

    def __str__(self):
        return self.name

    def touch_status(self, today: datetime.date) -> rules.TouchStatus:
        """In touch, due, overdue or snoozed (rules.touch_status, the one definition)."""
        return rules.touch_status(
            last_contacted_on=self.last_contacted_on,
            added_on=self.added_on,
            cadence_days=self.cadence_days,
            latest_gap_days=self.latest_gap_days,
            snoozed_until=self.snoozed_until,
            today=today,
        )

    @property
    def touch_due_on(self) -> datetime.date:
        """The day the ideal gap has passed, or the snooze's end when later."""
        ideal_on = rules.touch_due_on(
            last_contacted_on=self.last_contacted_on, added_on=self.added_on, cadence_days=self.cadence_days
        )
        return rules.snoozed_day(ideal_on, self.snoozed_until)

    @property
    def touch_overdue_on(self) -> datetime.date | None:
        """The day the latest gap has passed (or the snooze's end when later); None with no latest."""
        latest_on = rules.touch_overdue_on(
            last_contacted_on=self.last_contacted_on,
            added_on=self.added_on,
            cadence_days=self.cadence_days,
            latest_gap_days=self.latest_gap_days,
        )
        return rules.snoozed_day(latest_on, self.snoozed_until)

    def days_overdue(self, today: datetime.date) -> int | None:
        """Days since the contact became due (0: due today); None when not due."""
        return rules.days_overdue(due_on=self.touch_due_on, today=today)

    def is_due_for_touch(self, today: datetime.date) -> bool:
        return self.days_overdue(today) is not None


class RelationshipCadence(models.Model):
    """The person's own default gaps for a kind of relationship, used for new and imported contacts."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cadences")
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    ideal_days = models.IntegerField(_("ideally every (days)"), validators=[MinValueValidator(1)])
    latest_days = models.IntegerField(
        _("at the latest every (days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("default cadence")
        verbose_name_plural = _("default cadences")
        constraints = [
            models.UniqueConstraint(fields=["owner", "relationship"], name="cadence_one_per_relationship"),
            models.CheckConstraint(condition=models.Q(ideal_days__gte=1), name="cadence_ideal_positive"),
            models.CheckConstraint(
                condition=models.Q(latest_days__isnull=True)
                | models.Q(latest_days__gte=models.F("ideal_days")),
                name="cadence_latest_after_ideal",
            ),
        ]

    def __str__(self):
        return f"{self.relationship}: {self.ideal_days}/{self.latest_days}"


class DateKind(models.TextChoices):
    BIRTHDAY = "birthday", _("Birthday")
    WORK_ANNIVERSARY = "work_anniversary", _("Work anniversary")
    OTHER = "other", _("Other")


class ImportantDate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="important_dates")
    kind = models.CharField(_("kind"), max_length=20, choices=DateKind.choices, default=DateKind.BIRTHDAY)
    label = models.CharField(
        _("name of the date"), max_length=120, blank=True, help_text=_("Needed for “Other”, e.g. “Wedding”.")
    )
    date = models.DateField(_("date"))
    repeats_yearly = models.BooleanField(_("every year"), default=True)
    # The occurrence already congratulated, so it leaves the keep-in-touch list until next time.
    congratulated_for = models.DateField(null=True, blank=True, editable=False)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("important date")
        verbose_name_plural = _("important dates")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(label=""), name="important_date_other_has_label"
            ),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def title(self):
        return self.label if self.kind == DateKind.OTHER else self.get_kind_display()

    def next_occurrence(self, today: datetime.date) -> datetime.date | None:
        return rules.next_occurrence(self.date, repeats_yearly=self.repeats_yearly, today=today)

    def is_congratulated(self, occurrence: datetime.date | None) -> bool:
        return occurrence is not None and self.congratulated_for == occurrence


class Channel(models.TextChoices):
    CALL = "call", _("Call")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")
    MESSAGE = "message", _("Message")
    SOCIAL = "social", _("Social network")
    EVENT = "event", _("Event")


class Interaction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    happened_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.MESSAGE)
    summary = models.CharField(_("summary"), max_length=300)
    shared = models.TextField(_("what you shared or gave"), blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py) for its edit form.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("summary", "shared")
    search_text = search.search_text_column("summary", "shared")

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["contact", "-happened_on"], name="interaction_contact_date")]

    def __str__(self):
        return self.summary


class CommitmentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("promise status", "Open")
    KEPT = "kept", _("Kept")
    BROKEN = "broken", _("Broken")


class Commitment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="commitments")
    what = models.CharField(_("what you promised"), max_length=300)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    resolved_on = models.DateField(_("settled on"), null=True, blank=True, editable=False)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("what")
    search_text = search.search_text_column("what")

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "created_at"]
        constraints = [
            # Open promises have no settled date; kept or broken ones always do.
            models.CheckConstraint(
                condition=models.Q(status="open", resolved_on__isnull=True)
                | (models.Q(status__in=["kept", "broken"], resolved_on__isnull=False)),
                name="commitment_resolved_on_matches_status",
            ),
        ]
        indexes = [models.Index(fields=["contact", "status", "due_on"], name="commitment_contact_status_due")]

    def __str__(self):
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.OPEN

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on < today

    @property
    def kept_on_time(self) -> bool:
        return rules.commitment_kept_on_time(
            status=self.status, due_on=self.due_on, resolved_on=self.resolved_on
        )


class CommunityKind(models.TextChoices):
    ASSOCIATION = "association", _("Professional association")
    UNION = "union", _("Union")
    ONLINE = "online", _("Online group")
    EVENT = "event", _("Event or conference")
    OTHER = "other", _("Other")


class Community(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CommunityKind.choices, default=CommunityKind.ASSOCIATION
    )
    url = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("name", "notes")
    search_text = search.search_text_column("name", "notes")

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]
        indexes = [models.Index(fields=["owner", "name"], name="community_owner_name")]

    def __str__(self):
        return self.name


class ParticipationKind(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    SPOKE = "spoke", _("Spoke")
    VOLUNTEERED = "volunteered", _("Volunteered")
    LEARNED = "learned", _("Learned")


class Participation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="participations")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(
        _("what you did"),
        max_length=20,
        choices=ParticipationKind.choices,
        default=ParticipationKind.ATTENDED,
    )
    notes = models.TextField(_("notes"), blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py) for its edit form.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["community", "-happened_on"], name="participation_community_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_on}"


class ImportStatus(models.TextChoices):
    READING = "reading", _("Reading the file")
    PREVIEW = "preview", _("Waiting for your choices")
    APPLYING = "applying", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Could not be read")


class ContactImport(models.Model):
    """One upload of contacts (network/importing), from the file to the person's choices to the result.

    The file waits here only until it is read (then `source_text` is emptied); the rows the preview
    shows and the choices made on it are JSON (importing/parse.py describes a row). Finished imports
    are removed after a while (importing.cleanup), and all of them with the account.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_imports"
    )
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.READING)
    file_name = models.CharField(max_length=200, blank=True)
    file_format = models.CharField(max_length=10, blank=True)  # vcard, google, linkedin
    source_text = models.TextField(blank=True)
    rows = models.JSONField(default=list, blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)  # contacts in the file
    processed = models.PositiveIntegerField(default=0)  # read so far, for the progress bar
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="contact_import_owner_created"),
            models.Index(fields=["created_at"], name="contact_import_created"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.READING, ImportStatus.APPLYING)
