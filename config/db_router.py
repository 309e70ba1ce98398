"""Read replicas: send reads to the "replica" database alias when there is one.

Enabled by settings only when DATABASE_REPLICA_URL is set (see docs/DEPLOY.md):

    if os.environ.get("DATABASE_REPLICA_URL"):
        DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=...)
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]

Rules:
- writes, migrations and everything inside a transaction on the primary go to "default";
- reads go to "replica", except while the current thread is inside ``transaction.atomic()`` on
  the primary (a read that must see the transaction's own writes: ingestion, review, admin
  saves) and except for the models in PRIMARY_ONLY (sessions, auth, axes' lockouts: a login or
  a lockout must be seen at once, replication lag would break them; the task queue and the
  ingestion batches: a worker must see what it was just handed);
- relations between objects of the two aliases are allowed: they are the same database.

Replication lag: the public pages read what was published seconds ago at worst; staff pages
that write then read (the admin) run in transactions, or use ``.using("default")``.
"""

import os

from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_ONLY = {"sessions", "auth", "admin", "contenttypes", "axes", "django_tasks_db"}
# The ingestion queue's own records: a worker must see the items it was just handed.
PRIMARY_ONLY_MODELS = {"articles.ingestbatch", "articles.ingestupload", "articles.ingestitem"}


def replica_configured():
    return bool(os.environ.get("DATABASE_REPLICA_URL")) and REPLICA in connections.settings


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if model._meta.app_label in PRIMARY_ONLY or model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
