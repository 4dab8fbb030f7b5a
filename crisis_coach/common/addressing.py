"""How the app's words address the reader in Arabic: as a woman, as a man, or without choosing.

Arabic verbs, adjectives and some pronouns addressed to "you" differ for a woman and a man; English
and Chinese don't. Each person chooses on their settings page ("Address me as", User.address_as),
and anyone signed out is addressed without choosing.

One mechanism, Django's pgettext contexts (the README's "A string that addresses the reader"):
- a string's plain catalogue entry is its masculine form (as the Arabic catalogue was written);
- its feminine and neutral forms are entries of the same msgid in the contexts FEMININE_CONTEXT and
  NEUTRAL_CONTEXT, which crisis_coach/common/addressed_strings.py lists for makemessages to keep;
- a template marks the string `{% translate "…" context you %}` (or `{% blocktranslate context you %}`),
  Python code calls `addressed("…")` or `addressed_lazy("…")`; makemessages extracts both as the plain
  msgid (common/management/commands/makemessages.py).

`you` is the context of the moment: the context processor gives it to every page, and an email
rendered inside `speaking_to(recipient)` gets it from `email_context()`. Outside Arabic it is empty, so
the plain entry is used.
"""

import contextlib
import contextvars

from django.db import models
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from django.utils.translation import gettext_lazy as _


class AddressAs(models.TextChoices):
    FEMININE = "feminine", _("As a woman")
    MASCULINE = "masculine", _("As a man")
    NEUTRAL = "neutral", _("Without choosing")


FEMININE_CONTEXT = "addressing a woman"
NEUTRAL_CONTEXT = "addressing anyone"
CONTEXTS = {AddressAs.FEMININE: FEMININE_CONTEXT, AddressAs.NEUTRAL: NEUTRAL_CONTEXT}
# The languages whose catalogue holds the contexts; any other language's plain entry has one form.
LANGUAGES_WITH_FORMS = {"ar"}

_address_as = contextvars.ContextVar("address_as", default=AddressAs.NEUTRAL)


@contextlib.contextmanager
def override(address_as: str):
    """Address the reader as `address_as` inside the block (a request, an email)."""
    token = _address_as.set(AddressAs(address_as) if address_as in AddressAs.values else AddressAs.NEUTRAL)
    try:
        yield
    finally:
        _address_as.reset(token)


@contextlib.contextmanager
def speaking_to(user):
    """Render for `user`: in their language, addressed as they chose. For emails and feeds."""
    with translation.override(user.language), override(user.address_as):
        yield


def you() -> str:
    """The pgettext context of the reader's forms in the active language; "" for the plain entry."""
    language = (translation.get_language() or "").split("-")[0]
    if language not in LANGUAGES_WITH_FORMS:
        return ""
    return CONTEXTS.get(_address_as.get(), "")


def email_context() -> dict:
    """What an email template needs beside its own context: `you` (an email has no request, so no
    context processor)."""
    return {"you": you()}


def addressed(message: str) -> str:
    """`message` in the active language, in the reader's form where the catalogue has one."""
    context = you()
    if context:
        translated = pgettext(context, message)
        if translated != message:
            return translated
    return gettext(message)


def addressed_plural(singular: str, plural: str, number: int) -> str:
    context = you()
    if context:
        translated = npgettext(context, singular, plural, number)
        if translated not in (singular, plural):
            return translated
    return ngettext(singular, plural, number)


addressed_lazy = lazy(addressed, str)
