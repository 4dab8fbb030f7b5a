from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching.models import CoachingSession
from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import LocalDateTimeField, LongTextFormMixin, within_calendar
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.incidents.forms import DateTimeInput

SESSION_IN_PAST = _("This time has passed. Choose a time from now on.")
TIME_HELP = _("On your own clock; the other side sees it on theirs.")


def _not_past(at):
    # A minute's grace for clocks that disagree.
    if at is not None and at < timezone.now() - timedelta(minutes=1):
        raise forms.ValidationError(SESSION_IN_PAST, code="past")


class _TimeFields:
    """Date and time (the proposer's own clock, the active time zone), length and place."""

    def _time_fields(self):
        starts = self.fields["starts_at"]
        starts.required = True
        starts.help_text = TIME_HELP
        starts.validators += [within_calendar, _not_past]
        length = self.fields["duration_minutes"]
        length.widget.attrs.update({"min": 10, "max": 480, "step": 5})
        length.help_text = _("From 10 minutes to 8 hours.")


class SessionProposeForm(OnceFormMixin, LongTextFormMixin, _TimeFields, forms.ModelForm):
    class Meta:
        model = CoachingSession
        fields = ["starts_at", "duration_minutes", "place", "agenda"]
        field_classes = {"starts_at": LocalDateTimeField}
        widgets = {"starts_at": DateTimeInput(), "agenda": forms.Textarea(attrs={"rows": 8})}
        labels = {"starts_at": _("Date and time")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._time_fields()
        # The client's wording; the coach's page (sessions/propose.html) says "shared with you".
        self.fields["agenda"].help_text = _(
            "Filled in from the open cases you share with your coach. Both of you can change it later."
        )


class SessionMoveForm(_TimeFields, VersionedForm):
    """A new time, length or place: the session is proposed again for the other side to answer."""

    class Meta:
        model = CoachingSession
        fields = ["starts_at", "duration_minutes", "place"]
        field_classes = {"starts_at": LocalDateTimeField}
        widgets = {"starts_at": DateTimeInput()}
        labels = {"starts_at": _("Date and time")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._time_fields()


class AgendaForm(LongTextFormMixin, VersionedForm):
    class Meta:
        model = CoachingSession
        fields = ["agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 8})}


class SummaryForm(LongTextFormMixin, VersionedForm):
    class Meta:
        model = CoachingSession
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"summary": _("Shared: your client reads it. Your private notes are below.")}


class SessionNoteForm(OnceFormMixin, LongTextFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Private note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you can see it."),
    )
