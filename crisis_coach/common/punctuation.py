"""Punctuation that depends on the language, for strings the app composes from parts.

Chinese writes a full-width colon and semicolon ("風險：高", "；"), Arabic its own comma and
semicolon ("،", "؛"): a Latin ": " or "; " glued between translated parts looks foreign in both.
Each mark is a translatable string with a context that tells the translator where it goes.
"""

from django.utils.translation import pgettext


def label_value(label, value) -> str:
    """ "Risk: high" in the reader's language."""
    return pgettext("a label and its value, as in 'Risk: high'", "%(label)s: %(value)s") % {
        "label": label,
        "value": value,
    }


def label_separator() -> str:
    """What goes between a label and its value, where markup sits between them."""
    return pgettext("between a label and its value, as in 'Risk: high'", ": ")


def items_joined(items) -> str:
    """Items of a list that may hold commas themselves, separated as a semicolon does in English."""
    return pgettext("between items of a list, as '; ' in English", "; ").join(str(item) for item in items)


def attributes_joined(items) -> str:
    """Short attributes of one thing, separated as a comma does in English ("manager, influence 5")."""
    return pgettext("between short attributes of one thing, as ', ' in English", ", ").join(
        str(item) for item in items
    )
