"""Demo activities at the demo platforms, and the case studies written up from some of them."""

from ..models import (
    Activity,
    ActivityFormat,
    ActivityStep,
    CaseStudyActivity,
    CaseStudyPage,
    Participation,
    Suggestion,
    TopicCategory,
)


def _activity(record, platforms):
    activity = Activity(
        platform=platforms[record["platform"]],
        topic=record["topic"],
        topic_description=record["description"],
        topic_source=record["source"],
        topic_category=TopicCategory.objects.filter(slug=record["category"]).first(),
        format=ActivityFormat.objects.filter(slug=record["format"]).first(),
        is_demo=True,
    )
    activity.steps = [
        ActivityStep(step=step, date=date, summary=summary, actor=actor)
        for step, date, summary, actor in record["steps"]
    ]
    activity.participants = [
        Participation(role=role, count=count, names=names)
        for role, count, names in record["participants"]
    ]
    activity.suggestions = [
        Suggestion(
            content=content,
            status=status,
            responsible_department=dept,
            response=response,
            made_on=made_on,
            resolved_on=resolved_on,
        )
        for content, status, dept, response, made_on, resolved_on in record["suggestions"]
    ]
    activity.save()
    return activity


def _case_study(record, activity, case_index):
    """Publish the case study a record names, dated at the activity's last step."""
    title, summary = record["case_study"]
    case = CaseStudyPage(
        title=title,
        slug=f"case-{activity.pk}",
        summary=summary,
        date=record["steps"][-1][1],
    )
    case.case_activities = [CaseStudyActivity(activity=activity)]
    case_index.add_child(instance=case)
    case.save_revision().publish()


def add_demo_activities(records, platforms, case_index):
    for record in records:
        activity = _activity(record, platforms)
        if "case_study" in record:
            _case_study(record, activity, case_index)
