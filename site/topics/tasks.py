"""Background work of the topics app (django-tasks), enqueued daily by the scheduler
(operations.scheduler)."""

from django_tasks import task


@task()
def anonymise_topic_submissions():
    """What `manage.py anonymise_topic_submissions` does: erase the contact details of
    submissions past their retention period. Returns how many."""
    from .handling import anonymise_due

    return anonymise_due()
