from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.forms.utils import ErrorDict
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_coach import limits
from crisis_coach.network.importing import reading


def too_large_message() -> str:
    return gettext(
        "This file is larger than %(size)s MB. Split it, or leave the photos out of the export."
    ) % {"size": limits.CONTACT_IMPORT_FILE_MAX // (1024 * 1024)}


class UploadSizeLimit(FileUploadHandler):
    """Stop storing the upload once it passes the limit (as portability/uploads.py does for the JSON
    import): an oversized file is never kept in memory or on disk in full."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > limits.CONTACT_IMPORT_FILE_MAX:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _help_text() -> str:
    return gettext(
        "A .vcf file (vCard, from a phone or Google Contacts), a Google Contacts CSV or LinkedIn’s "
        "Connections.csv; at most %(size)s MB and %(count)s contacts."
    ) % {
        "size": limits.CONTACT_IMPORT_FILE_MAX // (1024 * 1024),
        "count": f"{limits.CONTACT_IMPORT_MAX_CONTACTS:,}",
    }


class ContactFileForm(forms.Form):
    file = forms.FileField(
        label=_("Contacts file"),
        help_text=lazy(_help_text, str)(),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".vcf,.vcard,.csv,text/vcard,text/x-vcard,text/csv"}
        ),
    )

    def __init__(self, *args, too_large: bool = False, refused: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the upload was cut off at the size limit (UploadSizeLimit)
        if refused:  # why the reading task gave up on the last file: shown next to the field
            self._errors = ErrorDict({"file": self.error_class([refused])})

    def clean(self):
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", too_large_message())
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size is None or upload.size > limits.CONTACT_IMPORT_FILE_MAX:
            raise forms.ValidationError(too_large_message())
        raw = upload.read(limits.CONTACT_IMPORT_FILE_MAX + 1)
        try:
            self.text = reading.decode(raw)
            self.file_format, self.count = reading.sniff(self.text)
        except reading.FileRefused as refused:
            raise forms.ValidationError(refused.message) from None
        return upload
