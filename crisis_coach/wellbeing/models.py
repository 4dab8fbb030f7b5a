"""Before and around the crisis: the daily check-in, the support resources the safety panel lists,
thought records inside a case, and the career risk radar with its standing prevention plan.

Nothing here makes a diagnosis: the check-in and the radar are the person's own readings, and the
safety panel only points to people and services who can help (rules.py decides when it shows).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.incidents.models import CrisisType, StepKind


class CheckIn(models.Model):
    """Thirty seconds a day: mood, how in control, sleep. One per day, editable that day."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins")
    # The person's own day (their time zone), not UTC's.
    day = models.DateField(_("day"))
    mood = models.PositiveSmallIntegerField(_("mood"), help_text=_("1 = very low, 5 = very good."))
    control = models.PositiveSmallIntegerField(
        addressed_lazy("how in control do you feel?"), help_text=_("1 = not at all, 10 = fully in control.")
    )
    sleep = models.PositiveSmallIntegerField(_("sleep"), help_text=_("1 = very poorly, 5 = very well."))
    note = models.TextField(_("anything on your mind?"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="check_in_one_per_day"),
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="check_in_mood_1_5"),
            models.CheckConstraint(
                condition=Q(control__gte=1, control__lte=10), name="check_in_control_1_10"
            ),
            models.CheckConstraint(condition=Q(sleep__gte=1, sleep__lte=5), name="check_in_sleep_1_5"),
        ]

    def __str__(self):
        return f"Check-in {self.day} of {self.owner_id}"


class SupportResource(models.Model):
    """A service the safety panel lists, maintained by an operator in the admin per country and
    language. Only verified details belong here: the product ships none."""

    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. TW."))
    # Empty: shown whatever the person's language.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    name = models.CharField(_("name"), max_length=160)
    how_to_reach = models.CharField(_("how to reach them"), max_length=300)
    hours = models.CharField(_("hours"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("support resource")
        verbose_name_plural = _("support resources")
        ordering = ["position", "name"]
        indexes = [models.Index(fields=["country", "language"], name="support_country_language")]

    def __str__(self):
        return f"{self.name} ({self.country})"


class ThinkingTrap(models.TextChoices):
    # Each explained in one line, with an example, for career setbacks: thinking_traps.TRAP_GUIDES.
    CATASTROPHISING = "catastrophising", _("Catastrophising")
    MIND_READING = "mind_reading", _("Mind reading")
    LABELLING = "labelling", _("Labelling")
    ALL_OR_NOTHING = "all_or_nothing", _("All-or-nothing thinking")
    FORTUNE_TELLING = "fortune_telling", _("Fortune telling")
    PERSONALISING = "personalising", _("Taking it all personally")
    SHOULD = "should", _("“Should” statements")


class ThoughtRecord(models.Model):
    """A thought looked at calmly, inside a case: the situation, the upsetting thought, the feeling
    and its strength, the traps it shows, the evidence both ways, a balanced thought, the re-rating."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="thought_records"
    )
    situation = models.TextField(_("the situation"))
    thought = models.TextField(_("the upsetting thought"))
    emotion = models.CharField(_("what you felt"), max_length=120)
    intensity_before = models.PositiveSmallIntegerField(_("how strong (0–100)"))
    traps = ArrayField(
        models.CharField(max_length=32, choices=ThinkingTrap.choices), default=list, blank=True
    )
    evidence_for = models.TextField(_("what supports the thought"), blank=True)
    evidence_against = models.TextField(_("what does not fit it"), blank=True)
    balanced_thought = models.TextField(_("a more balanced thought"), blank=True)
    intensity_after = models.PositiveSmallIntegerField(_("how strong now (0–100)"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["incident", "-created_at"], name="thought_record_incident")]
        constraints = [
            models.CheckConstraint(
                condition=Q(intensity_before__gte=0, intensity_before__lte=100),
                name="thought_record_before_0_100",
            ),
            models.CheckConstraint(
                condition=Q(intensity_after__isnull=True)
                | Q(intensity_after__gte=0, intensity_after__lte=100),
                name="thought_record_after_0_100",
            ),
        ]

    def __str__(self):
        return f"Thought record {self.public_id}"


class RadarCheck(models.Model):
    """One monthly career risk self-check: each early-sign question answered 0–3 (`answers`, by
    question key) and the score per crisis type derived from them (`scores`, by CrisisType value),
    stored so the trend chart reads one row per check."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="radar_checks")
    taken_on = models.DateField(_("taken on"))
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-taken_on", "-created_at"]
        indexes = [models.Index(fields=["owner", "-taken_on"], name="radar_check_owner_taken")]

    def __str__(self):
        return f"Radar {self.taken_on} of {self.owner_id}"


class PreventionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PreventionStep(models.Model):
    """A step of the person's standing prevention plan, outside any case: suggested by the radar for
    a crisis type that rises or stands high, shown on Today like a case's steps."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prevention_steps"
    )
    crisis_type = models.CharField(_("kind of crisis"), max_length=32, choices=CrisisType.choices)
    title = models.CharField(_("step"), max_length=200)
    detail = models.TextField(_("details"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices, default=StepKind.PREVENTION)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PreventionStatus.choices, default=PreventionStatus.TODO
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # The suggestion it came from (playbook data key), so the same one is not offered twice.
    source = models.CharField(max_length=80, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="prevention_owner_status_due")]

    def __str__(self):
        return self.title
