"""cc_titled_document(title, body): the search vector of a title (weight A) and a body (weight B),
exactly as crisis_coach.common.search.document((title, "A"), (body, "B")) writes it inline, but
with each argument evaluated once. Inline, the expression repeats the body for each of the three
configurations, and a case's body is a set of subqueries (incidents/case_summary.py): evaluated
once, the case's vector costs about half as much (bench/RESULTS.md). IMMUTABLE, as its parts are.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION cc_titled_document(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, t), 'A')
        || setweight(to_tsvector('english'::regconfig, t), 'A')
        || setweight(to_tsvector('arabic'::regconfig, t), 'A')
        || setweight(to_tsvector('simple'::regconfig, b), 'B')
        || setweight(to_tsvector('english'::regconfig, b), 'B')
        || setweight(to_tsvector('arabic'::regconfig, b), 'B')
    FROM (SELECT COALESCE(cc_normalise(title), '') AS t, COALESCE(cc_normalise(body), '') AS b) AS normalised
$$
"""


class Migration(migrations.Migration):
    dependencies = [("common", "0002_search_normalise")]

    operations = [migrations.RunSQL(CREATE, "DROP FUNCTION cc_titled_document(text, text)")]
