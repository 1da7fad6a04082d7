"""Signals an app sends for the apps above it to act on, so that layers point one way: the
sender does not import (or know) who listens."""

from django.dispatch import Signal

# Records behind public pages changed in bulk without the usual model signals (an archive
# import writes rows with COPY or bulk_create): whatever caches rendered pages is stale.
# ``sites`` (optional): the Sites (or their ids) whose records changed, when the sender knows;
# without it, anything may have changed.
content_changed = Signal()

# A committee's moderation workflow was just made (core.committees.ensure_moderation_workflow):
# apps above add their own tasks to it (checks puts its publication check first). Sent with
# ``workflow`` and ``site``.
moderation_workflow_created = Signal()
