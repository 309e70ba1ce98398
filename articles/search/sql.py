"""Raw statements assembled from querysets: several counts or facets in one round trip."""

from django.db import connection


def compiled(queryset):
    """(sql, params) of a queryset, ready to be embedded in a bigger statement."""
    return queryset.query.sql_with_params()


def fetch_all(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
