"""The thought record's two parts, each its own form: the thought and the traps it shows; then
both sides of it, a balanced thought and how strong the feeling is now."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import LongTextFormMixin
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.wellbeing.models import ThinkingTrap, ThoughtRecord
from crisis_coach.wellbeing.thinking_traps import TRAP_GUIDES

INTENSITY_ERROR = _("Give a number from 0 (not at all) to 100 (as strong as it gets).")


class TrapCheckboxes(forms.CheckboxSelectMultiple):
    """A checkbox per trap, each option carrying its explanation and example for the template."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        guide = TRAP_GUIDES.get(value)
        option["explanation"] = guide.explanation if guide else ""
        option["example"] = guide.example if guide else ""
        return option


def intensity_field(label, help_text, *, required: bool) -> forms.IntegerField:
    messages = dict.fromkeys(("invalid", "min_value", "max_value"), INTENSITY_ERROR)
    if required:
        messages["required"] = _("How strong was the feeling? Give a number from 0 to 100.")
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        required=required,
        error_messages=messages,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}),
    )


class ThoughtSituationForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    """Part one: what happened, the thought it set off, the feeling and its strength, the traps."""

    versioned_on_create = False

    intensity_before = intensity_field(
        _("How strong was the feeling? (0–100)"),
        _("0 is not at all, 100 is as strong as it gets. A rough number is fine."),
        required=True,
    )
    traps = forms.MultipleChoiceField(
        label=_("Does the thought fall into any of these thinking traps?"),
        help_text=_("Tick any that fit, or none. Everyone falls into them, most of all after a setback."),
        choices=ThinkingTrap.choices,
        required=False,
        widget=TrapCheckboxes,
        template_name="wellbeing/thoughts/_traps_field.html",
    )

    class Meta:
        model = ThoughtRecord
        fields = ["situation", "thought", "emotion", "intensity_before", "traps"]
        labels = {
            "situation": _("What happened?"),
            "thought": _("What went through your mind?"),
            "emotion": _("What did you feel?"),
        }
        help_texts = {
            "situation": _("Where you were, who was there, what set it off. A sentence or two is enough."),
            "thought": _("The thought that upset you most, in the words it came to you."),
            "emotion": _("One or two words: anxious, ashamed, angry, low…"),
        }
        error_messages = {
            "situation": {"required": _("Say in a few words what happened.")},
            "thought": {"required": _("Write down the thought that upset you.")},
            "emotion": {"required": _("Name the feeling, in a word or two.")},
        }
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 3}),
            "thought": forms.Textarea(attrs={"rows": 3}),
            "emotion": forms.TextInput(attrs={"maxlength": 120}),
        }


class ThoughtBalanceForm(LongTextFormMixin, VersionedForm):
    """Part two, with the thought shown above it: what supports it, what does not fit it, a more
    balanced thought, and the feeling rated again."""

    intensity_after = intensity_field(
        _("How strong is the feeling now? (0–100)"),
        _("Rate it again, after looking at both sides. It may not have moved, and that is fine too."),
        required=False,
    )

    class Meta:
        model = ThoughtRecord
        fields = ["evidence_for", "evidence_against", "balanced_thought", "intensity_after"]
        labels = {
            "evidence_for": _("What supports the thought?"),
            "evidence_against": _("What does not fit it?"),
            "balanced_thought": _("A more balanced thought"),
        }
        help_texts = {
            "evidence_for": _("Facts only, the kind others would agree with: what was said and done."),
            "evidence_against": _(
                "What would a good friend point out? Times it went differently, what you have done well, "
                "what else could explain it."
            ),
            "balanced_thought": _(
                "Not forced positive thinking: a thought that takes in both sides and that you can believe."
            ),
        }
        widgets = {
            "evidence_for": forms.Textarea(attrs={"rows": 3}),
            "evidence_against": forms.Textarea(attrs={"rows": 3}),
            "balanced_thought": forms.Textarea(attrs={"rows": 3}),
        }
