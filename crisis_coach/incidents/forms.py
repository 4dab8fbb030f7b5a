from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import (
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
    Conversation,
    CrisisType,
    Incident,
    Reflection,
    Stakeholder,
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
        label=_("How in control do you feel right now?"),
        choices=[("", "—")] + CONTROL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = not at all, 10 = fully. Asked again when you close it, so you can see the change."),
    )

    class Meta:
        model = Incident
        fields = ["title", "what_happened", "occurred_on", "crisis_type", "severity", "control_at_start"]
        widgets = {"occurred_on": DateInput(), "what_happened": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"title": _("A few words you will recognise, e.g. “Missed the Lee & Co counter-offer”.")}

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():  # the signed-in person's time zone is active
            raise forms.ValidationError(_("This date is in the future. Log a setback once it has happened."))
        if (
            self.instance.pk
            and "occurred_on" in self.changed_data
            and self.instance.steps.filter(due_on__lt=occurred_on).exists()
        ):
            # Moving the setback later must not leave steps due before it happened.
            raise forms.ValidationError(
                _("Some steps are due before this date. Choose an earlier date, or move those steps first.")
            )
        return occurred_on


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


class AssessmentForm(LongTextFormMixin, VersionedForm):
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
    class Meta:
        model = Conversation
        fields = ["held_at", "outcome", "outcome_notes"]
        field_classes = {"held_at": LocalDateTimeField}
        widgets = {"held_at": DateTimeInput(), "outcome_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
                _("This is in the future. Record the conversation after it has happened.")
            )
        return held_at


class StepForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = ActionStep
        fields = ["title", "kind", "due_on", "status", "detail", "show_result_to", "contact"]
        widgets = {"due_on": DateInput(), "detail": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["show_result_to"].queryset = incident.stakeholders.all()
        self.fields["contact"].queryset = Contact.objects.filter(owner=incident.owner_id).only("id", "name")
        self.fields["due_on"].widget.attrs["min"] = incident.occurred_on.isoformat()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        # Only a date being set now: an old step already dated earlier can still be edited otherwise.
        if "due_on" in self.changed_data and rules.due_before_setback(self.incident, due_on):
            raise forms.ValidationError(rules.DUE_BEFORE_SETBACK)
        return due_on


class ReflectionForm(LongTextFormMixin, VersionedForm):
    control_at_close = forms.TypedChoiceField(
        label=_("How in control do you feel now?"),
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


class NoteForm(OnceFormMixin, LongTextFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Add a note to the timeline"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


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
