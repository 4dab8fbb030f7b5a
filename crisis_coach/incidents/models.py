"""The crisis flow's nouns: a setback (Incident) and everything the person does about it.

Rules that derive state from these rows (risk level, stage completion, next best action, the
don't-delay clock) live in rules.py; writes go through services.py.
"""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crisis_coach.common import search
from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.quotes import unquoted


class CrisisType(models.TextChoices):
    RESTRUCTURING = "restructuring", _("Restructuring threat")
    DIFFICULT_BOSS = "difficult_boss", _("A boss who makes things hard")
    COLLEAGUE_RELATIONS = "colleague_relations", _("Strained relations with colleagues")
    AGE = "age", _("Age crisis")
    BUSINESS_CHANGE = "business_change", _("Struggling with a change in the business")
    REPLACED = "replaced", _("Being replaced")
    MEANING = "meaning", _("Doubting why you work")
    WORK_MISTAKE = "work_mistake", _("Work mistake or oversight")
    OTHER = "other", _("Something else")


class Stage(models.TextChoices):
    ASSESS = "assess", _("Assess")
    CONFRONT = "confront", _("Confront")
    RESOLVE = "resolve", _("Resolve")
    CLOSED = "closed", _("Closed")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", pgettext_lazy("risk level", "Critical")


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a stored choice, or the value itself if it is not one (as Django does)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class IncidentQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)


