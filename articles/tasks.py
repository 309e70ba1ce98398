"""Background jobs, written against Django's Tasks API (the django-tasks backport of Django 6's
``django.tasks``). Which engine runs them is settings alone (config/settings.py: a queue in the
database worked by ``manage.py db_worker``, or RQ on Redis). The work is articles/batches.py.
"""

from django_tasks import task


@task()
def plan_batch(batch_id: int):
    """List a batch's article files (zip entries, WARC pages) and queue them."""
    from articles import batches

    batches.plan_batch(batch_id)


@task()
def ingest_items(item_ids: list[int]):
    """Ingest a chunk of a batch's files."""
    from articles import batches

    batches.ingest_items(item_ids)
