"""Writes for the crisis flow. Callers have already checked access (selectors.incident_for_owner).

Each service writes the timeline and ends with `case_changed`, the one place that keeps the
incident's stage in step with the rules (rules.working_stage) and its stored summary
(case_summary.py) in step with its rows, so the story, the stepper and the coach's caseload never
disagree with the data. Other apps that write to a case (coaching) call these services too.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.common.conflicts import EditConflict, save_versioned
from crisis_coach.common.punctuation import label_value
from crisis_coach.incidents import rules
from crisis_coach.incidents.case_summary import lock_cases, summary_update_one
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    CaseReview,
    Conversation,
    EventKind,
    Incident,
    ProposalState,
    Reflection,
    Relation,
    ReviewStatus,
    Stage,
    Stakeholder,
    StanceChange,
    StanceVia,
    StepCheck,
    StepKind,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.incidents.playbooks import PlaybookStep
from crisis_coach.incidents.reviews import reviews_schedule
from crisis_coach.incidents.selectors import case_queryset
from crisis_coach.network.models import Contact, Relationship

TRASH_DAYS = 30


def _event(incident: Incident, kind: str, subject: str = "", text: str = "") -> TimelineEvent:
    return TimelineEvent.objects.create(incident=incident, kind=kind, subject=subject[:200], text=text)


# What a stage change rewrites in the incident's row: read back into the loaded case after it.
_STAGE_FIELDS = ("stage", "closed_at", "resolution_days")
_SUMMARY_FIELDS = (
    "risk_level",
    "last_activity_at",
    "conversation_held",
    "next_step_due_on",
    "search_text",
    "search_vector",
)


def case_changed(incident: Incident, *, words_changed: bool = True) -> Incident:
    """After any write to a case: store its summary, move it to the stage its data says it is in
    (closing it when Resolve is complete) and return it freshly loaded (selectors.case_queryset),
    for the view to show. Every service that writes to a case ends with this, once; many cases at
    once (the importer, the seeders) go through case_summary.case_summary_refresh instead.

    The case is read once. Only a change of stage writes again: the stage, its timeline line, and
    the summary once more (the line is activity), read back into the loaded case.

    words_changed=False is for a write that changes none of the words the coach's search reads (the
    title, what happened, the stakeholders' words, the steps' titles, a shared reflection): a step's
    status, its check, its drop. The search columns are then kept as they are, not rebuilt
    (case_summary.summary_columns); tests/incidents/test_case_summary.py holds each such write to a
    full recomputation."""
    lock_cases(Incident.objects.filter(pk=incident.pk))
    summary_update_one(incident.pk, words=words_changed)
    case = case_queryset().select_related("owner").get(pk=incident.pk)
    stage = rules.working_stage(case)
    if stage == case.stage:
        return case
    if stage == Stage.CLOSED:
        closed_at = timezone.now()
        closed_on = timezone.localdate(closed_at, case.owner.zone)
        days = max((closed_on - case.occurred_on).days, 0)
        Incident.objects.filter(pk=case.pk).update(stage=stage, closed_at=closed_at, resolution_days=days)
        _event(case, EventKind.CLOSED)
        # The reviews after the close: a week, a month and three months on, in the owner's days.
        reviews_schedule(case, closed_on=closed_on)
    else:
        Incident.objects.filter(pk=case.pk).update(stage=stage, closed_at=None, resolution_days=None)
        if stage != Stage.ASSESS or case.stage != Stage.CLOSED:
            _event(case, EventKind.STAGE, subject=stage)
    summary_update_one(case.pk, words=words_changed)
    case.refresh_from_db(fields=_STAGE_FIELDS + _SUMMARY_FIELDS)
    return case


@transaction.atomic
def incident_create(*, owner, **fields) -> Incident:
    incident = Incident.objects.create(owner=owner, **fields)
    _event(incident, EventKind.LOGGED)
    case_changed(incident)
    return incident


@transaction.atomic
def incident_update(*, incident: Incident, expected_version: int, **fields) -> Incident:
    """Save the incident's own fields unless someone else saved since `expected_version` (optimistic lock)."""
    updated = Incident.objects.filter(pk=incident.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise EditConflict(Incident.objects.get(pk=incident.pk))
    return case_changed(incident)


# What each edit form writes (crisis_coach/common/conflicts.py): only these, so a stale form never
# puts back what other writers keep in the row (a step's position, a coach proposal's state).
STAKEHOLDER_FIELDS = ("name", "relation", "influence", "stance", "what_they_said", "contact")
CONVERSATION_PLAN_FIELDS = (
    "stakeholder",
    "planned_for",
    "acknowledge",
    "cause",
    "amends",
    "ask",
    "listened_first",
    "acknowledged_view",
    "no_excuses",
    "stayed_calm",
    "stayed_professional",
)
CONVERSATION_RECORD_FIELDS = ("held_at", "outcome", "outcome_notes")
STEP_FIELDS = ("title", "kind", "due_on", "status", "done_at", "detail", "show_result_to", "contact")
# Cleared by step_save when the status no longer fits them (_step_clear_stale), so saved with it.
STEP_CHECK_FIELDS = ("check_result", "check_note", "checked_at", "drop_reason")
REFLECTION_FIELDS = ("strengths", "lessons", "next_step", "control_at_close", "is_final", "written_at")


@transaction.atomic
def stakeholder_save(
    *,
    incident: Incident,
    stakeholder: Stakeholder,
    expected_version: int | None = None,
    stance_note: str = "",
) -> Stakeholder:
    """Add a stakeholder, or save an edit of one unless it changed since `expected_version`.
    A new stakeholder's stance is their first reading; an edit that changes stance or influence
    is another one (`stance_note` says what changed it). The stakeholder's `incident` is then the
    case as the change left it (case_changed), loaded for the page to show."""
    created = stakeholder.pk is None
    stakeholder.incident = incident
    if created:
        stakeholder.save()
        _stance_reading(stakeholder, via=StanceVia.ADDED)
        _event(incident, EventKind.STAKEHOLDER, subject=stakeholder.name)
    else:
        before = Stakeholder.objects.values("stance", "influence").get(pk=stakeholder.pk)
        save_versioned(stakeholder, expected_version=expected_version, fields=STAKEHOLDER_FIELDS)
        if before != {"stance": stakeholder.stance, "influence": stakeholder.influence}:
            _stance_reading(stakeholder, via=StanceVia.EDIT, note=stance_note)
            _event(incident, EventKind.STANCE, subject=stakeholder.name)
    stakeholder.incident = case_changed(incident)
    return stakeholder


def _stance_reading(stakeholder: Stakeholder, *, via: str, note: str = "") -> StanceChange:
    return StanceChange.objects.create(
        incident_id=stakeholder.incident_id,
        stakeholder=stakeholder,
        stance=stakeholder.stance,
        influence=stakeholder.influence,
        note=note[:300],
        via=via,
    )


@transaction.atomic
def stance_record(
    *, stakeholder: Stakeholder, stance: str, influence: int | None, via: str, note: str = ""
) -> StanceChange | None:
    """Where a key person stands now, recorded after a conversation or at a review: updates the
    stakeholder and keeps the reading. Nothing is written if neither stance nor influence changed.
    The caller ends its own write with case_changed (the conversation or review it belongs to)."""
    if stance == stakeholder.stance and influence == stakeholder.influence:
        return None
    stakeholder.stance, stakeholder.influence = stance, influence
    # Both are fields of the edit form too: a tab opened before this must see a conflict.
    Stakeholder.objects.filter(pk=stakeholder.pk).update(
        stance=stance, influence=influence, version=F("version") + 1
    )
    stakeholder.version += 1
    _event(stakeholder.incident, EventKind.STANCE, subject=stakeholder.name)
    return _stance_reading(stakeholder, via=via, note=note)


# A stakeholder's relation, seen as a network relationship.
_RELATION_TO_RELATIONSHIP = {
    Relation.MANAGER: Relationship.MANAGER,
    Relation.COLLEAGUE: Relationship.COLLEAGUE,
    Relation.CLIENT: Relationship.CLIENT,
    Relation.MENTOR: Relationship.MENTOR,
    Relation.HR: Relationship.COLLEAGUE,
}


@transaction.atomic
def stakeholder_create_contact(*, stakeholder: Stakeholder) -> Contact:
    """Add the stakeholder to the owner's network (or return the contact already linked)."""
    if stakeholder.contact_id:
        return stakeholder.contact
    contact = Contact.objects.create(
        owner=stakeholder.incident.owner,
        name=stakeholder.name,
        relationship=_RELATION_TO_RELATIONSHIP.get(stakeholder.relation, Relationship.PEER),
        importance=stakeholder.influence or 3,
        notes=stakeholder.what_they_said,
        added_on=timezone.localdate(timezone=stakeholder.incident.owner.zone),
    )
    stakeholder.contact = contact
    # The link is a field of the edit form too: a tab opened before it must not unlink them.
    Stakeholder.objects.filter(pk=stakeholder.pk).update(contact=contact, version=F("version") + 1)
    return contact


@transaction.atomic
def stakeholder_delete(*, stakeholder: Stakeholder) -> None:
    incident = stakeholder.incident
    stakeholder.delete()
    case_changed(incident)


def assessment_for(incident: Incident) -> Assessment:
    try:
        return incident.assessment
    except Assessment.DoesNotExist:
        return Assessment(incident=incident)


@transaction.atomic
def assessment_save(*, assessment: Assessment, expected_version: int) -> Assessment:
    """Save the assessment with its derived risk level, refusing a stale form (optimistic lock)."""
    assessment.risk_level = rules.risk_level(assessment)
    if assessment.pk is None:
        assessment.save()
    else:
        fields = {
            field.name: getattr(assessment, field.name)
            for field in Assessment._meta.concrete_fields
            if field.name not in ("id", "incident", "version", "updated_at")
        }
        updated = Assessment.objects.filter(pk=assessment.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **fields
        )
        if not updated:
            raise EditConflict(Assessment.objects.get(pk=assessment.pk))
    _event(assessment.incident, EventKind.ASSESSED)
    case_changed(assessment.incident)
    return Assessment.objects.get(pk=assessment.pk)


@transaction.atomic
def conversation_save(
    *,
    incident: Incident,
    conversation: Conversation,
    expected_version: int | None = None,
    fields: tuple[str, ...] = CONVERSATION_PLAN_FIELDS + CONVERSATION_RECORD_FIELDS,
    stance: dict | None = None,
) -> Conversation:
    """Plan a conversation, or save its plan or its outcome (`fields`, by default both) unless it
    changed since `expected_version`. With `stance` (stance, influence, note), recording the outcome
    also keeps where the person stands after it, in the same transaction (stance_record)."""
    created = conversation.pk is None
    was_held = not created and Conversation.objects.filter(pk=conversation.pk, held_at__isnull=False).exists()
    conversation.incident = incident
    if created:
        conversation.save()
    else:
        save_versioned(conversation, expected_version=expected_version, fields=fields)
    name = conversation.stakeholder.name if conversation.stakeholder else ""
    if created and conversation.planned_for:
        _event(incident, EventKind.PLANNED, subject=name)
    if conversation.is_held and not was_held:
        _event(incident, EventKind.HELD, subject=name, text=conversation.outcome_notes)
    if stance is not None and conversation.stakeholder:
        stance_record(stakeholder=conversation.stakeholder, via=StanceVia.CONVERSATION, **stance)
    case_changed(incident)
    return conversation


@transaction.atomic
def conversation_delete(*, conversation: Conversation) -> None:
    incident = conversation.incident
    conversation.delete()
    case_changed(incident)


def _next_position(incident: Incident) -> int:
    """The position after the last step. The incident's row is locked first (until the transaction
    ends, as case_changed locks it), so two steps added at once queue here and get different
    positions instead of both reading the same maximum."""
    lock_cases(Incident.objects.filter(pk=incident.pk))
    return (incident.steps.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def step_save(*, incident: Incident, step: ActionStep, expected_version: int | None = None) -> ActionStep:
    """Add a step, or save an edit of one unless it changed since `expected_version`."""
    created = step.pk is None
    step.incident = incident
    if created:
        step.position = _next_position(incident)
    step.done_at = (step.done_at or timezone.now()) if step.status == StepStatus.DONE else None
    _step_clear_stale(step)
    was_dropped = not created and ActionStep.objects.filter(pk=step.pk, status=StepStatus.DROPPED).exists()
    if created:
        step.save()
    else:
        save_versioned(step, expected_version=expected_version, fields=STEP_FIELDS + STEP_CHECK_FIELDS)
    if created:
        _event(incident, EventKind.STEP_ADDED, subject=step.title)
    if step.status == StepStatus.DROPPED and not was_dropped:
        _event(incident, EventKind.STEP_DROPPED, subject=step.title, text=step.drop_reason)
    case_changed(incident)
    return step


def _step_clear_stale(step: ActionStep) -> None:
    """An answer to "did it work?" belongs to the step being done, a reason to its being dropped:
    a step reopened (or done again after being dropped) loses what no longer fits it."""
    if step.status != StepStatus.DONE:
        step.check_result, step.check_note, step.checked_at = "", "", None
    if step.status != StepStatus.DROPPED:
        step.drop_reason = ""


@transaction.atomic
def step_set_status(*, step: ActionStep, status: str) -> Incident:
    """Tick a step (or set another status); returns the case as the change left it, to show."""
    if step.status == status:
        return step.incident
    step.status = status
    step.done_at = timezone.now() if status == StepStatus.DONE else None
    _step_clear_stale(step)
    # The status is in the edit form too: an edit opened before the tick must not untick it.
    ActionStep.objects.filter(pk=step.pk).update(
        status=status,
        done_at=step.done_at,
        **{name: getattr(step, name) for name in STEP_CHECK_FIELDS},
        version=F("version") + 1,
    )
    step.version += 1
    if status == StepStatus.DONE:
        _event(step.incident, EventKind.STEP_DONE, subject=step.title)
    return case_changed(step.incident, words_changed=False)


# A second identical answer to "did it work?" within this time is the same answer posted twice.
STEP_CHECK_REPEAT = timedelta(minutes=5)


@transaction.atomic
def step_check(*, step: ActionStep, result: str, note: str = "") -> Incident:
    """The answer to "did it work?" for a done step, or a later one ("did it work now?"): kept on
    the step, with a timeline line. A "not yet" quick win comes back on Today a week later
    (rules.follow_up_due). Returns the case as the change left it."""
    if step.status != StepStatus.DONE or result not in StepCheck.values:
        raise ValueError("only a done step is checked, with one of StepCheck")
    note = note.strip()[:300]
    if (
        (step.check_result, step.check_note) == (result, note)
        and step.checked_at
        and timezone.now() - step.checked_at < STEP_CHECK_REPEAT
    ):
        # The same answer posted again straight away (a double click, a retry): the step and the
        # timeline keep the first. The same answer days later ("still not yet") is recorded anew.
        return step.incident
    step.check_result, step.check_note, step.checked_at = result, note, timezone.now()
    # Bumped as a tick bumps it: an edit form opened before must not put back the old answer.
    ActionStep.objects.filter(pk=step.pk).update(
        check_result=step.check_result,
        check_note=step.check_note,
        checked_at=step.checked_at,
        version=F("version") + 1,
    )
    step.version += 1
    _event(step.incident, EventKind.STEP_CHECKED, subject=step.title, text=step.check_note)
    return case_changed(step.incident, words_changed=False)


@transaction.atomic
def step_drop(*, step: ActionStep, reason: str) -> Incident:
    """Drop a step, saying why (the follow-through tells a dropped step from a forgotten one)."""
    reason = reason.strip()[:300]
    if not reason:
        raise ValueError("a step is dropped with a reason")
    if step.status == StepStatus.DROPPED and step.drop_reason == reason:
        return step.incident  # the same drop posted again (a double click): one line on the timeline
    step.status, step.done_at, step.drop_reason = StepStatus.DROPPED, None, reason
    _step_clear_stale(step)
    ActionStep.objects.filter(pk=step.pk).update(
        status=step.status,
        done_at=None,
        **{name: getattr(step, name) for name in STEP_CHECK_FIELDS},
        version=F("version") + 1,
    )
    step.version += 1
    _event(step.incident, EventKind.STEP_DROPPED, subject=step.title, text=reason)
    return case_changed(step.incident, words_changed=False)


@transaction.atomic
def prevention_step_copy(*, incident: Incident, source: ActionStep) -> ActionStep:
    """An earlier case's prevention step, copied into this plan (learning across cases): same title
    and detail, kind prevention, a fresh status. The caller found `source` among the owner's own
    steps (selectors.earlier_prevention_step)."""
    step = ActionStep(title=source.title, detail=source.detail, kind=StepKind.PREVENTION)
    return step_save(incident=incident, step=step)


@transaction.atomic
def proposed_step_join_plan(*, step: ActionStep) -> ActionStep:
    """A coach's proposed step joins the plan, at its end (coaching.services.step_proposal_accept)."""
    step.proposal_state = ProposalState.ACCEPTED
    step.position = _next_position(step.incident)
    step.save(update_fields=["proposal_state", "position"])
    _event(step.incident, EventKind.STEP_ADDED, subject=step.title)
    case_changed(step.incident)
    return step


@transaction.atomic
def step_move(*, step: ActionStep, direction: int) -> None:
    """Swap the step with its neighbour above (-1) or below (+1) in the plan."""
    siblings = list(step.incident.steps.order_by("position", "created_at"))
    index = next(i for i, s in enumerate(siblings) if s.pk == step.pk)
    target = index + direction
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            ActionStep.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def step_delete(*, step: ActionStep) -> None:
    incident = step.incident
    step.delete()
    case_changed(incident)


@transaction.atomic
def playbook_step_add(*, incident: Incident, suggestion: PlaybookStep, today) -> ActionStep:
    """Add a playbook suggestion to the plan, in the person's current language, due relative to today,
    and never before the setback happened (its date can be ahead of "today" for a person who moved to
    a time zone behind the one they logged it in)."""
    step = ActionStep(
        title=str(suggestion.title),
        kind=suggestion.kind,
        due_on=max(today + timedelta(days=suggestion.due_in_days), incident.occurred_on),
    )
    return step_save(incident=incident, step=step)


@transaction.atomic
def reflection_save(*, incident: Incident, reflection: Reflection, expected_version: int = 0) -> Incident:
    """Save the closing reflection unless it changed since `expected_version`; 0 means the form was
    opened before there was one, so a reflection saved meanwhile in another tab is a conflict."""
    reflection.incident = incident
    reflection.is_final = True
    reflection.written_at = timezone.now()
    if reflection.pk is None:
        reflection.save()
    else:
        save_versioned(reflection, expected_version=expected_version, fields=REFLECTION_FIELDS)
    return case_changed(incident)


@transaction.atomic
def incident_reopen(*, incident: Incident) -> Incident:
    """Reopen a closed incident: the reflection becomes a draft again, so Resolve is open."""
    Reflection.objects.filter(incident=incident).update(is_final=False)
    Incident.objects.filter(pk=incident.pk).update(closed_at=None, resolution_days=None, stage=Stage.RESOLVE)
    _event(incident, EventKind.REOPENED)
    return case_changed(incident)


@transaction.atomic
def timeline_note_add(*, incident: Incident, text: str, at=None) -> TimelineEvent:
    """A note of the person's own on the timeline, dated `at` when it happened earlier (the form
    refuses a moment ahead); written now either way, so the history says when it was written."""
    now = timezone.now()
    event = TimelineEvent.objects.create(
        incident=incident, kind=EventKind.NOTE, text=text, at=at or now, written_at=now
    )
    case_changed(incident)
    return event


def _to_the_minute(moment):
    return moment.replace(second=0, microsecond=0)


# What a note's edit writes; the other timeline rows (system events) are never edited.
NOTE_FIELDS = ("at", "text", "edited_at")


@transaction.atomic
def timeline_note_edit(*, event: TimelineEvent, text: str, at, expected_version: int) -> TimelineEvent:
    """Change a note's text or date unless it changed since `expected_version`. The database keeps
    the version before (NoteVersion, a pghistory trigger), so the note shows what it said."""
    if event.kind != EventKind.NOTE:
        raise ValueError("only notes are edited; system events stay as they were written")
    stored = TimelineEvent.objects.values("text", "at").get(pk=event.pk)
    # The form shows the date to the minute: an untouched date keeps its seconds.
    if _to_the_minute(at) == _to_the_minute(stored["at"]):
        at = stored["at"]
    if (text, at) == (stored["text"], stored["at"]):
        return event  # nothing changed: no "edited", no new version
    event.text, event.at, event.edited_at = text, at, timezone.now()
    save_versioned(event, expected_version=expected_version, fields=NOTE_FIELDS)
    case_changed(event.incident)
    return event


def incident_trash(*, incident: Incident) -> None:
    Incident.objects.filter(pk=incident.pk).update(deleted_at=timezone.now())


def incident_restore(*, incident: Incident) -> None:
    Incident.objects.filter(pk=incident.pk).update(deleted_at=None)


def trash_purge(*, now=None) -> int:
    """Delete for good what has been in the trash longer than TRASH_DAYS. Returns how many incidents."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    expired = Incident.objects.filter(deleted_at__lt=cutoff)
    count = expired.count()
    expired.delete()
    return count


# --- reviews after the close (crisis_coach/incidents/reviews.py schedules and reads them) ---------

REVIEW_ANSWER_FIELDS = ("happened_again", "control_now", "notes", "status", "answered_at")
# "Anything still to do?" joins the plan as a step due in a week.
REVIEW_STEP_DUE_DAYS = 7


def _review_summary(review: CaseReview, *, changed: list[Stakeholder], step: ActionStep | None) -> str:
    """The review's answers in a few lines, for its timeline line (in the language of the person
    who answered, like every text they write)."""
    lines = [
        label_value(_("Happened again"), review.get_happened_again_display()),
        label_value(_("In control now"), f"{review.control_now}/10"),
    ]
    lines += [label_value(person.name, person.get_stance_display()) for person in changed]
    if step is not None:
        lines.append(label_value(_("Still to do"), step.title))
    if review.notes.strip():
        lines.append(review.notes.strip())
    return "\n".join(lines)


@transaction.atomic
def review_answer(
    *,
    review: CaseReview,
    expected_version: int,
    stances: dict[Stakeholder, tuple[str, int | None]],
    still_to_do: str = "",
    today,
) -> Incident:
    """Answer a review (or correct an answer) unless it changed since `expected_version`; the view
    has checked it may be answered (reviews.review_answerable, or it was answered before).

    Each key person whose stance or influence changed gets a reading (stance_record); "anything
    still to do" becomes a step of the plan, which reopens it, so the case leaves Closed through
    case_changed. One timeline line sums the answers up. Returns the case as the change left it."""
    incident = review.incident
    first_answer = review.status != ReviewStatus.ANSWERED
    review.status = ReviewStatus.ANSWERED
    review.answered_at = review.answered_at if not first_answer else timezone.now()
    save_versioned(review, expected_version=expected_version, fields=REVIEW_ANSWER_FIELDS)
    changed = []
    for person, (stance, influence) in stances.items():
        if stance_record(stakeholder=person, stance=stance, influence=influence, via=StanceVia.REVIEW):
            changed.append(person)
    step = None
    if still_to_do.strip() and review.step_id is None:
        step = ActionStep(
            title=still_to_do.strip()[:200],
            kind=StepKind.REMEDY,
            due_on=today + timedelta(days=REVIEW_STEP_DUE_DAYS),
        )
    _event(
        incident,
        EventKind.REVIEW,
        subject=str(review.offset_days),
        text=_review_summary(review, changed=changed, step=step),
    )
    if step is None:
        return case_changed(incident)
    step_save(incident=incident, step=step)  # ends with case_changed: the plan is open again
    CaseReview.objects.filter(pk=review.pk).update(step=step)
    review.step = step
    return case_queryset().get(pk=incident.pk)


@transaction.atomic
def review_skip(*, review: CaseReview, expected_version: int) -> Incident:
    """Skip a review still waiting, unless it changed since `expected_version` (answered or
    skipped in another tab). It stays in the story as skipped."""
    updated = CaseReview.objects.filter(
        pk=review.pk, version=expected_version, status=ReviewStatus.SCHEDULED
    ).update(status=ReviewStatus.SKIPPED, answered_at=timezone.now(), version=F("version") + 1)
    if not updated:
        raise EditConflict(CaseReview.objects.get(pk=review.pk))
    review.status = ReviewStatus.SKIPPED
    review.version = expected_version + 1
    _event(review.incident, EventKind.REVIEW, subject=str(review.offset_days), text=_("Skipped."))
    return case_changed(review.incident)
