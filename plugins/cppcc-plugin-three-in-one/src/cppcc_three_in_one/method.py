"""The method as 嘉峪关市政协 describes it (seed 001, “搭建履职‘新平台’ 打造协商‘新品牌’”):

- platform: 政协委员工作站、政协协商议事会、政协协商议事室“三位一体”;
- rooms built to the 六有 standard (有场所、有标志、有设施、有制度、有活动记录、有固定成员);
- process: 收集议题、确定议题、议前调研、协商议事、公开公示、办理实施和结果反馈;
- participants by the “1+7+3”议事模式, with 利益相关方、基层群众代表、相关部门负责同志 taking part.

The seed does not say which participants each number counts: the county configures the groups
(``composition.groups``); until it does, no 1+7+3 check is made.
"""

from plugin_api import (
    COLLECT,
    DELIBERATE,
    FEEDBACK,
    IMPLEMENT,
    PUBLISH,
    RESEARCH,
    SELECT,
    Checklist,
    ConsultationMethod,
    MethodFigure,
    Step,
    activities,
    composition_rule,
    participant_groups_schema,
    platforms,
)

KEY = "three_in_one"

SIX_HAVES = (
    ("venue", "有场所"),
    ("sign", "有标志"),
    ("facilities", "有设施"),
    ("rules", "有制度"),
    ("records", "有活动记录"),
    ("members", "有固定成员"),
)


def _rooms_meeting_six_haves(scope, config):
    """(达标数, 议事室数) of the scope's published rooms (kinds under the 六有 standard), now."""
    from plugin_api import six_haves_status

    rooms = platforms(scope, six_haves=True).filter(kind__uses_six_haves=True)
    statuses = [six_haves_status(room)["compliant"] for room in rooms]
    return (sum(statuses), len(statuses)) if statuses else None


def _activities_meeting_composition(scope, config):
    """(符合数, 场次) of the scope's 三位一体 activities held in its period (configured rule)."""
    method = ThreeInOne()
    if not method.composition_rules(config):
        return None
    held = activities(scope, method=KEY).filter(held_on__isnull=False, **scope.period("held_on"))
    count = met = 0
    for activity in held.prefetch_related("participants"):
        counts = {}
        for participant in activity.participants.all():
            counts[participant.role] = counts.get(participant.role, 0) + participant.count
        count += 1
        met += not method.check_participants(counts, config)
    return (met, count)


class ThreeInOne(ConsultationMethod):
    key = KEY
    name = "三位一体"
    slogan = "嘉事好商量、三有在基层"
    description = (
        "政协委员工作站、政协协商议事会、政协协商议事室“三位一体”的协商平台；"
        "协商议事室按“六有”标准建设，协商按“1+7+3”议事模式组织。"
    )
    steps = (
        Step("收集议题", COLLECT),
        Step("确定议题", SELECT),
        Step("议前调研", RESEARCH),
        Step("协商议事", DELIBERATE),
        Step("公开公示", PUBLISH),
        Step("办理实施", IMPLEMENT),
        Step("结果反馈", FEEDBACK),
    )
    standards = (Checklist("liuyou", "六有", SIX_HAVES, platform_kinds=("room",)),)
    figures = (
        MethodFigure(
            "liuyou_rooms",
            "“六有”达标议事室",
            "",
            "已发布的协商议事室（适用“六有”标准的平台）中六项均达标的数量/总数，按当前状态。",
            _rooms_meeting_six_haves,
        ),
        MethodFigure(
            "composition_met",
            "人员构成达标的协商",
            "",
            "期间内召开的三位一体协商活动中，参与人员符合本站配置的构成要求（如 1+7+3）的"
            "场次/总场次；"
            "未配置构成要求时不统计。",
            _activities_meeting_composition,
        ),
    )
    config_schema = {
        "type": "object",
        "title": "三位一体配置",
        "properties": {
            "composition": {
                "type": "object",
                "title": "参与人员构成（如 1+7+3）",
                "properties": {
                    "name": {"type": "string", "title": "模式名称", "maxLength": 40},
                    "groups": participant_groups_schema(
                        help_text="每组写明身份和最少人数；种子资料未说明各数字对应的人员，"
                        "由本地配置。"
                    ),
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }
    default_config = {"composition": {"name": "1+7+3", "groups": []}}

    def composition_rules(self, config):
        composition = config.get("composition") or {}
        return composition_rule(
            "composition", composition.get("name") or "1+7+3", composition.get("groups")
        )
