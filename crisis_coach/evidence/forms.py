from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.conflicts import VersionedForm
from crisis_coach.common.forms import FilterFormMixin, LongTextFormMixin
from crisis_coach.common.submissions import OnceFormMixin
from crisis_coach.evidence import rules
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents.models import Incident
from crisis_coach.network.models import Contact


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class EvidenceForm(OnceFormMixin, LongTextFormMixin, VersionedForm):
    """Add or edit an entry. When it happened may be long before it is written, never after now (in
    the person's time zone, active for the request), and an edit never moves it after it was written."""

    versioned_on_create = False

    class Meta:
        model = EvidenceEntry
        fields = [
            "happened_on",
            "happened_at",
            "what_happened",
            "concerns",
            "present_stakeholders",
            "present_contacts",
            "proof",
        ]
        labels = {
            "happened_on": _("When did it happen?"),
            "happened_at": _("At what time? (if you know)"),
            "what_happened": _("What happened"),
            "concerns": _("Which person it concerns"),
            "present_stakeholders": _("Who was present: people in this case"),
            "present_contacts": _("Who was present: people in your network"),
            "proof": _("Where the proof is kept"),
        }
        help_texts = {
            "what_happened": _(
                "Facts, not feelings: what was said and done, by whom, in their words where you can. "
                "A reader who was not there should be able to picture it."
            ),
            "proof": _("An email's subject, a document's name, a chat: where you can find it again."),
            "present_contacts": _("Hold Ctrl (⌘ on a Mac) to choose more than one."),
        }
        widgets = {
            "happened_on": DateInput(),
            "happened_at": TimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 4}),
            "proof": forms.Textarea(attrs={"rows": 2}),
            "present_stakeholders": forms.CheckboxSelectMultiple(),
            "present_contacts": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        people = incident.stakeholders.all()  # loaded with the case: no query
        self.fields["concerns"].queryset = people
        self.fields["concerns"].empty_label = _("Nobody in particular")
        self.fields["present_stakeholders"].queryset = people
        self.fields["present_contacts"].queryset = Contact.objects.filter(owner=incident.owner_id).only(
            "id", "name"
        )
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not people:
            del self.fields["present_stakeholders"]

    def clean(self):
        cleaned = super().clean()
        happened_on, happened_at = cleaned.get("happened_on"), cleaned.get("happened_at")
        if happened_on is None:
            return cleaned
        now = timezone.localtime().replace(tzinfo=None)
        if rules.happened_too_late(happened_on, happened_at, latest=now):
            field = "happened_at" if happened_at and happened_on == now.date() else "happened_on"
            self.add_error(field, rules.IN_THE_FUTURE)
        elif self.instance.pk is not None:
            written = timezone.localtime(self.instance.written_at).replace(tzinfo=None)
            if rules.happened_too_late(happened_on, happened_at, latest=written):
                message = rules.AFTER_WRITTEN % {"written": formats.date_format(written, "DATETIME_FORMAT")}
                field = "happened_at" if happened_at and happened_on == written.date() else "happened_on"
                self.add_error(field, message)
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned values as the services take them (without the version)."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        fields.setdefault("present_stakeholders", [])
        return fields


class EvidenceFilterForm(FilterFormMixin, forms.Form):
    """The log's filter bar: one person of the case (what concerns them, or where they were present)."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        empty_label=_("Everyone"),
        widget=forms.Select(attrs={"class": "form-select-sm"}),
    )

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = incident.stakeholders.all()


class ReportForm(forms.Form):
    """What the printable report covers: a date range (open at either end) and the people it is about."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    people = forms.ModelMultipleChoiceField(
        label=_("About these people"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: everyone."),
    )

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = incident.stakeholders.all()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("This is before the start. Choose an end on or after it."))
        return cleaned
