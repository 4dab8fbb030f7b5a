"""The printable report of one incident, everything in it, as HTML (print stylesheet) or Markdown:
the owner's "setback report", a coach's "case report".

Who may read it: the owner, and a coach the case is shared with, through coaching's consent-scoped
helper (which also logs the view for the client to see). Everyone else gets a 404. A coach reads
the plan, and the reflection only when the client shares it (coaching/rules.py). A coach's
private notes appear only for that coach, and only when they ask (include_notes=1).
"""

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crisis_coach.coaching import rules as sharing
from crisis_coach.coaching import selectors as coaching
from crisis_coach.common.punctuation import attributes_joined, label_value
from crisis_coach.incidents.models import (
    PRINCIPLE_FIELDS,
    Assessment,
    Conversation,
    Incident,
    Reflection,
    ReviewStatus,
)
from crisis_coach.incidents.reviews import review_title
from crisis_coach.incidents.rules import plan_steps
from crisis_coach.incidents.selectors import case_queryset
from crisis_coach.insights.selectors import report_events, report_reviews


def case_for_report(viewer, public_id) -> tuple[Incident, bool]:
    """(incident, read_as_coach). The owner reads their live setback; a coach, a case shared with them
    (the view records the coach's access once it shows the case: not while two-factor is off)."""
    incident = case_queryset().alive().filter(owner=viewer, public_id=public_id).first()
    if incident is not None:
        incident.owner = viewer  # spares a query: the owner is the viewer
        return incident, False
    if not viewer.is_coach:
        raise Http404
    incident = coaching.shared_case_for_coach(viewer, public_id)  # 404 without consent
    return incident, True


def _one(incident: Incident, model, name: str):
    try:
        return getattr(incident, name)
    except model.DoesNotExist:
        return None


def report_context(viewer, public_id, *, include_notes=None) -> dict:
    incident, as_coach = case_for_report(viewer, public_id)
    with_notes = as_coach and include_notes == "1"  # only ever the coach's own notes, only on request
    conversations = list(incident.conversations.all())
    reviews = list(report_reviews(incident))
    for review in reviews:
        review.title = review_title(review.offset_days)
    for conversation in conversations:
        conversation.principles = [
            (str(Conversation._meta.get_field(name).verbose_name), getattr(conversation, name))
            for name in PRINCIPLE_FIELDS
        ]
    # A coach reads the plan and only the sections the client shares beyond it (coaching/rules.py).
    show_reflection = not as_coach or sharing.coach_may_see(incident, sharing.REFLECTION)
    return {
        "incident": incident,
        "as_coach": as_coach,
        "show_reflection": show_reflection,
        "include_notes": with_notes,
        "assessment": _one(incident, Assessment, "assessment"),
        "stakeholders": list(incident.stakeholders.all()),
        "conversations": conversations,
        "steps": plan_steps(incident),
        "reflection": _one(incident, Reflection, "reflection") if show_reflection else None,
        "events": list(report_events(incident)),
        # The reviews after the close that were answered or skipped (those still waiting say nothing yet).
        "reviews": reviews,
        "comments": list(coaching.case_comments(incident)),
        "notes": list(coaching.notes_for_case(viewer, incident)) if with_notes else [],
        "generated_at": timezone.now(),
    }


def file_name(incident: Incident) -> str:
    slug = slugify(incident.title)[:60] or "case"
    return f"case-report-{slug}.md"


def _date(value, fmt: str = "DATE_FORMAT") -> str:
    if value is None:
        return "—"
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return date_format(value, fmt)


def _field(lines: list[str], label: str, value) -> None:
    if value not in (None, ""):
        lines.append(f"- {label_value(f'**{label}**', value)}")


def _block(lines: list[str], label: str, text: str) -> None:
    if text and text.strip():
        lines += [f"**{label}**", "", text.strip(), ""]


def _said(comment) -> str:
    when = _date(comment.created_at, "DATETIME_FORMAT")
    return f"- {when} — {label_value(comment.author, comment.body)}"


