"""The query plan of a queryset, for tests that check which index serves it."""

from django.db import connection


def plan_without_seqscan(queryset) -> str:
    """EXPLAIN of `queryset` with sequential scans forbidden: on a handful of test rows a sequential
    scan is cheapest, so forbidding it shows which index the query can use."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())
