from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import (
    FieldsetsMixin,
    FilterFormMixin,
    LocalDateTimeField,
    LongTextFormMixin,
    within_calendar,
)
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.incidents import rules
from crisis_coach.incidents.models import (
    HARM_FIELDS,
    ActionStep,
    Assessment,
    CaseReview,
    Conversation,
    CrisisType,
    HappenedAgain,
    Incident,
    Reflection,
    Stakeholder,
    Stance,
    StanceChange,
    StepCheck,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.incidents.playbooks import CRISIS_TYPE_HINTS
from crisis_coach.incidents.services import CONVERSATION_PLAN_FIELDS
from crisis_coach.network.models import Contact

SEVERITY_CHOICES = [
    (1, _("1 — a bump in the road")),
    (2, _("2 — uncomfortable")),
    (3, _("3 — serious")),
    (4, _("4 — threatens my role")),
    (5, _("5 — threatens my career")),
]
INFLUENCE_CHOICES = [("", _("Not rated yet"))] + [(n, str(n)) for n in range(1, 6)]
HARM_CHOICES = [
    (1, _("1 — none to speak of")),
    (2, _("2 — minor")),
    (3, _("3 — noticeable")),
    (4, _("4 — serious")),
    (5, _("5 — severe")),
]
CONTROL_CHOICES = [(n, str(n)) for n in range(1, 11)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CrisisTypeSelect(forms.RadioSelect):
    """Radio buttons that carry a one-line description of each kind of crisis (rendered by
    templates/incidents/widgets/_crisis_type_field.html)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = CRISIS_TYPE_HINTS.get(value, "")
        return option


class IncidentForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False
    crisis_type = forms.ChoiceField(
        label=_("What kind of crisis is it?"),
        choices=CrisisType.choices,
        widget=CrisisTypeSelect,
        template_name="incidents/widgets/_crisis_type_field.html",
    )
    severity = forms.TypedChoiceField(label=_("How serious is it?"), choices=SEVERITY_CHOICES, coerce=int)
    control_at_start = forms.TypedChoiceField(
        label=addressed_lazy("How in control do you feel right now?"),
        choices=[("", "—")] + CONTROL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=addressed_lazy(
            "1 = not at all, 10 = fully. Asked again when you close it, so you can see the change."
        ),
    )

    class Meta:
        model = Incident
        fields = ["title", "what_happened", "occurred_on", "crisis_type", "severity", "control_at_start"]
        widgets = {"occurred_on": DateInput(), "what_happened": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"title": _("A few words you will recognise, e.g. “Missed the Lee & Co counter-offer”.")}

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():  # the signed-in person's time zone is active
            raise forms.ValidationError(
                addressed_lazy("This date is in the future. Log a setback once it has happened.")
            )
        if (
            self.instance.pk
            and "occurred_on" in self.changed_data
            and self.instance.steps.filter(due_on__lt=occurred_on).exists()
        ):
            # Moving the setback later must not leave steps due before it happened.
            raise forms.ValidationError(
                addressed_lazy(
                    "Some steps are due before this date. Choose an earlier date, or move those steps first."
                )
            )
        return occurred_on


def _stance_note_field(label):
    """The optional "what changed it" of a stance reading (StanceChange.note)."""
    return forms.CharField(
        label=label,
        max_length=StanceChange._meta.get_field("note").max_length,
        required=False,
        help_text=_(
            "e.g. “after our talk on Tuesday”. Kept with the change, on the cockpit and in insights."
        ),
    )


class StakeholderForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False
    influence = forms.TypedChoiceField(
        label=_("Influence on your future"),
        choices=INFLUENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = little say, 5 = their decision shapes what happens to you."),
    )
    # Only on edit: a new person's stance is where they started, there is nothing it changed from.
    stance_note = _stance_note_field(_("If their stance or influence changed: what changed it?"))

    class Meta:
        model = Stakeholder
        fields = ["name", "relation", "influence", "stance", "what_they_said", "contact"]
        widgets = {"what_they_said": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        # Only your own contacts: anyone else's is "not a valid choice". The list shows names only,
        # and people keep a hundred contacts or more: fetch no more than the option needs.
        self.fields["contact"].queryset = Contact.objects.filter(owner=owner).only("id", "name")
        self.fields["contact"].help_text = _(
            "Link them to a contact, so the relationship is cared for afterwards."
        )
        if self.instance.pk is None:
            del self.fields["stance_note"]


class AssessmentForm(FieldsetsMixin, LongTextFormMixin, VersionedForm):
    # The people come first, beside the form (stage_assess.html); then the harm, then its cause.
    fieldsets = [
        (_("How much harm"), [*HARM_FIELDS, "reversibility", "urgency"]),
        (_("Why it happened"), ["root_cause_category", "root_cause", "prevention", "situation"]),
    ]

    class Meta:
        model = Assessment
        fields = [
            *HARM_FIELDS,
            "reversibility",
            "urgency",
            "root_cause_category",
            "root_cause",
            "prevention",
            "situation",
        ]
        widgets = {
            "root_cause": forms.Textarea(attrs={"rows": 3}),
            "prevention": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in HARM_FIELDS:
            field = self.fields[name]
            self.fields[name] = forms.TypedChoiceField(
                label=field.label,
                choices=[("", "—")] + HARM_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )


class ConversationPlanForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = Conversation
        fields = list(CONVERSATION_PLAN_FIELDS)  # what the edit saves, so the two never drift apart
        field_classes = {"planned_for": LocalDateTimeField}
        widgets = {
            "planned_for": DateTimeInput(),
            "acknowledge": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "amends": forms.Textarea(attrs={"rows": 2}),
            "ask": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this incident's people: a stakeholder of another incident is "not a valid choice".
        self.fields["stakeholder"].queryset = incident.stakeholders.all()
        self.fields["stakeholder"].required = True
        self.fields["planned_for"].required = True
        self.fields["planned_for"].validators.append(within_calendar)


class ConversationRecordForm(LongTextFormMixin, VersionedForm):
    # "Did their stance change?": pre-filled with where the person stands now, so leaving them as
    # they are records nothing (services.stance_record).
    # Not required: a post without it (an older page) leaves the person as they were.
    stance = forms.ChoiceField(label=_("Where do they stand now?"), choices=Stance.choices, required=False)
    influence = forms.TypedChoiceField(
        label=_("Their influence on your future now"),
        choices=INFLUENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    stance_note = _stance_note_field(_("If it changed: what changed it?"))

    class Meta:
        model = Conversation
        fields = ["held_at", "outcome", "outcome_notes"]
        field_classes = {"held_at": LocalDateTimeField}
        widgets = {"held_at": DateTimeInput(), "outcome_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.stakeholder
        if person is None:
            for name in ("stance", "influence", "stance_note"):
                del self.fields[name]
        else:
            self.fields["stance"].help_text = _(
                "As it was before this talk. Change it if the talk moved them."
            )
            self.initial.setdefault("stance", person.stance)
            self.initial.setdefault("influence", person.influence)
        self.fields["held_at"].required = True
        self.fields["held_at"].validators.append(within_calendar)
        self.fields["outcome"].required = True
        if not self.instance.held_at:
            # Pre-filled with when it was planned, unless that is still ahead (planned for tomorrow,
            # recorded today early): then now, to the minute, shown in the person's time zone. A
            # default that the form itself refuses would make the first save fail.
            now = timezone.localtime().replace(second=0, microsecond=0)
            planned = self.instance.planned_for
            self.initial["held_at"] = planned if planned and planned <= now else now

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        # A few minutes' grace for clocks that disagree; a talk held tomorrow has not been held.
        if held_at > timezone.now() + timedelta(minutes=10):
            raise forms.ValidationError(
                addressed_lazy("This is in the future. Record the conversation after it has happened.")
            )
        return held_at


class StepForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = ActionStep
        fields = ["title", "kind", "due_on", "status", "drop_reason", "detail", "show_result_to", "contact"]
        widgets = {"due_on": DateInput(), "detail": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["show_result_to"].queryset = incident.stakeholders.all()
        self.fields["contact"].queryset = Contact.objects.filter(owner=incident.owner_id).only("id", "name")
        self.fields["due_on"].widget.attrs["min"] = incident.occurred_on.isoformat()
        if self.instance.pk is None:
            # A new step is not dropped yet; the reason is asked when it is (the edit, or "Drop…").
            del self.fields["drop_reason"]
        else:
            self.fields["drop_reason"].help_text = _("Needed when the status is “Dropped”.")
            self.fields["drop_reason"].widget.attrs["dir"] = "auto"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != StepStatus.DROPPED:
            return cleaned
        if "drop_reason" not in self.fields:
            self.add_error("status", _("Add the step first; you can drop it later, saying why."))
        elif not cleaned.get("drop_reason", "").strip():
            self.add_error("drop_reason", DROP_REASON_MISSING)
        return cleaned

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        # Only a date being set now: an old step already dated earlier can still be edited otherwise.
        if "due_on" in self.changed_data and rules.due_before_setback(self.incident, due_on):
            raise forms.ValidationError(rules.DUE_BEFORE_SETBACK)
        return due_on


class ReflectionForm(LongTextFormMixin, VersionedForm):
    control_at_close = forms.TypedChoiceField(
        label=addressed_lazy("How in control do you feel now?"),
        choices=[("", "—")] + CONTROL_CHOICES,
        coerce=int,
        help_text=_("1 = not at all, 10 = fully in control."),
    )

    class Meta:
        model = Reflection
        fields = ["strengths", "lessons", "next_step", "control_at_close"]
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 2}),
            "lessons": forms.Textarea(attrs={"rows": 2}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }


NOTE_IN_FUTURE = _("This is in the future. A note says what has already happened; date it now or earlier.")


def _note_at_field(**kwargs):
    return LocalDateTimeField(
        label=_("When it happened"),
        **kwargs,
        widget=DateTimeInput(),
        validators=[within_calendar],
        help_text=_("Now, unless it happened earlier: then its date and time."),
    )


def _not_ahead(at):
    # A minute's grace for clocks that disagree: "now" typed on a slow phone is not the future.
    if at is not None and at > timezone.now() + timedelta(minutes=1):
        raise forms.ValidationError(NOTE_IN_FUTURE)
    return at


def _now_to_the_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class NoteForm(OnceFormMixin, LongTextFormMixin, forms.Form):
    text = forms.CharField(
        label=addressed_lazy("Add a note to the timeline"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Left empty, it is now.
    at = _note_at_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = _now_to_the_minute

    def clean_at(self):
        return _not_ahead(self.cleaned_data["at"])


class NoteEditForm(LongTextFormMixin, VersionedForm):
    """A note of the person's own, edited: its text and when it happened (services.timeline_note_edit)."""

    text = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    at = _note_at_field()

    class Meta:
        model = TimelineEvent
        fields = ["at", "text"]

    def clean_at(self):
        return _not_ahead(self.cleaned_data["at"])


class ListFilterForm(FilterFormMixin, forms.Form):
    """The setback list's filter bar (small controls); a value that does not fit reads as "All"."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), ("open", _("Open")), ("closed", _("Closed"))],
        required=False,
        widget=forms.Select(attrs={"class": "form-select-sm"}),
    )
    crisis_type = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds"))] + CrisisType.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select-sm"}),
    )


class ReviewForm(LongTextFormMixin, VersionedForm):
    """A review after the close: its answers, where each key person stands now (pre-filled with
    what the case says today: only what changes is recorded), and anything still to do."""

    happened_again = forms.ChoiceField(
        label=_("Has it happened again?"), choices=HappenedAgain.choices, widget=forms.RadioSelect
    )
    control_now = forms.TypedChoiceField(
        label=addressed_lazy("How in control do you feel now?"),
        choices=[("", "—")] + CONTROL_CHOICES,
        coerce=int,
        help_text=_("1 = not at all, 10 = fully in control."),
    )
    still_to_do = forms.CharField(
        label=_("Anything still to do?"),
        max_length=200,
        required=False,
        help_text=_("Optional. It becomes a step of your plan, due in a week, and the setback opens again."),
    )

    class Meta:
        model = CaseReview
        fields = ["happened_again", "control_now", "still_to_do", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, stakeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].label = _("Notes (optional)")
        if self.instance.step_id:
            del self.fields["still_to_do"]  # it already became a step of the plan
        self.stakeholders = list(stakeholders)
        for person in self.stakeholders:
            self.fields[f"stance-{person.public_id}"] = forms.ChoiceField(
                label=_("Stance"), choices=Stance.choices, initial=person.stance
            )
            self.fields[f"influence-{person.public_id}"] = forms.TypedChoiceField(
                label=_("Influence on your future"),
                choices=INFLUENCE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=person.influence,
            )

    def people_rows(self):
        """(stakeholder, stance field, influence field), for the page to lay out person by person."""
        return [
            (person, self[f"stance-{person.public_id}"], self[f"influence-{person.public_id}"])
            for person in self.stakeholders
        ]

    def answer_fields(self):
        return [self[name] for name in ("happened_again", "control_now")]

    def stances(self) -> dict:
        """What the form says of each person: {stakeholder: (stance, influence)}."""
        return {
            person: (
                self.cleaned_data[f"stance-{person.public_id}"],
                self.cleaned_data[f"influence-{person.public_id}"],
            )
            for person in self.stakeholders
        }


DROP_REASON_MISSING = _("Say in a few words why you are dropping it, so the story stays clear.")


class StepCheckForm(forms.Form):
    """ "Did it work?" for a done step: yes, partly or not yet, with what the person saw."""

    check_result = forms.ChoiceField(
        label=_("Did it work?"),
        choices=StepCheck.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one: yes, partly or not yet.")},
    )
    check_note = forms.CharField(
        label=_("What you saw (optional)"),
        max_length=ActionStep._meta.get_field("check_note").max_length,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class StepDropForm(forms.Form):
    drop_reason = forms.CharField(
        label=_("Why are you dropping it?"),
        max_length=ActionStep._meta.get_field("drop_reason").max_length,
        help_text=_("e.g. “the client chose another supplier, so the call is no longer useful”."),
        error_messages={"required": DROP_REASON_MISSING},
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def clean_drop_reason(self):
        reason = self.cleaned_data["drop_reason"].strip()
        if not reason:
            raise forms.ValidationError(DROP_REASON_MISSING)
        return reason
