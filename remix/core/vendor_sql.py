"""Raw SQL a migration runs per database vendor (triggers, functions): PostgreSQL's as one script,
SQLite's statement by statement; other vendors get nothing."""


def vendor_sql_run(schema_editor, postgres: str, sqlite: list[str]) -> None:
    # A bare cursor: no parameters, so the "%" of RAISE EXCEPTION stays as written.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(postgres)
        elif connection.vendor == "sqlite":
            for statement in sqlite:
                cursor.execute(statement)
