"""The export document's records, field by field (docs/export-schema.md describes the same thing).

One table drives both directions: export.py writes these fields of each row, and the importer
validates each incoming JSON object against the same fields with Django form fields: the JSON
type first (a string is not a number, an object is not text), then the field's own rules
(valid choice, number in range, real date). Ids in the file are only used to link records inside
the same file; the database never sees them.
"""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from crisis_coach import limits
from crisis_coach.accounts.countries import country_codes
from crisis_coach.accounts.models import Theme, time_zone_choices
from crisis_coach.common.addressing import AddressAs
from crisis_coach.common.forms import TextLengthValidator, within_calendar
from crisis_coach.incidents import models as incidents
from crisis_coach.network import models as network
from crisis_coach.network import rules as network_rules
from crisis_coach.reminders.models import Frequency
from crisis_coach.wellbeing.models import ThinkingTrap

FORMAT = "crisis-coach-export"
# 2 added user.discreet_mode; 3 the second wave's rows (evidence, stance changes, step checks,
# reviews, cadences, snoozes); 4 the coach practice (sessions, nudges, playbooks, the digest settings,
# a case's sharing by section, a step's playbook mark: portability/coaching.py); 5 user.address_as;
# 6 user.theme.
VERSION = 6
# Every version the importer reads: a version-1 file has no discreet_mode and imports with it on.
READABLE_VERSIONS = (1, 2, 3, 4, 5, 6)
MAX_BYTES = limits.IMPORT_FILE_MAX  # see crisis_coach/limits.py: room for what the field maxima allow
MAX_INT = 2**31 - 1


