"""The shared spine and the participant roles, defined once: consultation's ``Spine`` and
``ParticipantRole`` choices are built from these, and plugins see them through the plugin API."""

# The shared spine: every county's method maps its steps onto these seven.
COLLECT, SELECT, RESEARCH, DELIBERATE, PUBLISH, IMPLEMENT, FEEDBACK = range(1, 8)
SPINE = {
    COLLECT: "收集议题",
    SELECT: "确定议题",
    RESEARCH: "议前调研",
    DELIBERATE: "协商议事",
    PUBLISH: "公开公示",
    IMPLEMENT: "办理实施",
    FEEDBACK: "结果反馈",
}
# Participant roles an activity records (consultation.models.ParticipantRole keys).
PARTICIPANT_ROLES = {
    "member": "政协委员",
    "stakeholder": "利益相关方",
    "public_rep": "群众代表",
    "department": "部门负责人",
    "party_rep": "党代表",
    "npc_rep": "人大代表",
    "expert": "专家学者",
    "other": "其他",
}
