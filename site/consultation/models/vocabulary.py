"""The spine and the participant roles as model choices, built from the plugin interface's
``SPINE`` and ``PARTICIPANT_ROLES`` so that the two cannot drift apart (plugins map their steps
and composition rules onto core's copy; the database stores these values)."""

from django.db import models

from core.plugins import PARTICIPANT_ROLES, SPINE

# Member names of the spine steps, in spine order (core names its constants the same way).
SPINE_NAMES = ("COLLECT", "SELECT", "RESEARCH", "DELIBERATE", "PUBLISH", "IMPLEMENT", "FEEDBACK")

Spine = models.IntegerChoices(
    "Spine",
    list(zip(SPINE_NAMES, SPINE.items(), strict=True)),
    module=__name__,
    qualname="Spine",
)
Spine.__doc__ = (
    "The shared process every county's method maps its own steps onto (docs/consultation.md)."
)


def _is_public(cls, step):
    """Citizens see the steps from 公开公示 on; earlier ones are internal work."""
    return step >= cls.PUBLISH


Spine.is_public = classmethod(_is_public)

ParticipantRole = models.TextChoices(
    "ParticipantRole",
    [(key.upper(), (key, label)) for key, label in PARTICIPANT_ROLES.items()],
    module=__name__,
    qualname="ParticipantRole",
)
ParticipantRole.__doc__ = "Who took part in an activity (the roles plugins' rules name)."
