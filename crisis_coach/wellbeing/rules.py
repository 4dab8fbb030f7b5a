"""When the safety net shows its support panel, as plain functions of data (tests/wellbeing/test_rules.py).

The panel is calm and makes no diagnosis; these rules only decide when to offer it: a check-in with
mood 1, three days in a row at the low end, or words that signal despair in something the person
wrote (a check-in's note, a thought record, an evidence entry). The caller supplies the readings, the
day and the language; nothing here reads the clock or the database.
"""

import datetime
import re
import unicodedata
from collections.abc import Sequence

from crisis_coach.wellbeing.distress_words import DISTRESS_WORDS

MOOD_VERY_LOW = 1
# "The low end" of the 1–5 mood scale, and how many days in a row of it bring the panel.
MOOD_LOW = 2
LOW_DAYS = 3

VERY_LOW = "very_low"
LOW_DAYS_IN_A_ROW = "low_days"
WORDS = "words"

# Languages written with spaces between words: a phrase matches as whole words there ("end it all",
# not "weekend it all"). Chinese has no spaces; Arabic joins "and", "the" and other prefixes to the
# word, so both match as a substring.
WORD_BOUNDED = {"en"}
# What cc_normalise does (crisis_coach/common/migrations/0002_search_normalise.py), in Python, so
# a phrase and a text fold the same way: case, accents, alef forms, alef maqsura, taa marbuta,
# Arabic diacritics and tatweel; and the apostrophes phones type.
_ARABIC_FOLD = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None, "’": "'", "‘": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text folded for matching: lower case, no accents or Arabic diacritics (NFKD splits أ إ آ
    into ا and a mark, which goes), the letters people type interchangeably made one, spaces single."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped.translate(_ARABIC_FOLD)).strip()


def _words_of(language: str) -> list[tuple[str, bool]]:
    """(normalised phrase, whole words?) of the language's list and English's, which people write
    in any interface language."""
    languages = dict.fromkeys([language if language in DISTRESS_WORDS else "en", "en"])
    return [
        (normalise(phrase), code in WORD_BOUNDED) for code in languages for phrase in DISTRESS_WORDS[code]
    ]


def distress_signalled(text: str, language: str) -> bool:
    """Whether `text` holds a phrase that signals despair, in `language` (a Django language code) or
    in English. For any app that keeps what a person writes: the caller shows the support panel."""
    folded = normalise(text)
    if not folded:
        return False
    for phrase, whole_words in _words_of(language):
        if whole_words:
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
                return True
        elif phrase in folded:
            return True
    return False


def support_reason(
    moods: Sequence[tuple[datetime.date, int]], *, today: datetime.date, note: str = "", language: str = "en"
) -> str | None:
    """Why the panel shows after today's check-in, or None: VERY_LOW (mood 1), LOW_DAYS_IN_A_ROW
    (mood at most MOOD_LOW on each of the last LOW_DAYS days, today included), WORDS (today's note).

    `moods` are (day, mood) of the latest check-ins, any order; without one for today, None: the panel
    follows a check-in, it does not chase the person on a day they did not write."""
    by_day = dict(moods)
    if today not in by_day:
        return None
    if by_day[today] <= MOOD_VERY_LOW:
        return VERY_LOW
    days = [today - datetime.timedelta(days=back) for back in range(LOW_DAYS)]
    if all(by_day.get(day, MOOD_LOW + 1) <= MOOD_LOW for day in days):
        return LOW_DAYS_IN_A_ROW
    if note and distress_signalled(note, language):
        return WORDS
    return None
