from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.wellbeing.models import CheckIn

# Each option a large button (Bootstrap's btn-check: the radio itself is hidden, its label is the
# target), so the three answers take three taps, on a phone too, and work without JavaScript.
SCALE = forms.RadioSelect(attrs={"class": "btn-check"})
MOOD_CHOICES = [(n, str(n)) for n in range(1, 6)]
CONTROL_CHOICES = [(n, str(n)) for n in range(1, 11)]
SLEEP_CHOICES = [(n, str(n)) for n in range(1, 6)]


class CheckInForm(VersionedForm):
    """Three taps and an optional note. Today's check-in, edited the same day: version 0 means
    "none yet", so a check-in made meanwhile in another tab is a conflict, not a silent overwrite."""

    mood = forms.TypedChoiceField(
        label=_("Mood"), choices=MOOD_CHOICES, coerce=int, widget=SCALE,
        help_text=_("1 = very low, 5 = very good."),
    )  # fmt: skip
    control = forms.TypedChoiceField(
        label=addressed_lazy("How in control do you feel?"), choices=CONTROL_CHOICES, coerce=int,
        widget=SCALE, help_text=_("1 = not at all, 10 = fully in control."),
    )  # fmt: skip
    sleep = forms.TypedChoiceField(
        label=_("Sleep last night"), choices=SLEEP_CHOICES, coerce=int, widget=SCALE,
        help_text=_("1 = very poorly, 5 = very well."),
    )  # fmt: skip

    class Meta:
        model = CheckIn
        fields = ["mood", "control", "sleep", "note"]
        labels = {"note": _("Anything on your mind? (optional)")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "dir": "auto", "maxlength": 2000})}

    def clean_note(self):
        note = self.cleaned_data["note"]
        if len(note) > 2000:
            raise forms.ValidationError(_("Keep the note under 2,000 characters."))
        return note