class Incident(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="incidents")
    title = models.CharField(_("title"), max_length=160)
    what_happened = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("when it happened"))
    crisis_type = models.CharField(_("kind of crisis"), max_length=32, choices=CrisisType.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity"), help_text=_("1 = a bump in the road, 5 = your job or career is at stake.")
    )
    control_at_start = models.PositiveSmallIntegerField(
        addressed_lazy("how in control do you feel?"),
        null=True,
        blank=True,
        help_text=_("1 = not at all, 10 = fully in control."),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.ASSESS)
    shared_with_coach = models.BooleanField(_("shared with my coach"), default=False)
    # What a shared case shows the coach beyond the plan (stakeholders, assessment, conversations,
    # steps), each chosen by the client; the plan only by default (coaching/rules.visible_sections).
    share_reflection = models.BooleanField(_("the reflection"), default=False)
    share_evidence = models.BooleanField(_("the evidence log"), default=False)
    share_thoughts = models.BooleanField(_("the thought records"), default=False)
    share_check_ins = models.BooleanField(_("the check-ins"), default=False)
    # Optimistic locking: every edit of the incident's own fields bumps this; a stale form is a conflict.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    resolution_days = models.PositiveIntegerField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    # What the coach's caseload filters, sorts and searches on, kept up to date by
    # services.case_changed after every write to the case. Stored rather than computed per
    # request, because a coach with thousands of cases would otherwise pay four subqueries per case
    # on every page of the dashboard (bench/RESULTS.md).
    risk_level = models.CharField(max_length=16, choices=RiskLevel.choices, blank=True, editable=False)
    last_activity_at = models.DateTimeField(null=True, editable=False)
    conversation_held = models.BooleanField(default=False, editable=False)
    next_step_due_on = models.DateField(null=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # The person's own search (the setbacks kind): the incident's own words only, where the coach's
    # search_vector above also holds its stakeholders' and steps' words.
    own_search_vector = search.search_vector_column("title", "what_happened")
    own_search_text = search.search_text_column("title", "what_happened")

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        indexes = [
            models.Index(fields=["owner", "stage", "-occurred_on"], name="incident_owner_stage"),
            models.Index(fields=["owner", "crisis_type"], name="incident_owner_type"),
            models.Index(
                fields=["deleted_at"], name="incident_deleted", condition=Q(deleted_at__isnull=False)
            ),
            # The coach's caseload reads only shared, live incidents of their clients.
            models.Index(
                fields=["owner", "stage"],
                name="incident_shared_owner",
                condition=Q(shared_with_coach=True, deleted_at__isnull=True),
            ),
            # The caseload's stage and risk filters, among the shared cases.
            models.Index(
                fields=["stage", "risk_level"],
                name="incident_shared_stage_risk",
                condition=Q(shared_with_coach=True, deleted_at__isnull=True),
            ),
            # The coach's search: whole words through the vector, any substring (Chinese is written
            # without spaces) through trigrams of the text (stored upper-cased, to match any case).
            GinIndex(fields=["search_vector"], name="incident_search_vector"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="incident_search_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5), name="incident_severity_1_5"
            ),
            models.CheckConstraint(
                condition=Q(control_at_start__isnull=True)
                | Q(control_at_start__gte=1, control_at_start__lte=10),
                name="incident_control_1_10",
            ),
        ]

    def __str__(self):
        return self.title

    # Lists show these on every row; Django's generic get_FOO_display rebuilds the choices dict
    # on each call, the enum lookup does not (the cost of each: bench/RESULTS.md).
    def get_crisis_type_display(self) -> str:
        return _label(CrisisType, self.crisis_type)

    def get_stage_display(self) -> str:
        return _label(Stage, self.stage)

    def get_risk_level_display(self) -> str:
        return _label(RiskLevel, self.risk_level)

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    def days_since(self, today) -> int:
        return max((today - self.occurred_on).days, 0)


class Relation(models.TextChoices):
    MANAGER = "manager", _("Manager")
    COLLEAGUE = "colleague", _("Colleague")
    CLIENT = "client", _("Client")
    HR = "hr", _("HR")
    MENTOR = "mentor", _("Mentor")
    FAMILY = "family", _("Family")
    OTHER = "other", _("Other")


class Stance(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    CRITICAL = "critical", pgettext_lazy("stakeholder stance", "Critical")
    UNKNOWN = "unknown", _("Not sure yet")


class Stakeholder(models.Model):
    """Someone whose view of the setback matters: the article's 'public' around you."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=120)
    relation = models.CharField(_("relation to you"), max_length=16, choices=Relation.choices)
    influence = models.PositiveSmallIntegerField(
        _("influence on your future"),
        null=True,
        blank=True,
        help_text=_("1 = little say, 5 = their decision shapes what happens to you."),
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices, default=Stance.UNKNOWN)
    what_they_said = models.TextField(_("what they said"), blank=True)
    # The same person in the network, so repairing the relationship goes on after the incident.
    contact = models.ForeignKey(
        "network.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_roles",
        verbose_name=_("in your network"),
    )
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("name", "what_they_said")
    search_text = search.search_text_column("name", "what_they_said")

    class Meta:
        ordering = ["-influence", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(influence__isnull=True) | Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_5",
            ),
        ]

    def __str__(self):
        return self.name


class StanceVia(models.TextChoices):
    """What the person was doing when a stakeholder's stance or influence was recorded."""

    ADDED = "added", _("Added to the case")
    EDIT = "edit", _("Edited")
    CONVERSATION = "conversation", _("After a conversation")
    REVIEW = "review", _("At a review after the close")


class StanceChange(models.Model):
    """One reading of where a key person stands: the first when they are added, then one for each
    change of stance or influence, so trust can be followed person by person over the case."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="stance_changes")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="stance_changes")
    at = models.DateTimeField(_("when"), default=timezone.now)
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    influence = models.PositiveSmallIntegerField(_("influence on your future"), null=True, blank=True)
    note = models.CharField(
        _("what changed it"), max_length=300, blank=True, help_text=_("e.g. “after our talk on Tuesday”.")
    )
    via = models.CharField(max_length=16, choices=StanceVia.choices, default=StanceVia.EDIT)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["incident", "at"], name="stance_change_incident_at"),
            models.Index(fields=["stakeholder", "at"], name="stance_change_stakeholder_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(influence__isnull=True) | Q(influence__gte=1, influence__lte=5),
                name="stance_change_influence_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.stakeholder_id}: {self.stance} at {self.at:%Y-%m-%d}"


class Reversibility(models.TextChoices):
    EASY = "easy", _("Easy to put right")
    EFFORT = "effort", _("Can be put right with effort")
    HARD = "hard", _("Hard to put right")
    IRREVERSIBLE = "irreversible", _("Cannot be undone")


class Urgency(models.TextChoices):
    LOW = "low", _("Can wait a few weeks")
    MEDIUM = "medium", _("Needs action within days")
    HIGH = "high", _("Needs action now")


class RootCause(models.TextChoices):
    SKILL_GAP = "skill_gap", _("A gap in skills")
    WORKLOAD = "workload", _("Workload or process")
    COMMUNICATION = "communication", _("Communication")
    ATTENTION = "attention", _("Attention slipped")
    ROLE_FIT = "role_fit", _("The role does not fit my strengths")
    EXTERNAL = "external", _("Outside my control")


class Situation(models.TextChoices):
    ONE_OFF = "one_off", _("A one-off")
    RECURRING = "recurring", _("Part of a pattern")
    POOR_FIT = "poor_fit", _("A sign the role does not fit me")


HARM_FIELDS = ("harm_reputation", "harm_relationship", "harm_business", "harm_career")


class Assessment(models.Model):
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="assessment")
    harm_reputation = models.PositiveSmallIntegerField(_("harm to your reputation"), null=True, blank=True)
    harm_relationship = models.PositiveSmallIntegerField(
        _("harm to a key relationship"), null=True, blank=True
    )
    harm_business = models.PositiveSmallIntegerField(_("business or financial harm"), null=True, blank=True)
    harm_career = models.PositiveSmallIntegerField(_("harm to your career path"), null=True, blank=True)
    reversibility = models.CharField(
        _("can it be undone?"), max_length=16, choices=Reversibility.choices, blank=True
    )
    urgency = models.CharField(_("how urgent is it?"), max_length=16, choices=Urgency.choices, blank=True)
    # Derived by rules.risk_level on every save; stored so lists can filter and sort by it.
    risk_level = models.CharField(_("risk"), max_length=16, choices=RiskLevel.choices, blank=True)
    root_cause_category = models.CharField(
        _("root cause"), max_length=16, choices=RootCause.choices, blank=True
    )
    root_cause = models.TextField(_("why it happened"), blank=True)
    prevention = models.TextField(_("what would have prevented it"), blank=True)
    situation = models.CharField(
        _("looking at it calmly"), max_length=16, choices=Situation.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["risk_level"], name="assessment_risk")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                name=f"assessment_{name}_1_5",
            )
            for name in HARM_FIELDS
        ]

    def __str__(self):
        return f"Assessment of {self.incident_id}"

    def harm_ratings(self) -> list[int | None]:
        return [getattr(self, name) for name in HARM_FIELDS]


class Outcome(models.TextChoices):
    POSITIVE = "positive", _("It went well")
    MIXED = "mixed", _("Mixed")
    NEGATIVE = "negative", _("It went badly")


PRINCIPLE_FIELDS = ("listened_first", "acknowledged_view", "no_excuses", "stayed_calm", "stayed_professional")


class Conversation(models.Model):
    """The candid talk: own the mistake, ask for a chance to make amends."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="conversations")
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
        verbose_name=_("with"),
    )
    planned_for = models.DateTimeField(_("when"), null=True, blank=True)
    acknowledge = models.TextField(_("what you acknowledge"), blank=True)
    cause = models.TextField(_("what caused it, honestly"), blank=True)
    amends = models.TextField(_("how you will make amends"), blank=True)
    ask = models.TextField(_("the chance you ask for"), blank=True)
    listened_first = models.BooleanField(_("I will listen first"), default=False)
    acknowledged_view = models.BooleanField(_("I will acknowledge their view"), default=False)
    no_excuses = models.BooleanField(_("No excuses, no blaming others"), default=False)
    stayed_calm = models.BooleanField(_("I will stay calm"), default=False)
    stayed_professional = models.BooleanField(_("I will keep it professional"), default=False)
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(_("notes on how it went"), blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column); the selector joins the
    # stakeholder's name.
    search_vector = search.search_vector_column(
        None, "acknowledge", "cause", "amends", "ask", "outcome_notes"
    )
    search_text = search.search_text_column("acknowledge", "cause", "amends", "ask", "outcome_notes")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Conversation {self.public_id}"

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    def principles_checked(self) -> int:
        return sum(bool(getattr(self, name)) for name in PRINCIPLE_FIELDS)


class StepKind(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick win")
    REMEDY = "remedy", _("Remedy")
    PREVENTION = "prevention", _("Prevention")
    SKILL = "skill", _("Skill or retraining")
    RELATIONSHIP = "relationship", _("Relationship")
    CAREER = "career", _("Career direction")


class StepStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STEP_STATUSES = (StepStatus.TODO, StepStatus.DOING)


class StepCheck(models.TextChoices):
    """The answer to "did it work?" when a step is done: a ticked step is not yet a result."""

    WORKED = "worked", _("Yes, it worked")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")


class ProposalState(models.TextChoices):
    """A step a coach proposed: it joins the plan only once the client accepts it."""

    PENDING = "pending", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


NOT_IN_PLAN = (ProposalState.PENDING, ProposalState.DECLINED)
IN_PLAN_PROPOSAL_STATES = ("", ProposalState.ACCEPTED)


# The plan's rules, once: a step is in the plan unless it is a coach's proposal the client has not
# accepted; it is open while to do or doing; an open step of the plan is overdue once its due date is
# past. ActionStep's properties say the same of one loaded row (tests/incidents/test_overdue_rule.py).
def in_plan_q(prefix: str = "") -> Q:
    """In the plan, as a filter; `prefix` reaches the steps from another model ("steps__")."""
    return Q(**{f"{prefix}proposal_state__in": IN_PLAN_PROPOSAL_STATES})


def open_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN_STEP_STATUSES})


