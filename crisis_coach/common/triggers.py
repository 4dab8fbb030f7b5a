"""The SQL of the PostgreSQL triggers that keep a cache version current, for migrations.

A page part cached under a version (the coach's caseload, a person's list of setbacks) is only
right if every write to what it shows moves the version, whatever wrote it: a service, a bulk
UPDATE, the importer, Django's cascading deletes. Triggers see them all. They are statement-level,
with the statement's rows as the transition table `changed`, so a write of thousands of rows (the
seeders) moves each version once.

Each function here returns (create, drop) SQL for migrations.RunSQL. Migrations call them with
literal names, so what they create never changes under them.
"""

OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def on_every_write(name: str, table: str, function: str, argument: str | None = None) -> tuple[str, str]:
    """Triggers `name`_insert, _update and _delete on `table`, each running `function()` once a
    statement with the rows it wrote (the old ones for a delete) as `changed`, and `argument` as
    TG_ARGV[0] when it is given."""
    arguments = "" if argument is None else "'" + argument.replace("'", "''") + "'"
    create, drop = [], []
    for operation in OPERATIONS:
        rows = "OLD" if operation == "DELETE" else "NEW"
        trigger = f"{name}_{operation.lower()}"
        create.append(
            f"CREATE TRIGGER {trigger} AFTER {operation} ON {table} "
            f"REFERENCING {rows} TABLE AS changed FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function}({arguments});"
        )
        drop.append(f"DROP TRIGGER {trigger} ON {table};")
    return "\n".join(create), "\n".join(drop)


def never_back(name: str, table: str, column: str) -> tuple[str, str]:
    """A row saved whole (a form's save) writes back the version it read: it must not go back, or a
    part cached under that older version would be shown again."""
    function = f"{name}_never_back"
    create = f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.{column} := GREATEST(OLD.{column}, NEW.{column});
    RETURN NEW;
END $$;
CREATE TRIGGER {function} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    return create, f"DROP TRIGGER {function} ON {table}; DROP FUNCTION {function}();"
