import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import FilterFormMixin, LongTextFormMixin, SearchInput
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    DateKind,
    ImportantDate,
    Interaction,
    Participation,
    Relationship,
)
from crisis_coach.network.rules import MAX_CADENCE_DAYS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def https_by_default(db_field, **kwargs):
    """People type "example.com"; read it as https (Django 6's default, and the safe guess)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class ContactForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = Contact
        formfield_callback = https_by_default
        fields = [
            "name",
            "organisation",
            "role",
            "relationship",
            "importance",
            "cadence_days",
            "how_met",
            "profile_url",
            "notes",
        ]
        widgets = {
            "importance": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "cadence_days": forms.NumberInput(attrs={"min": 1, "max": MAX_CADENCE_DAYS}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The schema's range (docs/export-schema.md), as the import checks it: past it, date arithmetic
        # runs out of calendar.
        self.fields["cadence_days"].validators.append(MaxValueValidator(MAX_CADENCE_DAYS))


class ContactFilterForm(FilterFormMixin, forms.Form):
    """The contact list's query string; a value that does not fit falls back to its default."""

    SORTS = [
        ("importance", _("Importance")),
        ("overdue", _("Most overdue first")),
        ("name", _("Name")),
    ]
    columns = {"q": "col-12 col-md-3", "relationship": "col-6 col-md-3", "sort": "col-6 col-md-2"}
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=SearchInput(attrs={"placeholder": _("Name, organisation or role")}),
    )
    relationship = forms.ChoiceField(
        label=_("Relationship"), required=False, choices=[("", _("All relationships")), *Relationship.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)
    due = forms.BooleanField(label=_("Only those due for a touch"), required=False)

    def values(self) -> dict:
        if not self.is_valid():
            return {"search": "", "relationship": "", "sort": "importance", "due_only": False}
        data = self.cleaned_data
        return {
            "search": data["q"].strip(),
            "relationship": data["relationship"],
            "sort": data["sort"] or "importance",
            "due_only": data["due"],
        }


class NotInFutureMixin:
    """Things that happened cannot happen tomorrow; `today` is the user's local date."""

    date_field = "happened_on"

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault(self.date_field, today)
        self.fields[self.date_field].widget.attrs["max"] = today.isoformat()

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value and value > self.today:
            raise forms.ValidationError(_("This date is in the future."))
        return value


class InteractionForm(OnceFormMixin, LongTextFormMixin, NotInFutureMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["happened_on", "channel", "summary", "shared"]
        widgets = {"happened_on": DateInput(), "shared": forms.Textarea(attrs={"rows": 2})}


class ImportantDateForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = ImportantDate
        fields = ["kind", "label", "date", "repeats_yearly"]
        widgets = {"date": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("kind") == DateKind.OTHER and not data.get("label", "").strip():
            self.add_error("label", _("Give this date a name, e.g. “Wedding”."))
        return data


class CommitmentForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = Commitment
        fields = ["what", "due_on"]
        widgets = {"due_on": DateInput()}


class CommunityForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = Community
        formfield_callback = https_by_default
        fields = ["name", "kind", "url", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ParticipationForm(OnceFormMixin, LongTextFormMixin, NotInFutureMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["happened_on", "kind", "notes"]
        widgets = {"happened_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
