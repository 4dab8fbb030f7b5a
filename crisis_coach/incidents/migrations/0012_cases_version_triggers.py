# The person's cases version (accounts.User.cases_version), kept by PostgreSQL triggers on every table
# the setbacks list's cached part reads, so no write path can skip it: a service, a bulk update, the
# importer, Django's cascading deletes (crisis_coach/common/triggers.py).

from django.db import migrations

from crisis_coach.common.triggers import never_back, on_every_write

FUNCTIONS = """
CREATE FUNCTION incidents_cases_bump(owners bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE accounts_user SET cases_version = cases_version + 1 WHERE id = ANY (owners)
$$;

-- A case written, trashed, restored or deleted. Its owner never changes, so the new rows name her.
CREATE FUNCTION incidents_cases_on_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incidents_cases_bump(ARRAY(SELECT DISTINCT owner_id FROM changed));
    RETURN NULL;
END $$;

-- A row of a case that the list shows: a step (the overdue count), the assessment (the risk).
CREATE FUNCTION incidents_cases_on_case_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incidents_cases_bump(ARRAY(
        SELECT DISTINCT incident.owner_id FROM changed
        JOIN incidents_incident incident ON incident.id = changed.incident_id
    ));
    RETURN NULL;
END $$;
"""

WATCHED = [
    on_every_write("cases", "incidents_incident", "incidents_cases_on_incidents"),
    on_every_write("cases", "incidents_actionstep", "incidents_cases_on_case_rows"),
    on_every_write("cases", "incidents_assessment", "incidents_cases_on_case_rows"),
    never_back("incidents_cases", "accounts_user", "cases_version"),
]

CREATE = "\n".join([FUNCTIONS, *(create for create, _ in WATCHED)])
DROP = "\n".join(
    [
        *(drop for _, drop in reversed(WATCHED)),
        "DROP FUNCTION incidents_cases_on_case_rows(), incidents_cases_on_incidents(),"
        " incidents_cases_bump(bigint[]);",
    ]
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0012_cases_version"),
        ("incidents", "0011_coach_practice"),
    ]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
