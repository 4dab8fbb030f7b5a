"""Quoting what a person typed, without doubling the quotation marks they typed themselves.

A stakeholder's words are often entered already in quotes ("I am disappointed"), and a title may
be too. Every place that puts user text inside quotation marks, in any language's style (“” in
English, 「」 in Chinese, «» in Arabic, the marks living in the translated string), passes the text
through `unquoted` first; where the page itself adds the marks, `quoted` adds the reader's
language's marks only when the text carries none of its own.
"""

from django.utils.translation import gettext as _

# Marks that may open or close a quotation, in the styles people type or paste.
OPENING = "\"'“‘„‚«‹»›「『〝＂"
CLOSING = "\"'”’“‘»›」』〞〟＂«"
# Double quotation marks: text holding one of these inside has its own quoting, which stays.
DOUBLE = '"“”„‟«»「」『』〝〞〟＂'


def unquoted(text: str) -> str:
    """The text without one pair of quotation marks around all of it, if it has such a pair and
    nothing else inside is quoted (`"Yes" and "no"` keeps its marks: its inner quotes need them)."""
    stripped = (text or "").strip()
    if len(stripped) >= 2 and stripped[0] in OPENING and stripped[-1] in CLOSING:
        inner = stripped[1:-1].strip()
        if inner and not any(mark in DOUBLE for mark in inner):
            return inner
    return text


def has_quotes(text: str) -> bool:
    return any(mark in DOUBLE for mark in text or "")


def quoted(text: str) -> str:
    """The text in the reader's language's quotation marks, unless it already carries its own
    (then it is shown as typed, once). Plain text: the template escapes it."""
    inner = unquoted(text)
    if has_quotes(inner):
        return inner
    # Translators: quotation marks around a person's words or a title, e.g. 「%(text)s」 or «%(text)s».
    return _("“%(text)s”") % {"text": inner}