def as_markdown(context: dict) -> str:
    """The report as a Markdown document, headings in the reader's language."""
    incident: Incident = context["incident"]
    out = [f"# {incident.title}", ""]
    _field(out, _("Kind of crisis"), incident.get_crisis_type_display())
    _field(out, _("Happened on"), _date(incident.occurred_on))
    _field(out, _("Stage"), incident.get_stage_display())
    _field(out, _("Severity"), f"{incident.severity}/5")
    if incident.control_at_start:
        _field(out, _("In control at the start"), f"{incident.control_at_start}/10")
    if incident.resolution_days is not None:
        _field(out, _("Days to resolution"), incident.resolution_days)
    out += ["", incident.what_happened.strip(), ""]

    out += [f"## {_('Assessment')}", ""]
    assessment = context["assessment"]
    if assessment is None:
        out += [_("Not assessed yet."), ""]
    else:
        for name in ("harm_reputation", "harm_relationship", "harm_business", "harm_career"):
            value = getattr(assessment, name)
            _field(
                out, str(Assessment._meta.get_field(name).verbose_name).capitalize(), value and f"{value}/5"
            )
        _field(out, _("Can it be undone?"), assessment.get_reversibility_display())
        _field(out, _("How urgent"), assessment.get_urgency_display())
        _field(out, _("Risk"), assessment.get_risk_level_display())
        _field(out, _("Root cause"), assessment.get_root_cause_category_display())
        _field(out, _("Looking at it calmly"), assessment.get_situation_display())
        out.append("")
        _block(out, _("Why it happened"), assessment.root_cause)
        _block(out, _("What would have prevented it"), assessment.prevention)

    out += [f"## {_('Stakeholders')}", ""]
    for person in context["stakeholders"]:
        influence = f"{person.influence}/5" if person.influence else "—"
        about = [person.get_relation_display(), f"{_('influence')} {influence}", person.get_stance_display()]
        out.append(f"- **{person.name}** — {attributes_joined(about)}")
        if person.what_they_said.strip():
            out.append(f"  > {person.what_they_said.strip()}".replace("\n", "\n  > "))
    if not context["stakeholders"]:
        out.append(_("Nobody named yet."))
    out.append("")

    out += [f"## {_('Conversations')}", ""]
    for conversation in context["conversations"]:
        who = conversation.stakeholder.name if conversation.stakeholder else _("someone")
        out += [f"### {_('With %(name)s') % {'name': who}}", ""]
        _field(
            out,
            _("Planned for"),
            conversation.planned_for and _date(conversation.planned_for, "DATETIME_FORMAT"),
        )
        _field(out, _("Held on"), conversation.held_at and _date(conversation.held_at, "DATETIME_FORMAT"))
        _field(out, _("Outcome"), conversation.get_outcome_display())
        out.append("")
        _block(out, _("What you acknowledge"), conversation.acknowledge)
        _block(out, _("What caused it"), conversation.cause)
        _block(out, _("How you will make amends"), conversation.amends)
        _block(out, _("The chance you ask for"), conversation.ask)
        for label, checked in conversation.principles:
            out.append(f"- [{'x' if checked else ' '}] {label}")
        out.append("")
        _block(out, _("How it went"), conversation.outcome_notes)
    if not context["conversations"]:
        out += [_("No conversation planned yet."), ""]

    out += [f"## {_('Plan')}", ""]
    for step in context["steps"]:
        due = f" · {_('due')} {_date(step.due_on)}" if step.due_on else ""
        mark = "x" if step.status == "done" else " "
        about = attributes_joined([step.get_kind_display(), step.get_status_display()])
        out.append(f"- [{mark}] **{step.title}** — {about}{due}")
        if step.detail.strip():
            out.append(f"  {step.detail.strip()}".replace("\n", "\n  "))
    if not context["steps"]:
        out.append(_("No steps yet."))
    out.append("")

    reflection = context["reflection"]
    if context["show_reflection"]:
        out += [f"## {_('Reflection')}", ""]
    if not context["show_reflection"]:
        pass  # a coach the client does not share it with: no heading either
    elif reflection is None:
        out += [_("Not written yet."), ""]
    else:
        if not reflection.is_final:
            out += [f"_{_('Draft: the setback was reopened.')}_", ""]
        _block(out, _("Strengths you found"), reflection.strengths)
        _block(out, _("Lessons learned"), reflection.lessons)
        _block(out, _("Your next career step"), reflection.next_step)
        _field(out, _("In control at the close"), f"{reflection.control_at_close}/10")
        out.append("")

    if context["reviews"]:
        out += [f"## {_('Reviews after the close')}", ""]
        for review in context["reviews"]:
            out += [f"### {review.title}", ""]
            if review.status == ReviewStatus.SKIPPED:
                out += [_("Skipped."), ""]
                continue
            _field(out, _("Happened again"), review.get_happened_again_display())
            _field(out, _("How in control you felt"), f"{review.control_now}/10")
            _field(out, _("Still to do"), review.step.title if review.step else "")
            out.append("")
            _block(out, _("Notes"), review.notes)

    if context["comments"]:
        out += [f"## {_('Coach comments')}", ""]
        for comment in context["comments"]:
            out.append(_said(comment))
            out += [f"  {_said(reply)}" for reply in comment.replies.all()]
        out.append("")
    if context["notes"]:
        out += [f"## {_('Private coach notes')}", ""]
        for note in context["notes"]:
            out.append(f"- {label_value(_date(note.created_at, 'DATETIME_FORMAT'), note.body)}")
        out.append("")

    out += [f"## {_('Timeline')}", ""]
    for event in context["events"]:
        text = f" — {event.text.strip()}" if event.text.strip() else ""
        out.append(f"- {label_value(_date(event.at, 'DATETIME_FORMAT'), event.message)}{text}")
    out += [
        "",
        "---",
        _("Generated by Crisis Coach on %(date)s") % {"date": _date(context["generated_at"])},
        "",
    ]
    return "\n".join(out)
