"""The playbook's form: its name, the crisis types it suits, the conversation prompts, and its steps
as rows of a formset on the same page (no JavaScript: a few empty rows to fill in, a Remove box on
each step). The steps are saved with the playbook, under its version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching.models import Playbook, PlaybookStep
from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import LongTextFormMixin
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.incidents.models import CrisisType, StepKind

# Empty step rows under the steps already written; saving shows as many again.
EMPTY_ROWS_NEW = 3
EMPTY_ROWS_EDIT = 2
MAX_STEPS = 30


class PlaybookForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    crisis_types = forms.MultipleChoiceField(
        label=_("Suits these kinds of setback"),
        help_text=_("Tick none for a playbook that suits every kind."),
        choices=CrisisType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Playbook
        fields = ["name", "crisis_types", "prompts"]
        labels = {"name": _("Name"), "prompts": _("Conversation prompts")}
        help_texts = {
            "name": _("Your clients see it under “From your coach”, e.g. “Winning back a client”."),
            "prompts": _("What to say or ask in the difficult conversation, one per line."),
        }
        error_messages = {"name": {"required": _("Give the playbook a name.")}}
        widgets = {"prompts": forms.Textarea(attrs={"rows": 4})}


class PlaybookStepForm(forms.Form):
    """One step row. An untouched empty row is skipped; a row with anything in it needs a title."""

    public_id = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Step"),
        max_length=PlaybookStep._meta.get_field("title").max_length,
        error_messages={"required": _("Give the step a title, or clear the row.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=StepKind.choices, initial=StepKind.REMEDY)
    due_in_days = forms.IntegerField(
        label=_("Due in (days)"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Counted from the day the client adds it. Empty: no due date."),
        error_messages={
            "invalid": _("Give a whole number of days, from 0 to 365."),
            "min_value": _("Give a whole number of days, from 0 to 365."),
            "max_value": _("Give a whole number of days, from 0 to 365."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 365, "inputmode": "numeric"}),
    )
    detail = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=PlaybookStep._meta.get_field("detail").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BasePlaybookStepFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this step")

    def steps(self) -> list[dict]:
        """The rows to keep, in order, as the service takes them."""
        kept = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if index < self.initial_form_count() or form.has_changed():
                kept.append(form.cleaned_data)
        return kept


def step_formset(*, editing: bool):
    return forms.formset_factory(
        PlaybookStepForm,
        formset=BasePlaybookStepFormSet,
        extra=EMPTY_ROWS_EDIT if editing else EMPTY_ROWS_NEW,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_STEPS,
        validate_max=True,
    )


def step_initial(steps) -> list[dict]:
    return [
        {
            "public_id": str(step.public_id),
            "title": step.title,
            "kind": step.kind,
            "due_in_days": step.due_in_days,
            "detail": step.detail,
        }
        for step in steps
    ]
