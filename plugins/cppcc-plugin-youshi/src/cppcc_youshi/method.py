"""有事来协商 as the seeds describe it:

- seed 000 (州政协 speech): platforms at county, township (乡镇) and village (村/社区) level —
  “小金、理县等县实现三级协商阵地全覆盖”, some counties through 乡镇片区联络站 and 村级联络点;
  the provincial guidance “四心”总体工作思路【坚决维护核心、倾力服务中心、坚守为民初心、
  广泛凝聚人心】.
- seed 003 (泸州): 协商议事室 covering every district, park, township and village; “5月份集中
  开展‘有事来协商’活动，组织各类小微协商2000余场次、帮助解决问题1800多个” — a campaign
  period reported on its own.

The seeds give no steps of their own: the method follows the shared spine, and a county may
rename the steps (``step_labels``). The guidance, the campaigns and the administrative units to
cover are the county's configuration and records, never typed-in figures.
"""

import datetime

from plugin_api import SPINE, ConsultationMethod, MethodFigure, Step, activities

KEY = "youshi"
DEFAULT_GUIDANCE = {
    "name": "四心",
    "items": ["坚决维护核心", "倾力服务中心", "坚守为民初心", "广泛凝聚人心"],
}


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def campaigns(config):
    """The configured campaign periods, each with parsed ``start`` and ``end`` dates."""
    found = []
    for campaign in config.get("campaigns") or []:
        start, end = parse_date(campaign.get("start")), parse_date(campaign.get("end"))
        if start and end:
            found.append({"name": campaign.get("name", ""), "start": start, "end": end})
    return sorted(found, key=lambda c: c["start"], reverse=True)


def _coverage(level):
    def compute(scope, config):
        """(covered, registered) units of ``level`` of the scope's committees."""
        from .coverage import units_covered

        covered, total = units_covered(scope, level)
        return (covered, total) if total else None

    return compute


def _campaign_activities(scope, config):
    total = 0
    for campaign in campaigns(config):
        first = max(campaign["start"], scope.start) if scope.start else campaign["start"]
        last = min(campaign["end"], scope.end) if scope.end else campaign["end"]
        if first <= last:
            total += activities(scope).filter(held_on__gte=first, held_on__lte=last).count()
    return total


class YoushiLaiXieshang(ConsultationMethod):
    key = KEY
    name = "有事来协商"
    slogan = ""  # the seeds name the brand, not a slogan
    description = (
        "依托县、乡（镇）、村（社区）三级协商阵地，把协商议事开到群众身边；"
        "集中活动期间组织小微协商，单列统计成效。"
    )
    steps = tuple(Step(label, spine) for spine, label in SPINE.items())
    figures = (
        MethodFigure(
            "township_coverage",
            "乡镇（街道）阵地覆盖",
            "",
            "登记的乡镇（街道）中已有已发布协商阵地的比例。",
            _coverage("township"),
            percent=True,
        ),
        MethodFigure(
            "village_coverage",
            "村（社区）阵地覆盖",
            "",
            "登记的村（社区）中已有已发布协商阵地的比例。",
            _coverage("village"),
            percent=True,
        ),
        MethodFigure(
            "campaign_activities",
            "集中活动期间协商活动",
            "场次",
            "本站配置的集中活动期间内召开（记录“协商议事”环节）的协商活动场次。",
            _campaign_activities,
        ),
    )
    config_schema = {
        "type": "object",
        "title": "有事来协商配置",
        "properties": {
            "guidance": {
                "type": "object",
                "title": "工作思路",
                "properties": {
                    "name": {"type": "string", "title": "名称（如“四心”）", "maxLength": 20},
                    "items": {
                        "type": "array",
                        "title": "内容",
                        "maxItems": 12,
                        "items": {"type": "string", "minLength": 1, "maxLength": 40},
                    },
                },
                "additionalProperties": False,
            },
            "campaigns": {
                "type": "array",
                "title": "集中活动期间",
                "helpText": "如 5 月“有事来协商”集中活动；期间内的协商活动单列统计。",
                "maxItems": 50,
                "items": {
                    "type": "object",
                    "title": "一次集中活动",
                    "properties": {
                        "name": {
                            "type": "string",
                            "title": "名称",
                            "minLength": 1,
                            "maxLength": 60,
                        },
                        "start": {"type": "string", "title": "开始日期", "format": "date"},
                        "end": {"type": "string", "title": "结束日期", "format": "date"},
                    },
                    "required": ["name", "start", "end"],
                    "additionalProperties": False,
                },
            },
            "step_labels": {
                "type": "array",
                "title": "流程环节名称（选填）",
                "helpText": "本地对七个环节的叫法；未填写的环节沿用通用名称。",
                "maxItems": 7,
                "items": {
                    "type": "object",
                    "properties": {
                        "spine": {
                            "type": "integer",
                            "title": "通用环节",
                            "enum": list(SPINE),
                            "choices": [{"title": label, "value": k} for k, label in SPINE.items()],
                        },
                        "label": {
                            "type": "string",
                            "title": "本地叫法",
                            "minLength": 1,
                            "maxLength": 20,
                        },
                    },
                    "required": ["spine", "label"],
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }
    default_config = {"guidance": DEFAULT_GUIDANCE, "campaigns": []}

    def validate_config(self, config):
        problems = super().validate_config(config)
        if problems:
            return problems
        for i, campaign in enumerate(config.get("campaigns") or []):
            start, end = parse_date(campaign.get("start")), parse_date(campaign.get("end"))
            if start is None or end is None:
                problems.append(f"campaigns/{i}：日期应为 YYYY-MM-DD。")
            elif start > end:
                problems.append(f"campaigns/{i}：“{campaign['name']}”的开始日期晚于结束日期。")
        return problems

    def steps_for(self, config):
        renamed = {row["spine"]: row["label"] for row in config.get("step_labels") or []}
        return tuple(Step(renamed.get(step.spine, step.label), step.spine) for step in self.steps)
