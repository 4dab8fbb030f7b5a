"""How much a person can write, and so how large a request and an export can be.

Plain numbers, no Django imports: settings.py reads them, and so do the forms
(crisis_coach.common.forms.limit_long_text), the export schema and the tests that prove the sums.

Every long text field (a textarea) holds at most LONG_TEXT_MAX characters, counted as Python
counts them (code points; a line break counts once, as the browser's `maxlength` counts it, though
the browser sends it as CR LF). The request limit then follows from the biggest form: a form is
sent URL-encoded, and the worst character for that is one of four UTF-8 bytes (an emoji), each
byte sent as "%XX": 12 bytes per character. Chinese takes 9 (three bytes), Arabic 6 (two).
"""

LONG_TEXT_MAX = 20_000  # characters: about ten pages of English, or of Chinese a long essay

URL_ENCODED_BYTES_PER_CHARACTER = 12  # an emoji: 4 UTF-8 bytes, each "%F0"-style
# The form with the most long text: the conversation plan (acknowledge, cause, amends, ask).
# tests/common/test_text_limits.py adds up every form on every page and fails if one needs more.
MOST_LONG_TEXTS_IN_ONE_FORM = 4
# Everything else in that form at its worst: short text fields (titles ≤ 200 characters), choices,
# dates, hidden tokens, the field names, the "&" and "=" between them.
OTHER_FIELDS_BYTES = 64 * 1024

# Django's DATA_UPLOAD_MAX_MEMORY_SIZE (a request body beyond it is answered with a bare 400):
# 4 × 20,000 × 12 + 64 KiB = 1,025,536 bytes, so any text within the maxima fits in every language.
REQUEST_BODY_MAX = (
    MOST_LONG_TEXTS_IN_ONE_FORM * LONG_TEXT_MAX * URL_ENCODED_BYTES_PER_CHARACTER + OTHER_FIELDS_BYTES
)

# The import's file limit. An export is JSON in UTF-8 without escaping (ensure_ascii=False): at
# worst 6 bytes per character (a control character, written "\u0001"), 4 for an emoji, 3 for
# Chinese. One setback written to every maximum — its narrative, a stakeholder, the assessment, a
# conversation, a step, the reflection and the timeline copying the outcome notes, 14 long texts —
# is about 14 × 20,000 × 6 ≈ 1.7 MB at worst (1.1 MB in emoji). 64 MiB holds nearly 40 such setbacks,
# or thousands of ordinary ones; tests/accounts/test_export_import_limits.py exports an account at the
# maxima and imports it back.
IMPORT_FILE_MAX = 64 * 1024 * 1024

# The contact import (network/importing): a vCard or CSV file of at most this size, and at most this
# many contacts in one file. 10 MB holds thousands of plain contacts, or a few hundred with photos
# (a phone's export carries each photo in the file; the photos are not kept). 5,000 contacts are
# read, matched and saved in a task well within a minute.
CONTACT_IMPORT_FILE_MAX = 10 * 1024 * 1024
CONTACT_IMPORT_MAX_CONTACTS = 5_000
