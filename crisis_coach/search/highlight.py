"""The person's search results, with the matched words in <mark>, safely.

The database matched the row through cc_normalise (crisis_coach/common/search.py); here Python
finds the same words again in the text it shows. `fold` mirrors cc_normalise character by
character (case, accents, the Arabic letters people type interchangeably, diacritics and tatweel)
and remembers, for each folded character, the original character it came from, so a match found
in the folded copy marks the original text as the person wrote it.

A term is looked for as a substring (which covers Chinese, written without spaces). A term the
database found by its English stem (negotiation → negotiating) is not a substring: then the words
sharing the term's first STEM_LETTERS folded letters are marked. Every piece of text is escaped
before any <mark> goes in, so nothing the person typed ever becomes markup.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from crisis_coach.common.search import Term

SNIPPET_LENGTH = 160
# How much of the snippet comes before the first match.
SNIPPET_LEAD = 50
STEM_LETTERS = 5

# What cc_normalise does to Arabic: hamza forms of alef → ا, ى → ي, ة → ه; diacritics and tatweel go.
_ARABIC = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_ARABIC.update(dict.fromkeys([chr(code) for code in range(0x064B, 0x0653)] + ["\u0670", "\u0640"], ""))
_WORD = re.compile(r"\w+")


def _fold_char(char: str) -> str:
    if char in _ARABIC:
        return _ARABIC[char]
    if "\u0600" <= char <= "\u06ff":
        return char  # unaccent leaves the rest of Arabic alone (ؤ stays ؤ)
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(part for part in decomposed if not unicodedata.combining(part))
    return stripped.casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in _fold_char(char):
            folded.append(part)
            origin.append(index)
    return "".join(folded), origin


def _needles(terms: list[Term]) -> list[str]:
    """The folded strings to look for: each term, and each word of a phrase (the stem fallback
    works per word)."""
    needles: list[str] = []
    for term in terms:
        for text in [term.text, *(term.text.split() if term.phrase else [])]:
            needle = fold(text)[0].strip()
            if needle and needle not in needles:
                needles.append(needle)
    return needles


def _through_marks(text: str, end: int) -> int:
    """The end of a match moved past the diacritics on its last letter (they fold to nothing)."""
    while end < len(text) and not _fold_char(text[end]):
        end += 1
    return end


def match_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Where the terms are in the text, as sorted, merged (start, end) spans of the original."""
    folded, origin = fold(text)
    spans: list[tuple[int, int]] = []
    for needle in _needles(terms):
        found = [(match.start(), match.end()) for match in re.finditer(re.escape(needle), folded)]
        if not found and len(needle) >= STEM_LETTERS and " " not in needle:
            stem = needle[:STEM_LETTERS]
            words = _WORD.finditer(folded)
            found = [(word.start(), word.end()) for word in words if word.group().startswith(stem)]
        spans.extend((origin[start], _through_marks(text, origin[end - 1] + 1)) for start, end in found)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> SafeString:
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        start, end = max(start - offset, position), min(end - offset, len(text))
        if start >= end:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece of user text above is escaped


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The whole text, escaped, with the matches in <mark>."""
    text = text or ""
    return _marked(text, match_spans(text, terms))


def snippet(text: str, terms: list[Term], length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of the text around its first match (or its start), escaped, with
    the matches in <mark> and "…" where the text was cut."""
    text = " ".join((text or "").split())
    spans = match_spans(text, terms)
    if len(text) <= length:
        return _marked(text, spans)
    start = max(spans[0][0] - SNIPPET_LEAD, 0) if spans else 0
    start = min(start, len(text) - length)
    if start:
        space = text.find(" ", start, start + 15)  # begin at a word when one starts nearby
        start = space + 1 if space != -1 else start
    end = min(start + length, len(text))
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space != -1 else end
    window = text[start:end]
    shown = [(s, e) for s, e in spans if e > start and s < end]
    body = _marked(window, shown, offset=start)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))  # noqa: S308