def overdue_q(today, prefix: str = "") -> Q:
    """Overdue on `today`, as a filter, e.g. Count("steps", filter=overdue_q(today, "steps__"))."""
    return in_plan_q(prefix) & open_q(prefix) & Q(**{f"{prefix}due_on__lt": today})


class ActionStepQuerySet(models.QuerySet):
    def in_plan(self):
        return self.filter(in_plan_q())

    def open(self):
        return self.filter(open_q())

    def overdue(self, today):
        return self.filter(overdue_q(today))


class ActionStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=200)
    detail = models.TextField(_("details"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices, default=StepKind.REMEDY)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.TODO)
    done_at = models.DateTimeField(null=True, blank=True)
    # "Did it work?", asked when the step is done; a "not yet" quick win comes back as a follow-up.
    check_result = models.CharField(
        _("did it work?"), max_length=16, choices=StepCheck.choices, blank=True, default=""
    )
    check_note = models.CharField(_("what you saw"), max_length=300, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # Dropping a step asks why, so the follow-through tells a dropped step from a forgotten one.
    drop_reason = models.CharField(_("why you dropped it"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    show_result_to = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who should see the result"),
    )
    contact = models.ForeignKey(
        "network.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact"),
        help_text=_("For a relationship step: the person in your network it is about."),
    )
    # Set when a coach proposed the step (crisis_coach.coaching); empty for the client's own steps.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposal_state = models.CharField(
        _("proposal"), max_length=16, choices=ProposalState.choices, blank=True, default=""
    )
    # The coach's playbook the step was added from (coaching.PlaybookStepUse), by name, so the mark
    # stays when the playbook is archived, the link ends or the coach's account goes.
    from_playbook = models.CharField(_("from the playbook"), max_length=120, blank=True)
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column("title", "detail")
    search_text = search.search_text_column("title", "detail")

    objects = ActionStepQuerySet.as_manager()

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["incident", "status", "due_on"], name="step_incident_status_due")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STEP_STATUSES

    @property
    def is_in_plan(self) -> bool:
        """False for a coach's proposal the client has not accepted (pending or declined)."""
        return self.proposal_state in IN_PLAN_PROPOSAL_STATES

    @property
    def is_proposal_pending(self) -> bool:
        return self.proposal_state == ProposalState.PENDING

    def is_overdue(self, today) -> bool:
        """overdue_q for one loaded step."""
        return self.is_in_plan and self.is_open and self.due_on is not None and self.due_on < today


