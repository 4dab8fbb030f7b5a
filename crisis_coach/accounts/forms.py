from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from crisis_coach.accounts.models import User
from crisis_coach.accounts.tasks import send_password_reset_email
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


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"), max_length=80, help_text=_("How the app and your coach address you.")
    )
    email = forms.EmailField(label=_("Email address"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
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

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this address already exists. Try logging in instead.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form (the same answer for every address), but the email is queued, not sent: a failing
    mail server never shows an error page, and the worker retries until it answers."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Django made a token here; the task makes its own when it sends, so none is stored.
        send_password_reset_email.enqueue(
            user_id=context["user"].pk,
            domain=context["domain"],
            protocol=context["protocol"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )


class SettingsForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Due dates and reminders follow this time zone."),
    )

    class Meta:
        model = User
        fields = ["display_name", "language", "time_zone", "discreet_mode"]
        labels = {"discreet_mode": _("Discreet mode: keep my setbacks out of emails and calendars")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_zones(self)