def json_value(value):
    """A field's value as the file holds it: moments in UTC, days and times in ISO 8601."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def text(max_length=None, *, required=False):
    """A short text of `max_length`, or a long one (a textarea in the app) of the forms' own maximum,
    counted as the forms count it, so that whatever a form accepted imports again."""
    # strip=False: what you wrote comes back exactly, spaces and newlines included.
    if max_length is None:
        field = forms.CharField(required=required, strip=False)
        field.validators.append(TextLengthValidator(limits.LONG_TEXT_MAX))
        return field
    return forms.CharField(max_length=max_length, required=required, strip=False)


def choice(choices, *, required=True):
    return forms.ChoiceField(choices=choices, required=required)


def number(low, high, *, required=True):
    return forms.IntegerField(min_value=low, max_value=high, required=required)


def day(*, required=True):
    return forms.DateField(required=required, input_formats=["%Y-%m-%d"])


def moment(*, required=True):
    # ISO 8601 with offset, as export writes it; a day inside the calendar, as the forms take it.
    return forms.DateTimeField(required=required, validators=[within_calendar])


def flag():
    return forms.BooleanField(required=False)


class OnUnlessFalse(forms.NullBooleanField):
    """A boolean that is true unless the file says false: files made before the setting existed
    leave it out, and mean its default (discreet mode is on for everyone who has not turned it off)."""

    def clean(self, value):
        cleaned = super().clean(value)
        return True if cleaned is None else cleaned


def ref():
    return forms.UUIDField(required=False)


def link():
    return forms.URLField(required=False, max_length=200, assume_scheme="https")


USER = {
    "display_name": lambda: text(80, required=True),
    "language": lambda: choice(settings.LANGUAGES),
    "time_zone": lambda: choice(time_zone_choices),
    "discreet_mode": lambda: OnUnlessFalse(required=False),
    # How the Arabic pages address the person (since 5; an older file's person: without choosing).
    "address_as": lambda: forms.TypedChoiceField(
        choices=AddressAs.choices, required=False, empty_value=AddressAs.NEUTRAL
    ),
    # Light, dark or the device's (since 6; an older file's person: the device's, the default).
    "theme": lambda: forms.TypedChoiceField(choices=Theme.choices, required=False, empty_value=Theme.AUTO),
    # ISO 3166 code or "" (since 3; an older file's person has none, as before they choose).
    "country": lambda: choice([("", ""), *((code, code) for code in country_codes())], required=False),
}
# The weekly digest's settings since 4 (absent: on, Mondays, from 08:00, the defaults).
COACH_PROFILE = {
    "bio": lambda: text(),
    "digest_enabled": lambda: OnUnlessFalse(required=False),
    "digest_weekday": lambda: number(0, 6, required=False),
    "digest_time": lambda: clock_time(required=False),
}
# Never the calendar token; checkin_reminder since 3 (absent: off, its default).
REMINDERS = {"frequency": lambda: choice(Frequency.choices), "checkin_reminder": flag}

INCIDENT = {
    "id": lambda: forms.UUIDField(),
    "title": lambda: text(160, required=True),
    "what_happened": lambda: text(required=True),
    "occurred_on": day,
    "crisis_type": lambda: choice(incidents.CrisisType.choices),
    "severity": lambda: number(1, 5),
    "control_at_start": lambda: number(1, 10, required=False),
    "stage": lambda: choice(incidents.Stage.choices),
    "shared_with_coach": flag,
    # What a shared case shows the coach beyond the plan (since 4; absent: the plan only).
    "share_reflection": flag,
    "share_evidence": flag,
    "share_thoughts": flag,
    "share_check_ins": flag,
    "created_at": lambda: moment(required=False),
    "closed_at": lambda: moment(required=False),
    "resolution_days": lambda: number(0, MAX_INT, required=False),
    "deleted_at": lambda: moment(required=False),
}
STAKEHOLDER = {
    "id": lambda: forms.UUIDField(),
    "name": lambda: text(120, required=True),
    "relation": lambda: choice(incidents.Relation.choices),
    "influence": lambda: number(1, 5, required=False),
    "stance": lambda: choice(incidents.Stance.choices),
    "what_they_said": text,
    "contact": ref,
    "created_at": lambda: moment(required=False),
}
# Each stance reading of a stakeholder, oldest first (since 3: stakeholder.stance_changes; a person
# from an older file, or with none, gets one reading from their stance, when they were added).
STANCE_CHANGE = {
    "at": moment,
    "stance": lambda: choice(incidents.Stance.choices),
    "influence": lambda: number(1, 5, required=False),
    "note": lambda: text(300),
    "via": lambda: choice(incidents.StanceVia.choices),
}
ASSESSMENT = {
    **{name: (lambda: number(1, 5, required=False)) for name in incidents.HARM_FIELDS},
    "reversibility": lambda: choice(incidents.Reversibility.choices, required=False),
    "urgency": lambda: choice(incidents.Urgency.choices, required=False),
    "risk_level": lambda: choice(incidents.RiskLevel.choices, required=False),  # recomputed on import
    "root_cause_category": lambda: choice(incidents.RootCause.choices, required=False),
    "root_cause": text,
    "prevention": text,
    "situation": lambda: choice(incidents.Situation.choices, required=False),
}
CONVERSATION = {
    "id": lambda: forms.UUIDField(),
    "stakeholder": ref,
    "planned_for": lambda: moment(required=False),
    "acknowledge": text,
    "cause": text,
    "amends": text,
    "ask": text,
    **dict.fromkeys(incidents.PRINCIPLE_FIELDS, flag),
    "held_at": lambda: moment(required=False),
    "outcome": lambda: choice(incidents.Outcome.choices, required=False),
    "outcome_notes": text,
    "created_at": lambda: moment(required=False),
}
STEP = {
    "id": lambda: forms.UUIDField(),
    "title": lambda: text(200, required=True),
    "detail": text,
    "kind": lambda: choice(incidents.StepKind.choices),
    "due_on": lambda: day(required=False),
    "status": lambda: choice(incidents.StepStatus.choices),
    "done_at": lambda: moment(required=False),
    # "Did it work?" and why a step was dropped (since 3; an older file's steps import without them).
    "check_result": lambda: choice(incidents.StepCheck.choices, required=False),
    "check_note": lambda: text(300),
    "checked_at": lambda: moment(required=False),
    "drop_reason": lambda: text(300),
    "position": lambda: number(0, MAX_INT),
    # "" for your own steps; a coach's proposal waits outside the plan until accepted.
    "proposal_state": lambda: choice(incidents.ProposalState.choices, required=False),
    "show_result_to": ref,
    "contact": ref,
    # The coach's playbook it was added from, by name (since 4; "" for any other step).
    "from_playbook": lambda: text(120),
    "created_at": lambda: moment(required=False),
}
REFLECTION = {
    "strengths": lambda: text(required=True),
    "lessons": lambda: text(required=True),
    "next_step": lambda: text(required=True),
    "control_at_close": lambda: number(1, 10),
    "written_at": moment,
    "is_final": flag,
}
EVENT = {
    "at": moment,
    "kind": lambda: choice(incidents.EventKind.choices),
    "subject": lambda: text(200),
    "text": text,
    # When it was written and last edited (since 3; before, a row was written when it happened).
    "written_at": lambda: moment(required=False),
    "edited_at": lambda: moment(required=False),
}
# A note's saved versions, oldest first (since 3: timeline[].versions, notes only; a note from an
# older file starts its history with the version it has).
NOTE_VERSION = {
    "at": moment,
    "text": text,
    "written_at": moment,
    "edited_at": lambda: moment(required=False),
}
# A closed case's reviews after the close (since 3; a closed case from an older file gets its
# reviews scheduled on import, from the day it closed).
REVIEW = {
    "offset_days": lambda: number(1, 366),
    "due_on": day,
    "status": lambda: choice(incidents.ReviewStatus.choices),
    "happened_again": lambda: choice(incidents.HappenedAgain.choices, required=False),
    "control_now": lambda: number(1, 10, required=False),
    "notes": text,
    "step": ref,  # the step "anything still to do" became, one of the case's steps
    "answered_at": lambda: moment(required=False),
    "created_at": lambda: moment(required=False),
}
# A case's evidence log (since 3; absent before): each entry with its versions, oldest first, so the
# history survives an import (portability/evidence.py reads and writes them, who was present too).
EVIDENCE = {
    "id": lambda: forms.UUIDField(),
    "happened_on": day,
    "happened_at": lambda: clock_time(required=False),
    "what_happened": lambda: text(required=True),
    "proof": text,
    "concerns": ref,
    "present_names": text,
    "written_at": moment,
    "edited_at": lambda: moment(required=False),
    "deleted_at": lambda: moment(required=False),
}
EVIDENCE_VERSION = {name: make for name, make in EVIDENCE.items() if name not in ("id", "deleted_at")}


# A case's thought records (since 3; absent before): the person's own, never shown to a coach; nothing
# refers to them, so no id (portability/thoughts.py reads and writes them).
THOUGHT_RECORD = {
    "situation": lambda: text(required=True),
    "thought": lambda: text(required=True),
    "emotion": lambda: text(120, required=True),
    "intensity_before": lambda: number(0, 100),
    "traps": lambda: forms.MultipleChoiceField(choices=ThinkingTrap.choices, required=False),
    "evidence_for": text,
    "evidence_against": text,
    "balanced_thought": text,
    "intensity_after": lambda: number(0, 100, required=False),
    "created_at": lambda: moment(required=False),
}


def clock_time(*, required=True):
    return forms.TimeField(required=required, input_formats=["%H:%M:%S", "%H:%M"])


CONTACT = {
    "id": lambda: forms.UUIDField(),
    "name": lambda: text(120, required=True),
    "organisation": lambda: text(120),
    "role": lambda: text(120),
    "relationship": lambda: choice(network.Relationship.choices),
    "importance": lambda: number(1, 5),
    "how_met": lambda: text(200),
    "cadence_days": lambda: number(1, network_rules.MAX_CADENCE_DAYS),
    # The latest gap (empty: none) and a snooze's end (since 3; an older file's contacts have neither).
    "latest_gap_days": lambda: number(1, network_rules.MAX_CADENCE_DAYS, required=False),
    "snoozed_until": lambda: day(required=False),
    "profile_url": link,
    "email": lambda: forms.EmailField(required=False, max_length=254),  # since 3
    "phone": lambda: text(40),  # since 3
    "notes": text,
    "last_contacted_on": lambda: day(required=False),
    "added_on": day,
    "created_at": lambda: moment(required=False),
}
# The person's keep-in-touch defaults by relationship (since 3: network.cadences, absent before).
RELATIONSHIP_CADENCE = {
    "relationship": lambda: choice(network.Relationship.choices),
    "ideal_days": lambda: number(1, network_rules.MAX_CADENCE_DAYS),
    "latest_days": lambda: number(1, network_rules.MAX_CADENCE_DAYS, required=False),
}
IMPORTANT_DATE = {
    "kind": lambda: choice(network.DateKind.choices),
    "label": lambda: text(120),
    "date": day,
    "repeats_yearly": flag,
    "congratulated_for": lambda: day(required=False),
}
INTERACTION = {
    "happened_on": day,
    "channel": lambda: choice(network.Channel.choices),
    "summary": lambda: text(300, required=True),
    "shared": text,
    "created_at": lambda: moment(required=False),
}
COMMITMENT = {
    "what": lambda: text(300, required=True),
    "due_on": day,
    "status": lambda: choice(network.CommitmentStatus.choices),
    "resolved_on": lambda: day(required=False),
    "created_at": lambda: moment(required=False),
}
COMMUNITY = {
    "name": lambda: text(150, required=True),
    "kind": lambda: choice(network.CommunityKind.choices),
    "url": link,
    "notes": text,
    "created_at": lambda: moment(required=False),
}
PARTICIPATION = {
    "happened_on": day,
    "kind": lambda: choice(network.ParticipationKind.choices),
    "notes": text,
    "created_at": lambda: moment(required=False),
}


# The person's daily check-ins, top level (since 3; absent before): portability/wellbeing.py.
CHECK_IN = {
    "day": day,
    "mood": lambda: number(1, 5),
    "control": lambda: number(1, 10),
    "sleep": lambda: number(1, 5),
    "note": text,
    "created_at": lambda: moment(required=False),
}


def _json_type(field: forms.Field) -> tuple[type, ...]:
    if isinstance(field, forms.MultipleChoiceField):  # a list of choices (a thought record's traps)
        return (list,)
    if isinstance(field, forms.BooleanField):
        return (bool,)
    if isinstance(field, forms.IntegerField):
        return (int,)
    return (str,)


def _rules(spec: dict, record: dict) -> list[tuple[str, str]]:
    """Rules across fields that the database also enforces (so a bad file never reaches it)."""
    problems = []
    if spec is INCIDENT and (record["stage"] == incidents.Stage.CLOSED) != (
        record["closed_at"] is not None and record["resolution_days"] is not None
    ):
        problems.append(
            ("stage", _("A closed setback has a close date and days to resolution; an open one has neither."))
        )
    if (
        spec is EVENT
        and record["kind"] == incidents.EventKind.STAGE
        and record["subject"] not in incidents.Stage.values
    ):
        problems.append(("subject", _("A stage event names a stage.")))
    if (
        spec is CONTACT
        and record["latest_gap_days"] is not None
        and record["latest_gap_days"] < record["cadence_days"]
    ):
        problems.append(("latest_gap_days", _("The latest gap cannot be shorter than the ideal one.")))
    if (
        spec is RELATIONSHIP_CADENCE
        and record["latest_days"] is not None
        and record["latest_days"] < record["ideal_days"]
    ):
        problems.append(("latest_days", _("The latest gap cannot be shorter than the ideal one.")))
    if spec is IMPORTANT_DATE and record["kind"] == network.DateKind.OTHER and not record["label"].strip():
        problems.append(("label", _("A date of kind “other” needs a label.")))
    if spec is COMMITMENT and (record["status"] == network.CommitmentStatus.OPEN) != (
        record["resolved_on"] is None
    ):
        problems.append(("resolved_on", _("Only a kept or broken promise has a settled date.")))
    return problems


def clean_record(spec: dict, record, path: str, problems: list[str]) -> dict | None:
    """The record's fields, converted and checked; None (and `problems` extended) if anything is wrong."""
    if not isinstance(record, dict):
        problems.append(_("%(path)s: expected an object.") % {"path": path})
        return None
    fields = {name: make() for name, make in spec.items()}
    found = []
    for name, field in fields.items():
        value = record.get(name)
        if value is None:
            continue
        expected = _json_type(field)
        if not isinstance(value, expected) or (expected == (int,) and isinstance(value, bool)):
            found.append(_("%(path)s.%(field)s: wrong type of value.") % {"path": path, "field": name})
    if found:
        problems.extend(found)
        return None
    data = {name: record.get(name) for name in fields}
    form = type("RecordForm", (forms.Form,), dict(fields))(data=data)  # the metaclass pops what it is given
    if not form.is_valid():
        problems.extend(
            f"{path}.{name}: {message}" for name, messages in form.errors.items() for message in messages
        )
        return None
    cross = _rules(spec, form.cleaned_data)
    problems.extend(f"{path}.{name}: {message}" for name, message in cross)
    return None if cross else form.cleaned_data