class Reflection(models.Model):
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="reflection")
    strengths = models.TextField(_("strengths you found"))
    lessons = models.TextField(_("lessons learned"))
    next_step = models.TextField(_("your next career step"))
    control_at_close = models.PositiveSmallIntegerField(
        addressed_lazy("how in control do you feel now?"),
        help_text=_("1 = not at all, 10 = fully in control."),
    )
    # Optimistic locking (crisis_coach/common/conflicts.py): every write of its edit form's fields bumps this.
    version = models.PositiveIntegerField(default=1)
    written_at = models.DateTimeField(default=timezone.now)

    # Reopening an incident turns the reflection back into a draft (kept, not lost); saving it closes again.
    is_final = models.BooleanField(default=True)
    # The person's search (common/search.py search_vector_column).
    search_vector = search.search_vector_column(None, "strengths", "lessons", "next_step")
    search_text = search.search_text_column("strengths", "lessons", "next_step")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(control_at_close__gte=1, control_at_close__lte=10), name="reflection_control_1_10"
            ),
        ]

    def __str__(self):
        return f"Reflection on {self.incident_id}"


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ANSWERED = "answered", _("Answered")
    SKIPPED = "skipped", _("Skipped")


class HappenedAgain(models.TextChoices):
    NO = "no", _("No")
    NEARLY = "nearly", _("Nearly")
    YES = "yes", _("Yes")


# A closed case is looked at again after a week, a month and three months.
REVIEW_OFFSETS_DAYS = (7, 30, 90)


