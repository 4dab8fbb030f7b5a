"""Create forms are idempotent per render: a double click or a retry posts the same form twice, and
only the first post creates anything; the second answers as the first did.

Each render of a create form carries a fresh random token in a hidden field. The create runs through
`crisis_coach.common.services.create_once`, which inserts the token in the same transaction as the
new row; the second post's insert of the same token hits a unique constraint (it waits for the first
to commit), so it creates nothing and gets back what the first created. Without JavaScript it is the
same: the token is plain HTML.

    class ContactForm(OnceFormMixin, LongTextFormMixin, forms.ModelForm): ...
    contact = create_once(form, request.user, lambda: services.contact_create(...))

A one-click button without a Form class carries `{% submission_token %}` (common/templatetags/
submissions.py) and its view calls `create_once_for(request, "network.touch_log", create)`.
"""

import re
import secrets

from django import forms

FIELD = "submission"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(18)


def read_token(value) -> str:
    """The token as posted, or "" for anything that is not one (no guard then, but never an error)."""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else ""


class SubmissionTokenField(forms.CharField):
    """A hidden field holding a fresh token on every render (the initial value is a callable).

    It never fails validation: a post without it (a script, a page rendered before a deploy) or with
    garbage in it simply creates without the double-submit guard, as before.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=new_token, **kwargs)

    def clean(self, value):
        return read_token(value)


class OnceFormMixin:
    """Adds the token field to a create form; after is_valid(), `submission_token` holds it.

    The token is taken out of cleaned_data, so views can still pass `**form.cleaned_data` to a
    service. A ModelForm editing an existing row gets no token: an edit cannot create a duplicate.
    """

    submission_token = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            self.fields[FIELD] = SubmissionTokenField()

    def full_clean(self):
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None and FIELD in cleaned:
            self.submission_token = cleaned.pop(FIELD)

    @classmethod
    def submission_name(cls) -> str:
        """Which create form a token belongs to: a token counts for that form only."""
        return f"{cls.__module__.removeprefix('crisis_coach.')}.{cls.__qualname__}"[:100]
