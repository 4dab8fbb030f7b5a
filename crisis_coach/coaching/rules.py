"""Which sections of a case its coach may see: the one place that says so.

A shared case always shows the coach its plan (what happened, the stakeholders, the assessment, the
conversations, the steps and the timeline). Beyond it, the client chooses each section on the
sharing switch: the reflection, the evidence log, the thought records, the check-ins during the
case (Incident.share_*, all off by default). Every coach-facing page asks `coach_may_see`; the
stored search columns hold a section's words only while it is shared (incidents/case_summary.py,
which reads the same Incident.share_* fields, since incidents may not import coaching).

These rules read the case alone: whether the coach is linked and the case shared with them is the
selectors' job (selectors.shared_case_for_coach), done before any of this is asked.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.punctuation import attributes_joined

PLAN = "plan"
REFLECTION = "reflection"
EVIDENCE = "evidence"
THOUGHTS = "thoughts"
CHECK_INS = "check_ins"

# The sections the client chooses, in the order the switch lists them, with the field that stores each.
CHOSEN_SECTIONS = {
    REFLECTION: "share_reflection",
    EVIDENCE: "share_evidence",
    THOUGHTS: "share_thoughts",
    CHECK_INS: "share_check_ins",
}
SECTION_LABELS = {
    PLAN: _("the plan"),
    REFLECTION: _("the reflection"),
    EVIDENCE: _("the evidence log"),
    THOUGHTS: _("the thought records"),
    CHECK_INS: _("the check-ins"),
}


def visible_sections(incident) -> frozenset[str]:
    """What the coach sees of this case: nothing unless it is shared; the plan, and each section the
    client chose, when it is."""
    if not incident.shared_with_coach:
        return frozenset()
    return frozenset({PLAN} | {name for name, field in CHOSEN_SECTIONS.items() if getattr(incident, field)})


def coach_may_see(incident, section: str) -> bool:
    return section in visible_sections(incident)


def section_q(section: str) -> Q:
    """Cases whose coach may see `section` (the caller has already bounded them to shared cases)."""
    return Q() if section == PLAN else Q(**{CHOSEN_SECTIONS[section]: True})


def share_fields(sections) -> dict[str, bool]:
    """The Incident.share_* values for this choice of sections (the plan needs no field)."""
    chosen = set(sections)
    return {field: name in chosen for name, field in CHOSEN_SECTIONS.items()}


def unshared_fields() -> dict[str, bool]:
    """The values of a case that is not shared: no section chosen, so sharing it again starts from
    the plan only, and a choice made for one coach never passes to the next."""
    return share_fields(())


def section_labels(incident) -> list[str]:
    """The visible sections, in the switch's order, as the client and the coach read them."""
    visible = visible_sections(incident)
    return [str(label) for name, label in SECTION_LABELS.items() if name in visible]


def sections_text(incident) -> str:
    """ "the plan, the evidence log": what the coach sees, for a sentence (the switch, the review)."""
    return attributes_joined(section_labels(incident))
