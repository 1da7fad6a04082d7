"""The spine and the participant roles exist once: the model choices the database stores agree
with the plugin interface's ``SPINE`` and ``PARTICIPANT_ROLES`` that plugins map onto, in values,
labels and order, and the migrations record the same choices."""

from django.db.migrations.loader import MigrationLoader

import core.plugins
from consultation.models import ParticipantRole, Participation, Spine
from core.plugins import PARTICIPANT_ROLES, SPINE


def test_spine_choices_are_core_spine():
    assert Spine.choices == list(SPINE.items())
    assert [step.value for step in Spine] == list(SPINE)
    assert [step.label for step in Spine] == list(SPINE.values())


def test_spine_member_names_are_core_constants():
    for step in Spine:
        assert getattr(core.plugins, step.name) == step.value


def test_participant_role_choices_are_core_roles():
    assert ParticipantRole.choices == list(PARTICIPANT_ROLES.items())
    assert [role.name for role in ParticipantRole] == [key.upper() for key in PARTICIPANT_ROLES]
    assert Participation._meta.get_field("role").choices == list(PARTICIPANT_ROLES.items())


def test_spine_is_public_from_publish_on():
    assert [step for step in Spine if Spine.is_public(step)] == [
        core.plugins.PUBLISH,
        core.plugins.IMPLEMENT,
        core.plugins.FEEDBACK,
    ]


def test_migrations_record_the_same_choices():
    """Editing core's copy without a migration would leave the database's choices behind."""
    state = MigrationLoader(None, ignore_no_migrations=True).project_state()
    steps = state.models["consultation", "activitystep"].fields["step"]
    current = state.models["consultation", "activity"].fields["current_step"]
    roles = state.models["consultation", "participation"].fields["role"]
    assert list(steps.choices) == list(SPINE.items())
    assert list(current.choices) == list(SPINE.items())
    assert list(roles.choices) == list(PARTICIPANT_ROLES.items())
