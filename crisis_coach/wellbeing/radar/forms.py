from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import PreventionStep
from crisis_coach.wellbeing.radar.questions import ANSWER_CHOICES, QUESTIONS, RADAR_TYPES, questions_for


class RadarForm(OnceFormMixin, forms.Form):
    """One radio row (0–3) per early-sign question, grouped by type in the template. Every question
    is asked: a skipped one gets its message next to it, the other answers kept. A double click
    saves one check (OnceFormMixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=ANSWER_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer for this question.")},
            )

    def groups(self):
        """(type label, its bound fields) in the radar's order, for the template."""
        labels = dict(CrisisType.choices)
        return [(labels[t], [self[q.key] for q in questions_for(t)]) for t in RADAR_TYPES]


class PreventionStepForm(VersionedForm):
    class Meta:
        model = PreventionStep
        fields = ["title", "detail", "due_on"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto", "maxlength": 200}),
            "detail": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
