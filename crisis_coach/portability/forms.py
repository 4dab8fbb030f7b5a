from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_coach.portability import importer, schema


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export file"),
        help_text=lazy(
            lambda: (
                gettext("The .json file from “Download your data”, at most %(size)s MB.")
                % {"size": schema.MAX_BYTES // (1024 * 1024)}
            ),
            str,
        )(),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def __init__(self, *args, user, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.too_large = too_large  # the upload was cut off at the size limit (uploads.UploadSizeLimit)

    def clean(self):
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", importer.TOO_BIG)
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if importer.account_has_data(self.user):
            raise forms.ValidationError(
                _("This account already has setbacks or contacts. Import only works into an empty account.")
            )
        try:
            self.plan = importer.validate(importer.read_document(upload))
        except importer.ImportRefused as refused:
            raise forms.ValidationError(refused.messages) from None
        return upload

    def save(self) -> dict:
        try:
            return importer.restore(user=self.user, plan=self.plan)
        except importer.ImportRefused as refused:
            self.add_error("file", refused.messages)
            return {}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password
