"""The method as 嘉峪关市政协 describes it (seed 001, “搭建履职‘新平台’ 打造协商‘新品牌’”):

- platform: 政协委员工作站、政协协商议事会、政协协商议事室“三位一体”;
- rooms built to the 六有 standard (有场所、有标志、有设施、有制度、有活动记录、有固定成员);
- process: 收集议题、确定议题、议前调研、协商议事、公开公示、办理实施和结果反馈;
- participants by the “1+7+3”议事模式, with 利益相关方、基层群众代表、相关部门负责同志 taking part.

The seed does not say which participants each number counts: the county configures the groups
(``composition.groups``); until it does, no 1+7+3 check is made.
"""

from core.plugins import (
    COLLECT,
    DELIBERATE,
    FEEDBACK,
    IMPLEMENT,
    PARTICIPANT_ROLES,
    PUBLISH,
    RESEARCH,
    SELECT,
    Checklist,
    CompositionRule,
    ConsultationMethod,
    ParticipantGroup,
    Step,
)

ROLE_CHOICES = [{"title": label, "value": key} for key, label in PARTICIPANT_ROLES.items()]

SIX_HAVES = (
    ("venue", "有场所"),
    ("sign", "有标志"),
    ("facilities", "有设施"),
    ("rules", "有制度"),
    ("records", "有活动记录"),
    ("members", "有固定成员"),
)


class ThreeInOne(ConsultationMethod):
    key = "three_in_one"
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
    config_schema = {
        "type": "object",
        "title": "三位一体配置",
        "properties": {
            "composition": {
                "type": "object",
                "title": "参与人员构成（如 1+7+3）",
                "properties": {
                    "name": {"type": "string", "title": "模式名称", "maxLength": 40},
                    "groups": {
                        "type": "array",
                        "title": "人员组成",
                        "helpText": (
                            "每组写明身份和最少人数；种子资料未说明各数字对应的人员，由本地配置。"
                        ),
                        "maxItems": 10,
                        "items": {
                            "type": "object",
                            "title": "一组人员",
                            "properties": {
                                "label": {
                                    "type": "string",
                                    "title": "名称",
                                    "minLength": 1,
                                    "maxLength": 40,
                                },
                                "roles": {
                                    "type": "array",
                                    "title": "身份",
                                    "minItems": 1,
                                    "uniqueItems": True,
                                    "items": {
                                        "type": "string",
                                        "enum": list(PARTICIPANT_ROLES),
                                        "choices": ROLE_CHOICES,
                                    },
                                },
                                "minimum": {
                                    "type": "integer",
                                    "title": "最少人数",
                                    "minimum": 0,
                                    "maximum": 999,
                                },
                            },
                            "required": ["label", "roles", "minimum"],
                            "additionalProperties": False,
                        },
                    },
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }
    default_config = {"composition": {"name": "1+7+3", "groups": []}}

    def composition_rules(self, config):
        composition = config.get("composition") or {}
        groups = tuple(
            ParticipantGroup(g["label"], tuple(g["roles"]), g["minimum"])
            for g in composition.get("groups", [])
        )
        if not groups:
            return []
        return [CompositionRule("composition", composition.get("name") or "1+7+3", groups)]
