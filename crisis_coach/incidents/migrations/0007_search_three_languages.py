"""The case's stored search text and vector, rebuilt through cc_normalise and three text search
configurations (crisis_coach/common/search.py); the title weighs A, the rest B. From now on
case_summary.summary_columns keeps them. Reversing restores the upper-cased text and the
'simple' vector of 0004."""

from django.db import migrations

_BODY = """
    i.what_happened
    || ' ' || COALESCE((SELECT string_agg(what_they_said, ' ') FROM incidents_stakeholder WHERE incident_id = i.id), '')
    || ' ' || COALESCE((SELECT string_agg(title, ' ') FROM incidents_actionstep WHERE incident_id = i.id), '')
"""
_VECTOR = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, cc_normalise({text})), '{weight}')"
    for text, weight in (("i.title", "A"), (_BODY, "B"))
    for config in ("simple", "english", "arabic")
)
FORWARD = f"""
UPDATE incidents_incident i SET
    search_text = cc_normalise(i.title || ' ' || {_BODY}),
    search_vector = {_VECTOR}
"""
BACKWARD = f"""
UPDATE incidents_incident i SET
    search_text = upper(i.title || ' ' || {_BODY}),
    search_vector = to_tsvector('simple'::regconfig, i.title || ' ' || {_BODY})
"""


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0006_edit_versions"),
        ("common", "0002_search_normalise"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
