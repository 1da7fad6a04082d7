"""The method as X区政协 describes it (seed 002, 区政协工作经验交流发言):

城南镇政协联络委建立“板凳协商会”常态化工作制度，围绕皖西摩配大市场物业管理问题，召集政协委员、
城南镇相关部门、商户及商会代表召开板凳协商会，现场提出问题，提出务实建议，有效推动……问题全部
得到解决；协商后，政协委员跟踪协商成果的转化，及时协调解决问题和困难。

So: the parties are convened where the problem is, issues are raised on the spot, each issue gets
who resolves it (the suggestion's 承办部门), and members follow it up until it is solved. The seed
gives no deadline for the follow-up: a county sets ``follow_up_days``; without it no issue is
flagged overdue.
"""

import datetime

from django.utils import timezone

from plugin_api import (
    DELIBERATE,
    FEEDBACK,
    IMPLEMENT,
    PUBLISH,
    ConsultationMethod,
    MethodFigure,
    Step,
    activities,
    composition_rule,
    participant_groups_schema,
    suggestions,
)

KEY = "bench"


def bench_meetings(scope):
    """Bench meetings of the scope's committees held (协商议事 recorded) in its period."""
    return activities(scope, method=KEY).filter(held_on__isnull=False, **scope.period("held_on"))


def issues_raised(scope):
    """Issues (suggestions) raised at the scope's bench meetings, by the date raised."""
    return suggestions(scope, method=KEY).filter(**scope.period("made_on"))


def issues_solved(scope):
    from plugin_api import SuggestionStatus

    return suggestions(scope, method=KEY).filter(
        status=SuggestionStatus.SOLVED, **scope.period("resolved_on")
    )


def days_to_solve(issue):
    if issue.resolved_on is None:
        return None
    return (issue.resolved_on - issue.made_on).days


def is_overdue(issue, config, today=None):
    """Unsolved past the county's follow-up deadline (never, if it set none)."""
    days = config.get("follow_up_days")
    if not days or issue.resolved_on is not None or issue.status == "not_adopted":
        return False
    today = today or timezone.localdate()
    return issue.made_on + datetime.timedelta(days=days) < today


def _count_meetings(scope, config):
    return bench_meetings(scope).count()


def _count_issues(scope, config):
    return issues_raised(scope).count()


def _count_solved(scope, config):
    return issues_solved(scope).count()


def _median_days(scope, config):
    days = sorted(
        (resolved - made).days
        for made, resolved in issues_solved(scope).values_list("made_on", "resolved_on")
    )
    if not days:
        return None
    middle = len(days) // 2
    if len(days) % 2:
        return days[middle]
    median = (days[middle - 1] + days[middle]) / 2
    return int(median) if median.is_integer() else median


def _count_overdue(scope, config):
    if not config.get("follow_up_days"):
        return None
    open_issues = issues_raised(scope).exclude(status__in=["solved", "not_adopted"])
    return sum(
        1
        for issue in open_issues.only("made_on", "resolved_on", "status")
        if is_overdue(issue, config)
    )


class BenchMeeting(ConsultationMethod):
    key = KEY
    name = "板凳协商会"
    slogan = ""  # the seed names no slogan
    description = (
        "在问题现场召集政协委员、相关部门和当事各方召开板凳协商会，现场提出问题、提出务实建议，"
        "明确由谁解决；协商后政协委员跟踪协商成果的转化，及时协调解决问题和困难。"
    )
    steps = (
        Step(
            "现场召集、现场协商",
            DELIBERATE,
            "召集委员、相关部门和当事各方到问题现场，现场提出问题和建议",
        ),
        Step("公开协商结果", PUBLISH),
        Step("跟踪落实", IMPLEMENT, "政协委员跟踪协商成果的转化，及时协调解决问题和困难"),
        Step("问题解决", FEEDBACK),
    )
    activity_template = "bench/activity_detail.html"
    figures = (
        MethodFigure(
            "bench_meetings",
            "板凳协商会",
            "场次",
            "期间内召开（记录“协商议事”环节）且遵循板凳协商会工作法的协商活动场次。",
            _count_meetings,
        ),
        MethodFigure(
            "bench_issues",
            "现场提出问题",
            "个",
            "期间内板凳协商会上提出的问题和建议条数（按提出日期）。",
            _count_issues,
        ),
        MethodFigure(
            "bench_solved",
            "已解决问题",
            "个",
            "期间内办结（状态为“已解决”，按解决日期）的板凳协商会问题条数。",
            _count_solved,
        ),
        MethodFigure(
            "bench_median_days",
            "办结用时中位数",
            "天",
            "期间内办结的问题从提出到解决所用天数的中位数。",
            _median_days,
            additive=False,
        ),
        MethodFigure(
            "bench_overdue",
            "超期未解决",
            "个",
            "期间内提出、超过本站设定的跟踪办理时限仍未解决（未采纳的除外）的问题条数；未设时限时不统计。",
            _count_overdue,
        ),
    )
    config_schema = {
        "type": "object",
        "title": "板凳协商会配置",
        "properties": {
            "follow_up_days": {
                "type": "integer",
                "title": "跟踪办理时限（天）",
                "helpText": "问题提出后应在多少天内解决；留空则不标记超期。",
                "minimum": 1,
                "maximum": 365,
            },
            "groups": participant_groups_schema(
                title="到场各方（召集要求）",
                help_text="种子资料：召集政协委员、相关部门、商户及商会代表。",
            ),
        },
        "additionalProperties": False,
    }
    default_config = {
        "groups": [
            {"label": "政协委员", "roles": ["member"], "minimum": 1},
            {"label": "相关部门", "roles": ["department"], "minimum": 1},
            {"label": "当事各方", "roles": ["stakeholder", "public_rep"], "minimum": 1},
        ],
    }

    def composition_rules(self, config):
        return composition_rule("parties", "板凳协商会", config.get("groups"))

    def activity_context(self, activity, config, request):
        published = (activity.current_step or 0) >= PUBLISH
        issues = list(activity.suggestions.all()) if published else []
        today = timezone.localdate()
        for issue in issues:
            issue.days_to_solve = days_to_solve(issue)
            issue.overdue = is_overdue(issue, config, today)
        counts = {}
        for participant in activity.participants.all():
            counts[participant.role] = counts.get(participant.role, 0) + participant.count
        return {
            "issues": issues,
            "issues_solved": sum(1 for i in issues if i.status == "solved"),
            "follow_up_days": config.get("follow_up_days"),
            "party_problems": self.check_participants(counts, config),
        }
