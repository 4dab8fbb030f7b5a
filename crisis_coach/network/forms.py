import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import FilterFormMixin, LongTextFormMixin, SearchInput
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.network import rules
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
from crisis_coach.network.rules import MAX_CADENCE_DAYS, CadenceDefault, cadence_default


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def https_by_default(db_field, **kwargs):
    """People type "example.com"; read it as https (Django 6's default, and the safe guess)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def latest_too_short(ideal: int) -> str:
    return _("The latest gap cannot be shorter than the ideal one (%(days)s days).") % {"days": ideal}


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
            "latest_gap_days",
            "how_met",
            "email",
            "phone",
            "profile_url",
            "notes",
        ]
        widgets = {
            "importance": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "cadence_days": forms.NumberInput(attrs={"min": 1, "max": MAX_CADENCE_DAYS}),
            "latest_gap_days": forms.NumberInput(attrs={"min": 1, "max": MAX_CADENCE_DAYS}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }

    # The relationship whose defaults the gaps were filled with (a new contact only).
    gaps_for = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, cadence_defaults: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The schema's range (docs/export-schema.md), as the import checks it: past it, date arithmetic
        # runs out of calendar.
        for name in ("cadence_days", "latest_gap_days"):
            self.fields[name].validators.append(MaxValueValidator(MAX_CADENCE_DAYS))
        self.fields["cadence_days"].label = _("Ideally every (days)")
        self.fields["cadence_days"].help_text = _("Due for a touch once this many days have passed.")
        self.fields["latest_gap_days"].help_text = _(
            "Overdue once this many days have passed. Leave empty if there is no latest."
        )
        self.cadence_defaults = cadence_defaults or {}
        if not self.instance.pk:
            # A new contact starts from the person's default for the relationship (services.contact_create
            # fills both gaps when the ideal one is left empty).
            self.fields["cadence_days"].required = False
            relationship = self.initial.get("relationship") or Contact._meta.get_field("relationship").default
            default = cadence_default(relationship, self.cadence_defaults)
            self.initial.setdefault("cadence_days", default.ideal_days)
            self.initial.setdefault("latest_gap_days", default.latest_days)
            self.initial["gaps_for"] = relationship
        else:
            del self.fields["gaps_for"]

    def clean(self):
        data = super().clean()
        gaps_for = data.pop("gaps_for", "")
        relationship = data.get("relationship")
        ideal, latest = data.get("cadence_days"), data.get("latest_gap_days")
        # The gaps still show the defaults of the relationship the form opened with, and another was
        # chosen: without JavaScript nothing refilled them, so take the chosen one's defaults.
        untouched = cadence_default(gaps_for, self.cadence_defaults) == CadenceDefault(ideal, latest)
        if gaps_for and relationship and relationship != gaps_for and untouched:
            data["cadence_days"] = data["latest_gap_days"] = None
            return data
        if ideal is not None and latest is not None and latest < ideal:
            self.add_error("latest_gap_days", latest_too_short(ideal))
        return data


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


class InteractionForm(OnceFormMixin, LongTextFormMixin, NotInFutureMixin, VersionedForm):
    versioned_on_create = False

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


class ParticipationForm(OnceFormMixin, LongTextFormMixin, NotInFutureMixin, VersionedForm):
    versioned_on_create = False

    class Meta:
        model = Participation
        fields = ["happened_on", "kind", "notes"]
        widgets = {"happened_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class SnoozeForm(forms.Form):
    """A week, a month, or until a chosen day: which button was pressed says which (`choice`)."""

    choice = forms.ChoiceField(
        choices=[
            (rules.SNOOZE_WEEK, _("For a week")),
            (rules.SNOOZE_MONTH, _("For a month")),
            (rules.SNOOZE_DATE, _("Until a date")),
        ],
        widget=forms.HiddenInput,
    )
    until = forms.DateField(label=_("Snooze until"), required=False, widget=DateInput())

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["until"].widget.attrs.update(
            {
                "min": (today + datetime.timedelta(days=1)).isoformat(),
                "max": (today + datetime.timedelta(days=rules.MAX_SNOOZE_DAYS)).isoformat(),
            }
        )

    def clean(self):
        data = super().clean()
        if data.get("choice") != rules.SNOOZE_DATE or "until" in self.errors:
            return data
        until = data.get("until")
        if until is None:
            self.add_error("until", _("Choose the day the snooze ends."))
            return data
        problem = rules.snooze_date_problem(until, today=self.today)
        if problem == "past":
            self.add_error("until", _("Choose a day after today."))
        elif problem == "too_far":
            last = self.today + datetime.timedelta(days=rules.MAX_SNOOZE_DAYS)
            self.add_error(
                "until",
                _("A snooze can last a year at most: choose a day up to %(date)s.")
                % {"date": date_format(last, "DATE_FORMAT")},
            )
        return data

    def snoozed_until(self) -> datetime.date:
        data = self.cleaned_data
        return rules.snooze_until(data["choice"], today=self.today, until=data["until"])


class CadenceDefaultsForm(forms.Form):
    """The person's default gaps for each kind of relationship, and whether to carry a change over
    to the contacts still on the old default."""

    apply_to_contacts = forms.BooleanField(
        label=_("Also change the contacts of that kind that still use the old default"),
        required=False,
        help_text=_("Contacts whose gaps you set yourself keep them."),
    )

    def __init__(self, *args, own: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for value, _label in Relationship.choices:
            current = cadence_default(value, own)
            self.fields[f"{value}_ideal"] = forms.IntegerField(
                label=_("Ideally every (days)"),
                min_value=1,
                max_value=MAX_CADENCE_DAYS,
                initial=current.ideal_days,
            )
            self.fields[f"{value}_latest"] = forms.IntegerField(
                label=_("At the latest every (days)"),
                min_value=1,
                max_value=MAX_CADENCE_DAYS,
                required=False,
                initial=current.latest_days,
            )
        self.own = own

    def rows(self):
        """(relationship label, (ideal field, latest field), built-in default, set by the person) each."""
        return [
            (
                label,
                (self[f"{value}_ideal"], self[f"{value}_latest"]),
                rules.cadence_default(value),
                value in self.own,
            )
            for value, label in Relationship.choices
        ]

    def clean(self):
        data = super().clean()
        for value, _label in Relationship.choices:
            ideal, latest = data.get(f"{value}_ideal"), data.get(f"{value}_latest")
            if ideal is not None and latest is not None and latest < ideal:
                self.add_error(f"{value}_latest", latest_too_short(ideal))
        return data

    def values(self) -> dict[str, CadenceDefault]:
        data = self.cleaned_data
        return {
            value: CadenceDefault(data[f"{value}_ideal"], data[f"{value}_latest"])
            for value, _label in Relationship.choices
        }
