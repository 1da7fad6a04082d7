"""The installation's starter lists (shared by every committee: no site) and a publication
check placed first in every existing committee workflow."""

from django.db import migrations
from django.db.models import F

SENSITIVE_WORDS = [
    # (word, category, note)
    ("国家计委", "过时名称", "现为国家发展和改革委员会（国家发展改革委）"),
    ("国家发展计划委员会", "过时名称", "现为国家发展和改革委员会（国家发展改革委）"),
    ("国家环保总局", "过时名称", "现为生态环境部"),
    ("国家工商行政管理总局", "过时名称", "现为国家市场监督管理总局"),
    ("国家质检总局", "过时名称", "现为国家市场监督管理总局"),
    ("国家食品药品监督管理总局", "过时名称", "现为国家市场监督管理总局、国家药品监督管理局"),
    ("国家卫生计生委", "过时名称", "现为国家卫生健康委员会（国家卫生健康委）"),
    ("国家旅游局", "过时名称", "现为文化和旅游部"),
    ("劳动和社会保障部", "过时名称", "现为人力资源和社会保障部"),
    ("此处填写", "未完成内容", "草稿中的占位文字，请替换为正式内容"),
    ("待补充", "未完成内容", "草稿中的占位文字，请补全后再提交"),
    ("XXX", "未完成内容", "草稿中的占位文字，请替换为正式内容"),
]

OFFICIAL_NAMES = [
    # (wrong, correct, note)
    ("中国人民政治协商委员会", "中国人民政治协商会议", "全称为“中国人民政治协商会议”"),
    ("中华人民共和国政治协商会议", "中国人民政治协商会议", ""),
    ("政协委员会主席", "政协主席", "如“××市政协主席”"),
    ("人大代表委员", "人大代表", "人大组成人员称“代表”，政协组成人员称“委员”"),
    ("政协代表", "政协委员", "政协组成人员称“委员”"),
    ("政协主任", "政协主席", "政协领导称“主席”“副主席”"),
    ("人大主任", "人大常委会主任", ""),
    ("政协常委委员", "政协常委", ""),
]


def load(apps, schema_editor):
    SensitiveWord = apps.get_model("checks", "SensitiveWord")
    OfficialName = apps.get_model("checks", "OfficialName")
    for word, category, note in SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(
            site=None, word=word, defaults={"category": category, "note": note}
        )
    for wrong, correct, note in OFFICIAL_NAMES:
        OfficialName.objects.get_or_create(
            site=None, wrong=wrong, defaults={"correct": correct, "note": note}
        )
    add_to_workflows(apps)


def add_to_workflows(apps):
    """As checks.workflow.add_publication_checks, with the historical models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    PublicationCheckTask = apps.get_model("checks", "PublicationCheckTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="checks", model="publicationchecktask"
    )
    for workflow in Workflow.objects.all():
        if PublicationCheckTask.objects.filter(workflow_tasks__workflow=workflow).exists():
            continue
        prefix = workflow.name.removesuffix("审核") if workflow.name.endswith("审核") else ""
        name = f"{prefix}发布前检查"
        task = PublicationCheckTask.objects.create(name=name, content_type_id=content_type.pk)
        WorkflowTask.objects.filter(workflow=workflow).update(sort_order=F("sort_order") + 1)
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("checks", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
