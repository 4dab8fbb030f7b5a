from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching import rules as sharing
from crisis_coach.coaching import selectors
from crisis_coach.coaching.models import INVITE_CODE_LENGTH, CoachProfile, normalize_invite_code
from crisis_coach.common import ratelimit
from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.forms import LongTextFormMixin
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.incidents import rules as incident_rules
from crisis_coach.incidents.models import RiskLevel, Stage, StepKind

# Wrong invite codes a user may enter per hour; codes are unguessable anyway, this keeps it so.
INVITE_CODE_ATTEMPTS = 10
INVITE_CODE_WINDOW_SECONDS = 3600


class LinkCoachForm(OnceFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Your coach's invite code"),
        max_length=40,
        help_text=_("Sixteen letters and digits; dashes, spaces and case do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Wrong codes are counted per user (common/ratelimit.py); without a user, nothing is counted.
        self.attempts_key = f"invite-code:{user.pk}" if user is not None else None

    def clean_code(self):
        if self.attempts_key and ratelimit.exceeded(self.attempts_key, limit=INVITE_CODE_ATTEMPTS):
            # Checked before the code, so a locked-out user learns nothing about the code they typed.
            raise forms.ValidationError(addressed_lazy("Too many attempts, try again later."))
        code = normalize_invite_code(self.cleaned_data["code"])
        profile = selectors.coach_profile_by_code(code) if len(code) == INVITE_CODE_LENGTH else None
        if profile is None:
            if self.attempts_key:
                ratelimit.hit(
                    self.attempts_key, limit=INVITE_CODE_ATTEMPTS, window_seconds=INVITE_CODE_WINDOW_SECONDS
                )
            raise forms.ValidationError(_("No coach has this code. Check it with your coach."))
        self.coach_profile = profile
        return code


class ShareAllForm(forms.Form):
    shared = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )


class IncidentShareForm(forms.Form):
    """The share switch of one case (coaching/_share_switch.html): share it (1) with the sections
    ticked beyond the plan, none ticked being the plan only, or stop sharing it (0)."""

    shared = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )
    sections = forms.MultipleChoiceField(
        label=_("What your coach may see beyond the plan"),
        choices=[
            (sharing.REFLECTION, _("The reflection")),
            (sharing.EVIDENCE, _("The evidence log")),
            (sharing.THOUGHTS, _("The thought records")),
            (sharing.CHECK_INS, _("The check-ins during this setback")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CommentForm(OnceFormMixin, LongTextFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment for your client"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    about = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("The whole case"))]
        if incident is not None:
            choices += [
                (f"step:{s.public_id}", _("Step: %(title)s") % {"title": s.title})
                for s in incident.steps.all()
                if s.is_in_plan
            ]
            choices += [
                (
                    f"conversation:{c.public_id}",
                    _("Conversation with %(name)s") % {"name": c.stakeholder.name if c.stakeholder else "—"},
                )
                for c in incident.conversations.all()
            ]
        self.fields["about"].choices = choices
        self.incident = incident

    def clean(self):
        cleaned = super().clean()
        about = cleaned.get("about") or ""
        cleaned["step"] = cleaned["conversation"] = None
        if about.startswith("step:"):
            cleaned["step"] = next(s for s in self.incident.steps.all() if f"step:{s.public_id}" == about)
        elif about.startswith("conversation:"):
            cleaned["conversation"] = next(
                c for c in self.incident.conversations.all() if f"conversation:{c.public_id}" == about
            )
        return cleaned


class ReplyForm(OnceFormMixin, forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class ProposeStepForm(OnceFormMixin, LongTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Step to propose"), max_length=200)
    detail = forms.CharField(
        label=_("Details"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=StepKind.choices, initial=StepKind.REMEDY)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        if incident is not None:
            self.fields["due_on"].widget.attrs["min"] = incident.occurred_on.isoformat()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if self.incident is not None and incident_rules.due_before_setback(self.incident, due_on):
            raise forms.ValidationError(incident_rules.DUE_BEFORE_SETBACK)
        return due_on


class NoteForm(OnceFormMixin, forms.Form):
    CASE, CLIENT = "case", "client"
    body = forms.CharField(label=_("Private note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    scope = forms.ChoiceField(
        label=_("The note is about"),
        choices=[(CASE, _("This case")), (CLIENT, _("The client in general"))],
        initial=CASE,
        widget=forms.RadioSelect,
    )


class CaseloadFilterForm(LongTextFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=addressed_lazy("Cases with every word; put a phrase in “quotes”."),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage")), *Stage.choices]
    )
    risk = forms.ChoiceField(
        label=_("Risk"),
        required=False,
        choices=[("", _("Any risk")), *RiskLevel.choices, ("none", _("Not assessed"))],
    )
    attention = forms.BooleanField(label=_("Needs attention only"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)


class CoachDigestForm(forms.ModelForm):
    """When the coach's weekly digest goes (coaching/digest.py): the coach's own preference."""

    class Meta:
        model = CoachProfile
        fields = ["digest_enabled", "digest_weekday", "digest_time"]
        widgets = {"digest_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        # The model's verbose name ("from") reads oddly as the label of one time of day.
        labels = {"digest_time": _("At (your time)")}
        help_texts = {
            "digest_enabled": _(
                "Who needs your attention and why, your sessions of the coming week and your clients' "
                "replies, once a week, only when there is something to tell you."
            ),
            "digest_time": _("In your own time zone, set in your account settings."),
        }
