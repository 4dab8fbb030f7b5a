from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from crisis_coach.accounts.countries import country_choices
from crisis_coach.accounts.models import Theme, User
from crisis_coach.accounts.support import SUPPORT_ACCESS_DEFAULT_HOURS, SUPPORT_ACCESS_HOURS
from crisis_coach.accounts.time_zones import canonical_zone, known_zones, zone_choices_with


class TimeZoneField(forms.ChoiceField):
    """A zone from the grouped list (time_zones.py), or any other that zoneinfo knows; empty is UTC.

    Forms call offer_zones() in __init__: the list depends on the language and on the current value.
    """

    def valid_value(self, value):
        return value in known_zones()

    def clean(self, value):
        value = super().clean(value)
        return canonical_zone(value) if value else "UTC"


def offer_zones(form: forms.BaseForm, *, detect: bool = False) -> None:
    """Fill the form's time_zone choices in the active language, and hand static/js/time_zone.js the
    words it shows (the filter's label; the "no match" line); `detect` starts it on the browser's zone."""
    field = form.fields["time_zone"]
    field.choices = zone_choices_with(
        translation.get_language() or settings.LANGUAGE_CODE, form["time_zone"].value()
    )
    field.widget.attrs.update(
        {
            "data-zone-filter": gettext("Find your city or country"),
            "data-zone-no-match": gettext("No time zone matches; the whole list is shown."),
            "data-zone-other": pgettext("time zone region", "Other"),
        }
    )
    if detect:
        field.widget.attrs["data-zone-detect"] = "true"


class SignUpDetailsForm(forms.Form):
    """What sign-up asks besides the address and the password (allauth's SignupForm adds those;
    ACCOUNT_SIGNUP_FORM_CLASS). The adapter's save_user stores these fields."""

    field_order = ["display_name", "email", "password1", "password2", "time_zone", "is_coach"]

    display_name = forms.CharField(
        label=_("Your name"), max_length=80, help_text=_("How the app and your coach address you.")
    )
    is_coach = forms.BooleanField(
        label=_("I am a career coach"),
        required=False,
        help_text=_("Coaches can review the cases their clients choose to share with them."),
    )
    # Without JavaScript nothing is detected and the select starts on UTC, which is then kept.
    time_zone = TimeZoneField(
        label=_("Time zone"),
        required=False,
        initial="UTC",
        help_text=_("Due dates and reminders follow this time zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_zones(self, detect=not self.is_bound)

    def signup(self, request, user):
        """allauth's hook after the user is saved; AccountAdapter.save_user has stored everything."""


class LanguageAndZoneForm(forms.ModelForm):
    """The person's language and time zone: the settings page, and the welcome's first step."""

    detect_zone = False
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Due dates and reminders follow this time zone."),
    )

    class Meta:
        model = User
        fields = ["language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_zones(self, detect=self.detect_zone and not self.is_bound)


class WelcomeForm(LanguageAndZoneForm):
    """The welcome's first step: with JavaScript the zone starts on the browser's
    (static/js/time_zone.js), as at sign-up; the language is the one the browser asked for."""

    detect_zone = True


class SettingsForm(LanguageAndZoneForm):
    class Meta:
        model = User
        fields = ["display_name", "language", "address_as", "time_zone", "country", "theme", "discreet_mode"]
        labels = {
            "address_as": _("Address me as"),
            "discreet_mode": _("Discreet mode: keep my setbacks out of emails and calendars"),
        }
        help_texts = {
            "address_as": _(
                "Arabic speaks to a woman and to a man in different words. Choose how the Arabic pages "
                "and emails speak to you; English and Chinese read the same either way."
            )
        }
        widgets = {"address_as": forms.RadioSelect, "theme": forms.RadioSelect}

    # Nothing chosen (a form posted without the group) keeps the pages following the device.
    theme = forms.TypedChoiceField(
        label=_("Appearance"),
        choices=Theme.choices,
        required=False,
        empty_value=Theme.AUTO,
        widget=forms.RadioSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("Where you live, so that support services of your country can be shown to you."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the active language (CLDR), as the time zones; the codes are the same in each.
        self.fields["country"].choices = country_choices(translation.get_language() or settings.LANGUAGE_CODE)


class SupportAccessForm(forms.Form):
    """How long support staff may read the person's content (the security page's card)."""

    hours = forms.TypedChoiceField(
        label=_("For how long"),
        coerce=int,
        choices=list(SUPPORT_ACCESS_HOURS.items()),
        initial=SUPPORT_ACCESS_DEFAULT_HOURS,
    )
