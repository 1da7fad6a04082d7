"""The demo activities and case studies, as the seeds describe them (see ``consultation.demo``)."""

import datetime

D = datetime.date

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
