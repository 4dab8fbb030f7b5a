# The person's data version (accounts.User.data_version), kept by PostgreSQL triggers on every table
# her own pages show, so no write path can skip it: a service, a bulk update, the importer, Django's
# cascading deletes, a coach's write on her case (crisis_coach/common/triggers.py). It takes over
# from the cases version of incidents migration 0012, which watched only what the list of setbacks
# shows: one version for all her page parts (common/page_cache.py).
#
# PEOPLE says which tables move it and how each finds its people; NOT_WATCHED says why the others
# don't. tests/accounts/test_data_version.py holds every table of the project to one of the two.

import importlib

from django.db import migrations

from crisis_coach.common.triggers import on_every_write

cases_version = importlib.import_module("crisis_coach.incidents.migrations.0012_cases_version_triggers")

BY_INCIDENT = "SELECT incident.owner_id FROM changed JOIN incidents_incident incident ON incident.id = changed.incident_id"
BY_CONTACT = "SELECT contact.owner_id FROM changed JOIN network_contact contact ON contact.id = changed.contact_id"

# Each watched table, with the query over its written rows (`changed`) that names their people.
PEOPLE = {
    # Hers by an owner column.
    "incidents_incident": "SELECT owner_id FROM changed",
    "network_contact": "SELECT owner_id FROM changed",
    "network_relationshipcadence": "SELECT owner_id FROM changed",
    "network_community": "SELECT owner_id FROM changed",
    "network_contactimport": "SELECT owner_id FROM changed",
    "wellbeing_checkin": "SELECT owner_id FROM changed",
    "wellbeing_radarcheck": "SELECT owner_id FROM changed",
    "wellbeing_preventionstep": "SELECT owner_id FROM changed",
    "reminders_remindersettings": "SELECT user_id FROM changed",
    "account_emailaddress": "SELECT user_id FROM changed",  # Today reminds her of an unconfirmed one
    # A case's rows, hers or her coach's.
    "incidents_stakeholder": BY_INCIDENT,
    "incidents_stancechange": BY_INCIDENT,
    "incidents_assessment": BY_INCIDENT,
    "incidents_conversation": BY_INCIDENT,
    "incidents_actionstep": BY_INCIDENT,
    "incidents_reflection": BY_INCIDENT,
    "incidents_casereview": BY_INCIDENT,
    "incidents_timelineevent": BY_INCIDENT,
    "evidence_evidenceentry": BY_INCIDENT,
    "wellbeing_thoughtrecord": BY_INCIDENT,
    "coaching_coachcomment": BY_INCIDENT,
    "coaching_caseaccess": BY_INCIDENT,  # the access log her coaching panel shows
    "coaching_coachnudge": BY_INCIDENT,
    "coaching_ratedcase": BY_INCIDENT,
    # A contact's rows.
    "network_importantdate": BY_CONTACT,
    "network_interaction": BY_CONTACT,
    "network_commitment": BY_CONTACT,
    "network_participation": (
        "SELECT community.owner_id FROM changed"
        " JOIN network_community community ON community.id = changed.community_id"
    ),
    # Coaching: both sides see a link and a session; the client sees her ratings.
    "coaching_coachinglink": "SELECT client_id FROM changed UNION SELECT coach_id FROM changed",
    "coaching_coachingsession": "SELECT client_id FROM changed UNION SELECT coach_id FROM changed",
    "coaching_coachingrating": "SELECT client_id FROM changed",
    "coaching_coachnote": "SELECT client_id FROM changed UNION SELECT coach_id FROM changed",
}

# The tables that move no one's version, and why.
NOT_WATCHED = {
    "accounts_user": "its own row triggers: a change of hers, and a new name for the people linked to her",
    "incidents_noteversion": "a note's history, written only with the timeline event it keeps",
    "evidence_evidenceversion": "an entry's history, written only with the entry it keeps",
    "coaching_playbookstepuse": "written only with the step it made",
    "coaching_coachprofile": "the coach's caseload has its own version (coaching migration 0005)",
    # Her clients' Resolve pages show it, up to a minute late (page_cache.SECONDS): another person's
    # library, which she edits seldom, never her client's own write.
    "coaching_playbook": "the coach's own library",
    "coaching_playbookstep": "the coach's own library",
    "common_submissiontoken": "the double-submit guard, shown nowhere",
    "accounts_securityevent": "the security page, which is not cached",
    "accounts_supportaccess": "the security page, which is not cached",
    "accounts_queuedemail": "the outbox, shown nowhere",
    "reminders_digestsent": "a digest's record, shown nowhere",
    "wellbeing_supportresource": "nobody's: the same list for everyone",
}

FUNCTIONS = """
-- Moves the version of the people that TG_ARGV[0], a query over `changed`, names.
CREATE FUNCTION accounts_data_on_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'UPDATE accounts_user SET data_version = data_version + 1 WHERE id IN (' || TG_ARGV[0] || ')';
    RETURN NULL;
END $$;

-- Her own row: any change but a sign-in's last_login moves it, and a row saved whole (a form's
-- save) never takes it back to the number it read.
CREATE FUNCTION accounts_data_on_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.data_version := GREATEST(OLD.data_version, NEW.data_version);
    IF to_jsonb(NEW) - 'last_login' - 'data_version' IS DISTINCT FROM to_jsonb(OLD) - 'last_login' - 'data_version' THEN
        NEW.data_version := NEW.data_version + 1;
    END IF;
    RETURN NEW;
END $$;

-- A new name shows on the pages of the people linked to her: her coach's, her clients'.
CREATE FUNCTION accounts_data_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts_user SET data_version = data_version + 1 WHERE id IN (
        SELECT client_id FROM coaching_coachinglink WHERE coach_id = NEW.id
        UNION SELECT coach_id FROM coaching_coachinglink WHERE client_id = NEW.id
    );
    RETURN NULL;
END $$;

CREATE TRIGGER data_user BEFORE UPDATE ON accounts_user FOR EACH ROW EXECUTE FUNCTION accounts_data_on_user();
CREATE TRIGGER data_rename AFTER UPDATE OF display_name ON accounts_user FOR EACH ROW
    WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION accounts_data_on_rename();
"""

WATCHED = [on_every_write("data", table, "accounts_data_on_rows", people) for table, people in PEOPLE.items()]

CREATE = "\n".join([FUNCTIONS, *(create for create, _ in WATCHED)])
DROP = "\n".join(
    [
        *(drop for _, drop in reversed(WATCHED)),
        "DROP TRIGGER data_rename ON accounts_user; DROP TRIGGER data_user ON accounts_user;",
        "DROP FUNCTION accounts_data_on_rename(), accounts_data_on_user(), accounts_data_on_rows();",
    ]
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0012_cases_version"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("coaching", "0005_caseload_version"),
        ("evidence", "0001_evidence_log"),
        ("incidents", "0012_cases_version_triggers"),
        ("network", "0005_contact_reach_and_imports"),
        ("reminders", "0002_checkin_reminder"),
        ("wellbeing", "0001_wellbeing"),
    ]

    operations = [
        migrations.RunSQL(cases_version.DROP, reverse_sql=cases_version.CREATE),
        migrations.RenameField("user", "cases_version", "data_version"),
        migrations.RunSQL(CREATE, reverse_sql=DROP),
    ]
