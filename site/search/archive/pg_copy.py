"""Rows written in bulk: with COPY on PostgreSQL (primary keys taken from the table's
sequence), with one prepared INSERT executed for every row on SQLite."""

from django.db import connection


def allocate_ids(model, count):
    """PostgreSQL: ``count`` primary keys from the table's own sequence, for rows to COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_tuples(table, fields, rows):
    """PostgreSQL: insert ``rows`` (values prepared for the database, in the order of
    ``fields``) with COPY. psycopg dumps the values in C; Django's client-side binding quotes
    each one in Python, which cost a third of the import's time on ~1,000-character items."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def copy_rows(model, objects, fields):
    """PostgreSQL: insert model instances with COPY."""
    copy_tuples(
        model._meta.db_table,
        fields,
        (
            [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            for obj in objects
        ),
    )


def insert_rows(table, fields, rows):
    """Inserts ``rows`` (values prepared for the database, in the order of ``fields``)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        copy_tuples(table, fields, rows)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})", rows)