class CaseReview(models.Model):
    """A short review after the close: has it happened again, where the key people stand, how in
    control the person feels, and anything still to do (which becomes a step and reopens the plan)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="reviews")
    offset_days = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED)
    happened_again = models.CharField(
        _("has it happened again?"), max_length=16, choices=HappenedAgain.choices, blank=True
    )
    control_now = models.PositiveSmallIntegerField(
        addressed_lazy("how in control do you feel now?"),
        null=True,
        blank=True,
        help_text=_("1 = not at all, 10 = fully in control."),
    )
    notes = models.TextField(_("anything else you noticed"), blank=True)
    # "Anything still to do?" becomes this step of the plan.
    step = models.ForeignKey(ActionStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [
            # Today and the digest: the person's scheduled reviews that are due.
            models.Index(fields=["due_on"], name="review_scheduled_due", condition=Q(status="scheduled")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["incident", "offset_days"], name="review_one_per_offset"),
            models.CheckConstraint(
                condition=Q(control_now__isnull=True) | Q(control_now__gte=1, control_now__lte=10),
                name="review_control_1_10",
            ),
        ]

    def __str__(self):
        return f"+{self.offset_days} days review of {self.incident_id}"


class EventKind(models.TextChoices):
    LOGGED = "logged", _("Setback logged")
    STAGE = "stage", _("Stage reached")
    STAKEHOLDER = "stakeholder", _("Stakeholder added")
    ASSESSED = "assessed", _("Assessment updated")
    PLANNED = "planned", _("Conversation planned")
    HELD = "held", _("Conversation held")
    STEP_ADDED = "step_added", _("Step added")
    STEP_DONE = "step_done", _("Step done")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    NOTE = "note", _("Note")
    COACH_COMMENT = "coach_comment", _("Coach comment")
    STANCE = "stance", _("Stance changed")
    STEP_CHECKED = "step_checked", _("Step checked")
    STEP_DROPPED = "step_dropped", _("Step dropped")
    REVIEW = "review", _("Review after the close")


# What a timeline row says. Neutral wording ("Setback logged", not "You logged…"): the client and
# their coach read the same story. Kept with the model, so that models import no rules module.
_EVENT_MESSAGES = {
    EventKind.LOGGED: _("Setback logged."),
    EventKind.STAKEHOLDER: _("%(subject)s added as a stakeholder."),
    EventKind.ASSESSED: _("Assessment updated."),
    EventKind.PLANNED: _("Conversation with %(subject)s planned."),
    EventKind.HELD: _("Conversation with %(subject)s held."),
    EventKind.STEP_ADDED: _("Step added: “%(subject)s”."),
    EventKind.STEP_DONE: _("Step done: “%(subject)s”."),
    EventKind.CLOSED: _("The setback is closed."),
    EventKind.REOPENED: _("Setback reopened."),
    EventKind.NOTE: _("Note"),
    EventKind.COACH_COMMENT: _("%(subject)s commented."),
    EventKind.STANCE: _("Where %(subject)s stands has changed."),
    # The subject is the review's offset in days (7, 30 or 90); the text sums up the answers.
    EventKind.REVIEW: _("Review %(subject)s days after the close."),
    # The row's text is the person's own words: the note on how it went, or why the step was dropped.
    EventKind.STEP_CHECKED: _("Step checked: “%(subject)s”."),
    EventKind.STEP_DROPPED: _("Step dropped: “%(subject)s”."),
}


@pghistory.track(
    # Only the person's own notes change after they are written (system events are immutable), and
    # only their date and text: a PostgreSQL trigger keeps each saved version, whatever wrote it.
    # A version carries written_at/edited_at, the app's clock at that write (pgh_created_at is the
    # database's), which is what the history shows.
    pghistory.InsertEvent(condition=pghistory.Q(new__kind="note")),
    pghistory.UpdateEvent(condition=pghistory.AnyChange("at", "text")),
    fields=["at", "text", "written_at", "edited_at"],
    context_field=None,
    obj_field=pghistory.ObjForeignKey(related_name="versions", on_delete=models.CASCADE, db_constraint=True),
    model_name="NoteVersion",
)
class TimelineEvent(models.Model):
    """The incident's story in order. `subject` holds a name or title the message mentions.

    `at` is when it happened; a manual note may be dated in the past, `written_at` is when it was
    written."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    written_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking for a note's edit form (crisis_coach/common/conflicts.py).
    version = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    subject = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    # The person's search finds notes by their text (common/search.py search_vector_column).
    search_vector = search.search_vector_column(None, "text")
    search_text = search.search_text_column("text")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["incident", "at"], name="event_incident_at")]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def message(self) -> str:
        """The sentence this row shows, in the reader's language (rendered at display time)."""
        if self.kind == EventKind.STAGE:
            return str(_("Moved to the %(stage)s stage.") % {"stage": Stage(self.subject).label})
        template = _EVENT_MESSAGES.get(self.kind)
        if template is None:
            return self.subject
        if "%(subject)s" not in str(template):
            return str(template)
        return str(template) % {"subject": unquoted(self.subject)}
