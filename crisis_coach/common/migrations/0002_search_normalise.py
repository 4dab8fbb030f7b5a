"""cc_normalise(text): how every search in the project folds text, in the database, so that the
stored search text, its indexes and the query's words all go through the same rules
(crisis_coach/common/search.py). IMMUTABLE, so an index or a stored column may use it and the
planner folds it over a query's constant words before it picks an index.

unaccent is called with its dictionary named, the form that does not depend on search_path.
Arabic: hamza forms of alef (أ إ آ ٱ) become ا, alef maqsura (ى) ي, taa marbuta (ة) ه; the
diacritics (U+064B–U+0652, U+0670) and tatweel (U+0640) are dropped: translate() deletes the
characters of its second argument that have no counterpart in its third.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = r"""
CREATE FUNCTION cc_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT translate(
        upper(public.unaccent('public.unaccent'::regdictionary, value)),
        'أإآٱىة' || U&'\064B\064C\064D\064E\064F\0650\0651\0652\0670\0640',
        'اااايه'
    )
$$
"""


class Migration(migrations.Migration):
    dependencies = [("common", "0001_submission_token")]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CREATE, "DROP FUNCTION cc_normalise(text)"),
    ]
