"""Background work of the search app (django-tasks: inline by default, a worker in production
when TASKS names one)."""

from django_tasks import task


@task()
def reindex_containing_task(words):
    from .indexing import reindex_containing

    return reindex_containing(words)
