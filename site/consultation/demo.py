"""Demo consultation records for the demo committees, built from what the seeds say:
嘉峪关's workstations, council and rooms (seed 001), X区 城南镇's 板凳协商会 on the 摩配大市场
(seed 002), 徽县's "议医保、解民忧、惠民生" at 高桥镇 (seed 001), 阿坝's 院坝协商 (seed 000).

Every record is marked ``is_demo``. Where a seed names a thing but not its details (a room's
address, how many people came, a suggestion's wording), the demo says so in the text instead of
inventing it; participant counts are illustrative and the figures are computed from them.
Photos and rule documents used as 六有 evidence are generated stand-ins, titled （演示）.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from .models import (
    Activity,
    ActivityFormat,
    ActivityIndexPage,
    ActivityStep,
    CaseStudyActivity,
    CaseStudyIndexPage,
    CaseStudyPage,
    Participation,
    PlatformEvidence,
    PlatformIndexPage,
    PlatformKind,
    PlatformMember,
    PlatformPage,
    Suggestion,
    TopicCategory,
)
from .taxonomy import ensure_consultation_taxonomies

D = datetime.date

# committee slug → platforms: (slug, title, level, kind slug, parent slug, established, evidence
# items with a photo or document, fixed members [(name, role, is committee member)], description)
PLATFORMS = {
    "jiayuguan": [
        (
            "gongzuozhan",
            "街道政协委员工作站（演示）",
            "township",
            "workstation",
            "",
            D(2022, 4, 1),
            [],
            [],
            "嘉峪关市政协结合全市街道、郊区建立了10个政协委员工作站（种子资料001），此为演示记录。",
        ),
        (
            "yishihui",
            "街道政协协商议事会（演示）",
            "township",
            "council",
            "gongzuozhan",
            D(2022, 4, 1),
            [],
            [],
            "与委员工作站、协商议事室构成“三位一体”协商平台。",
        ),
        (
            "heshiyizhan",
            "社区睦邻和事驿站",
            "village",
            "room",
            "gongzuozhan",
            D(2022, 5, 1),
            ["venue", "sign", "facilities", "rules"],
            [("（演示）站长", "head", True), ("（演示）委员", "member", True)],
            "“六有”标准建设的协商议事室，具本地特色的协商阵地（种子资料001）。",
        ),
        (
            "louyuan",
            "楼院议事厅",
            "village",
            "room",
            "gongzuozhan",
            D(2022, 5, 1),
            ["venue", "sign"],
            [("（演示）委员", "member", True)],
            "具本地特色的协商阵地（种子资料001）；“六有”佐证尚未补齐。",
        ),
        (
            "shuoshiting",
            "社区说事亭",
            "village",
            "room",
            "gongzuozhan",
            D(2022, 6, 1),
            ["venue"],
            [],
            "具本地特色的协商阵地（种子资料001）；“六有”佐证尚未补齐。",
        ),
        (
            "hexiaomei",
            "“合小美”工作室",
            "village",
            "room",
            "gongzuozhan",
            D(2022, 6, 1),
            ["venue", "sign", "facilities", "rules", "members"],
            [],
            "具本地特色的协商阵地（种子资料001）。",
        ),
    ],
    "xqu": [
        (
            "chengnan",
            "城南镇政协联络委",
            "township",
            "liaison-committee",
            "",
            D(2021, 6, 1),
            [],
            [],
            "建立“板凳协商会”常态化工作制度（种子资料002）。",
        ),
        (
            "dushan",
            "独山镇政协联络委",
            "township",
            "liaison-committee",
            "",
            D(2021, 6, 1),
            [],
            [],
            "协助区政协围绕特色小镇高质量发展召开协商议事会（种子资料002）。",
        ),
    ],
    "huixian": [
        (
            "gaoqiao",
            "高桥镇协商议事室",
            "township",
            "room",
            "",
            D(2022, 3, 1),
            ["venue", "sign", "rules"],
            [("（演示）下沉委员", "member", True)],
            "徽县政协组织下沉委员在高桥镇参加协商议事活动（种子资料001）。",
        ),
    ],
    "aba": [
        (
            "xianji",
            "县级“有事来协商”平台（演示）",
            "county",
            "workstation",
            "",
            D(2022, 10, 1),
            [],
            [],
            "小金、理县等县实现县、乡（镇）、村（社区）三级协商阵地全覆盖（种子资料000），此为演示记录。",
        ),
        (
            "xiangzhen",
            "乡镇片区联络站（演示）",
            "township",
            "liaison-station",
            "xianji",
            D(2022, 10, 1),
            [],
            [],
            "有的县市通过建立乡镇片区联络站、村级联络点的方式实现全覆盖（种子资料000）。",
        ),
        (
            "cunji",
            "村级联络点（演示）",
            "village",
            "liaison-point",
            "xiangzhen",
            D(2022, 10, 1),
            [],
            [("（演示）委员", "member", True)],
            "村级联络点（种子资料000）。",
        ),
    ],
}

# committee slug → activities: dict(platform, topic, description, source, category, format,
# steps [(spine step number, date, public summary, actor)], participants [(role, count, names)],
# suggestions [(content, status, department, response, made_on, resolved_on)], case study)
ACTIVITIES = {
    "xqu": [
        dict(
            platform="chengnan",
            topic="皖西摩配大市场物业管理问题",
            description="大市场货物仓储和车辆乱停乱放等问题群众反映强烈（种子资料002）。",
            source="public",
            category="urban-management",
            format="bench",
            steps=[
                (1, D(2021, 9, 1), "", "城南镇政协联络委"),
                (2, D(2021, 9, 8), "", "城南镇政协联络委"),
                (3, D(2021, 9, 15), "", "政协委员"),
                (
                    4,
                    D(2021, 9, 22),
                    "召集政协委员、城南镇相关部门、商户及商会代表召开板凳协商会，现场提出问题，提出务实建议。",
                    "城南镇政协联络委",
                ),
                (5, D(2021, 9, 29), "协商形成的建议向商户和群众公开。", "城南镇政协联络委"),
                (6, D(2021, 10, 20), "相关部门和市场方按协商建议整改。", "城南镇相关部门"),
                (
                    7,
                    D(2021, 11, 30),
                    "大市场货物仓储和车辆乱停乱放等群众反映强烈的问题全部得到解决。",
                    "城南镇政协联络委",
                ),
            ],
            participants=[
                ("member", 3, "政协委员"),
                ("department", 2, "城南镇相关部门"),
                ("stakeholder", 6, "商户及商会代表"),
            ],
            suggestions=[
                (
                    "规范大市场货物仓储。",
                    "solved",
                    "城南镇相关部门",
                    "已按协商建议整改。",
                    D(2021, 9, 22),
                    D(2021, 11, 30),
                ),
                (
                    "整治大市场车辆乱停乱放。",
                    "solved",
                    "城南镇相关部门",
                    "已按协商建议整改。",
                    D(2021, 9, 22),
                    D(2021, 11, 30),
                ),
            ],
            case_study=(
                "板凳协商会解决摩配大市场物业管理难题",
                "城南镇政协联络委建立“板凳协商会”常态化工作制度，把协商会开到问题现场。",
            ),
        ),
        dict(
            platform="dushan",
            topic="推进独山镇特色小镇高质量发展",
            description="政协委员、区直相关部门和企业代表面对面谈问题、解疑惑、提建议、促发展（种子资料002）。",
            source="party_government",
            category="industry",
            format="council-meeting",
            steps=[
                (1, D(2021, 10, 1), "", "独山镇政协联络委"),
                (2, D(2021, 10, 10), "", "区政协"),
                (3, D(2021, 10, 20), "", "政协委员"),
                (
                    4,
                    D(2021, 11, 5),
                    "为破解要素制约、推进小镇发展凝聚起了思想共识。",
                    "区政协、独山镇政协联络委",
                ),
            ],
            participants=[
                ("member", 4, "政协委员"),
                ("department", 3, "区直相关部门"),
                ("stakeholder", 3, "企业代表"),
            ],
            suggestions=[
                (
                    "围绕破解要素制约提出的建议（原文未列明细）。",
                    "proposed",
                    "区直相关部门",
                    "",
                    D(2021, 11, 5),
                    None,
                ),
            ],
        ),
    ],
    "huixian": [
        dict(
            platform="gaoqiao",
            topic="议医保、解民忧、惠民生",
            description="了解医保政策执行、“两费”收缴、群众看病报销等情况（种子资料001）。",
            source="public",
            category="livelihood",
            format="council-meeting",
            steps=[
                (1, D(2022, 9, 1), "", "高桥镇"),
                (2, D(2022, 9, 10), "", "徽县政协"),
                (3, D(2022, 9, 29), "", "下沉委员到镇便民服务中心、卫生院和农户家中调研"),
                (
                    4,
                    D(2022, 9, 29),
                    "下沉委员围绕议题进行协商，提出了意见建议。",
                    "徽县政协下沉委员",
                ),
            ],
            participants=[("member", 5, "徽县政协下沉委员"), ("public_rep", 6, "")],
            suggestions=[
                (
                    "围绕医保政策执行、“两费”收缴、群众看病报销提出的意见建议（原文未列明细）。",
                    "proposed",
                    "",
                    "",
                    D(2022, 9, 29),
                    None,
                ),
            ],
        ),
    ],
    "jiayuguan": [
        dict(
            platform="heshiyizhan",
            topic="民情大走访中收集的群众关注的热点难点问题",
            description="结合民情大走访收集群众关注的热点难点问题（种子资料001）。",
            source="public",
            category="governance",
            format="council-meeting",
            steps=[
                (1, D(2022, 6, 1), "", "委员工作站"),
                (2, D(2022, 6, 10), "", "协商议事会"),
                (3, D(2022, 6, 20), "", "下沉委员"),
                (
                    4,
                    D(2022, 7, 1),
                    "按照“1+7+3”议事模式，组织利益相关方、基层群众代表、相关部门负责同志共同参与协商。",
                    "协商议事室",
                ),
                (5, D(2022, 7, 8), "协商结果在社区公开公示。", "协商议事室"),
                (6, D(2022, 7, 30), "相关部门办理落实。", "市直有关部门"),
                (7, D(2022, 9, 1), "办理结果向群众反馈。", "委员工作站"),
            ],
            participants=[
                ("member", 1, ""),
                ("stakeholder", 7, ""),
                ("department", 3, ""),
                ("party_rep", 1, ""),
                ("npc_rep", 1, ""),
            ],
            suggestions=[
                (
                    "（演示）协商提出的建议一。",
                    "solved",
                    "市直有关部门",
                    "已办理。",
                    D(2022, 7, 1),
                    D(2022, 8, 30),
                ),
                (
                    "（演示）协商提出的建议二。",
                    "in_progress",
                    "市直有关部门",
                    "",
                    D(2022, 7, 1),
                    None,
                ),
                (
                    "（演示）协商提出的建议三。",
                    "not_adopted",
                    "市直有关部门",
                    "暂不具备条件。",
                    D(2022, 7, 1),
                    None,
                ),
            ],
            case_study=(
                "“三位一体”协商平台化解群众难题",
                "委员工作站、协商议事会、协商议事室“三位一体”，按六项流程开展协商。",
            ),
        ),
        dict(
            platform="louyuan",
            topic="矛盾纠纷大排查大化解中收集的问题",
            description="结合矛盾纠纷大排查大化解收集问题（种子资料001）。",
            source="party_government",
            category="governance",
            format="council-meeting",
            steps=[
                (1, D(2022, 8, 1), "", "委员工作站"),
                (2, D(2022, 8, 10), "", "协商议事会"),
                (3, D(2022, 8, 20), "", "下沉委员"),
                (4, D(2022, 9, 1), "组织各方协商。", "楼院议事厅"),
                (5, D(2022, 9, 8), "协商结果公开公示。", "楼院议事厅"),
                (6, D(2022, 9, 20), "相关部门办理中。", "市直有关部门"),
            ],
            participants=[("member", 2, ""), ("public_rep", 5, ""), ("department", 2, "")],
            suggestions=[
                ("（演示）协商提出的建议。", "adopted", "市直有关部门", "", D(2022, 9, 1), None)
            ],
        ),
        dict(
            platform="shuoshiting",
            topic="文明城市创建民意调查中群众反映的问题",
            description="结合文明城市创建民意调查收集（种子资料001）。",
            source="public",
            category="urban-management",
            format="",
            steps=[(1, D(2022, 9, 15), "", "社区说事亭"), (2, D(2022, 9, 25), "", "协商议事会")],
            participants=[],
            suggestions=[],
        ),
        dict(
            platform="hexiaomei",
            topic="提案办理中群众关注的问题",
            description="结合提案办理收集（种子资料001）。",
            source="member",
            category="livelihood",
            format="",
            steps=[(1, D(2022, 10, 1), "", "“合小美”工作室")],
            participants=[],
            suggestions=[],
        ),
    ],
    "aba": [
        dict(
            platform="cunji",
            topic="院坝协商盘活土地资源、优化人居环境",
            description="有的通过院坝协商盘活了土地资源、优化美化了人居环境（种子资料000）。",
            source="public",
            category="rural-revitalisation",
            format="courtyard",
            steps=[
                (1, D(2023, 3, 1), "", "村级联络点"),
                (2, D(2023, 3, 10), "", "县政协"),
                (3, D(2023, 3, 20), "", "政协委员"),
                (4, D(2023, 4, 1), "在院坝召开协商会。", "村级联络点"),
                (5, D(2023, 4, 8), "协商结果在村务公开栏公示。", "村级联络点"),
            ],
            participants=[("member", 2, ""), ("public_rep", 8, ""), ("department", 1, "")],
            suggestions=[
                ("（演示）盘活闲置土地的建议。", "adopted", "乡镇政府", "", D(2023, 4, 1), None)
            ],
        ),
    ],
}


def _demo_photo(title, collection, colour):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 320), colour).save(buffer, "PNG")
    image = Image(
        title=title, collection=collection, file=ImageFile(buffer, name="demo-evidence.png")
    )
    image.save()
    return image


def _demo_document(title, collection):
    document = Document(title=title, collection=collection)
    text = f"{title}\n演示文件：真实的议事规则由议事室上传。\n".encode()
    document.file.save("demo-rules.txt", ContentFile(text), save=False)
    document.save()
    return document


def _index(home, model, title, slug, include_children):
    existing = home.get_children().type(model).first()
    if existing:
        return existing.specific
    page = home.add_child(
        instance=model(
            title=title, slug=slug, show_in_menus=True, include_child_committees=include_children
        )
    )
    page.save_revision().publish()
    return page


def load_consultation_demo(sites, committee_names):
    """Add the demo platforms, activities and case studies; skip what already exists."""
    ensure_consultation_taxonomies()
    for slug, site in sites.items():
        home = site.root_page.specific
        has_children = site.child_committees.exists()
        platform_records = PLATFORMS.get(slug, [])
        if not (platform_records or has_children):
            continue
        platform_index = _index(home, PlatformIndexPage, "协商平台", "platforms", has_children)
        _index(home, ActivityIndexPage, "协商活动", "consultations", has_children)
        case_index = _index(home, CaseStudyIndexPage, "典型案例", "cases", has_children)
        if platform_index.get_children().exists():
            continue
        collection = Collection.objects.filter(name=committee_names[slug]).first()
        platforms = {}
        for (
            p_slug,
            title,
            level,
            kind,
            parent,
            established,
            evidence,
            members,
            description,
        ) in platform_records:
            page = PlatformPage(
                title=title,
                slug=p_slug,
                level=level,
                kind=PlatformKind.objects.get(slug=kind),
                parent_platform=platforms.get(parent),
                established_on=established,
                description=description,
                is_demo=True,
            )
            page.members = [
                PlatformMember(name=name, role=role, is_committee_member=is_member, sort_order=i)
                for i, (name, role, is_member) in enumerate(members)
            ]
            evidence_rows = []
            for i, item in enumerate(evidence):
                if item == "rules":
                    doc = _demo_document(f"{title}议事规则（演示）", collection)
                    evidence_rows.append(PlatformEvidence(item=item, document=doc, sort_order=i))
                else:
                    image = _demo_photo(f"{title}{item}（演示）", collection, "#b5651d")
                    evidence_rows.append(
                        PlatformEvidence(item=item, image=image, sort_order=i, note="演示照片")
                    )
            page.evidence = evidence_rows
            platform_index.add_child(instance=page)
            page.save_revision().publish()
            platforms[p_slug] = page
        for record in ACTIVITIES.get(slug, []):
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
            if "case_study" in record:
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
