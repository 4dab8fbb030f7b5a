# The coach's caseload version (CoachProfile.caseload_version), kept by PostgreSQL triggers on every
# table the dashboard's cached part reads, so no write path can skip it: a service, a bulk update, the
# importer, Django's cascading deletes (crisis_coach/common/triggers.py).

from django.db import migrations, models

from crisis_coach.common.triggers import never_back, on_every_write

FUNCTIONS = """
CREATE FUNCTION coaching_caseload_bump(clients bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE coaching_coachprofile SET caseload_version = caseload_version + 1
    WHERE user_id IN (
        SELECT coach_id FROM coaching_coachinglink WHERE status = 'active' AND client_id = ANY (clients)
    )
$$;

-- A case written, trashed, shared or deleted. Its owner never changes, so the new rows name her.
CREATE FUNCTION coaching_caseload_on_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM coaching_caseload_bump(ARRAY(SELECT DISTINCT owner_id FROM changed));
    RETURN NULL;
END $$;

-- A step: the overdue count is read from the steps themselves.
CREATE FUNCTION coaching_caseload_on_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM coaching_caseload_bump(ARRAY(
        SELECT DISTINCT incident.owner_id FROM changed
        JOIN incidents_incident incident ON incident.id = changed.incident_id
    ));
    RETURN NULL;
END $$;

-- Rows that name their coach: a link made, ended or deleted (its coach's caseload changed, whatever
-- its status is now), a client's rating of the coaching.
CREATE FUNCTION coaching_caseload_on_coach_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coaching_coachprofile SET caseload_version = caseload_version + 1
    WHERE user_id IN (SELECT coach_id FROM changed);
    RETURN NULL;
END $$;

-- A client renamed (a row trigger: transition tables cannot go with UPDATE OF a column, and a
-- sign-in's last_login must not empty the coach's cache).
CREATE FUNCTION coaching_caseload_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM coaching_caseload_bump(ARRAY[NEW.id]);
    RETURN NULL;
END $$;
"""

WATCHED = [
    on_every_write("caseload", "incidents_incident", "coaching_caseload_on_incidents"),
    on_every_write("caseload", "incidents_actionstep", "coaching_caseload_on_steps"),
    on_every_write("caseload", "coaching_coachinglink", "coaching_caseload_on_coach_rows"),
    on_every_write("caseload", "coaching_coachingrating", "coaching_caseload_on_coach_rows"),
    never_back("coaching_caseload", "coaching_coachprofile", "caseload_version"),
]
RENAME = (
    "CREATE TRIGGER caseload_rename AFTER UPDATE OF display_name ON accounts_user FOR EACH ROW "
    "WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) "
    "EXECUTE FUNCTION coaching_caseload_on_rename();"
)

CREATE = "\n".join([FUNCTIONS, *(create for create, _ in WATCHED), RENAME])
DROP = "\n".join(
    [
        "DROP TRIGGER caseload_rename ON accounts_user;",
        *(drop for _, drop in reversed(WATCHED)),
        "DROP FUNCTION coaching_caseload_on_rename(), coaching_caseload_on_coach_rows(),"
        " coaching_caseload_on_steps(), coaching_caseload_on_incidents(), coaching_caseload_bump(bigint[]);",
    ]
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_onboarded_at"),
        ("incidents", "0011_coach_practice"),
        ("coaching", "0004_case_access_at_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="coachprofile",
            name="caseload_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(CREATE, reverse_sql=DROP),
    ]
