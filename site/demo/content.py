"""Demo content built from the real committee reports in ``seeds/`` (copies of the reports the
project started from). Every figure, name and date shown comes from a seed; where a seed only
gives the date of its web copy, that date is used and said so in ``date_note``.

The demo groups the county committees reported on one newspaper page (seed 001) under
平凉市政协 to show the prefecture roll-up; of them only 庄浪县 really lies in 平凉.
"""

import datetime
from dataclasses import dataclass, field

SEED_PAGE = "001_3b12420eb9a666f9.txt"  # a Gansu CPPCC newspaper page
SEED_LUZHOU = "003_b7bd84f7a1c43850.txt"  # Traditional-script web copy, 泸州
SEED_ABA = "000_13f4950f9f432254.txt"  # 州政协 speech, 有事来协商 (阿坝 counties named)
SEED_XQU = "002_1a19d218a9a8cd15.txt"  # X区 speech
SEED_COUNTY = "004_909051a43d78ff8f.txt"  # county speech, name redacted (**)


@dataclass
class DemoCommittee:
    slug: str
    short_name: str
    name: str
    level: str
    parent: str = ""
    primary_colour: str = "#9e1b1b"


@dataclass
class DemoNews:
    committee: str
    slug: str
    title: str
    seed: str
    start: str
    end: str
    date: datetime.date
    kind: str = "meeting_report"
    meeting_type: str = ""
    term: int | None = None
    sitting: int | None = None
    place: str = ""
    presided_by: str = ""
    summary: str = ""
    correspondent: str = ""
    photographer: str = ""
    source: str = ""
    tags: list = field(default_factory=list)
    date_note: str = ""


COMMITTEES = [
    DemoCommittee("pingliang", "平凉市政协", "中国人民政治协商会议平凉市委员会", "prefecture"),
    DemoCommittee(
        "zhuanglang",
        "庄浪县政协",
        "中国人民政治协商会议庄浪县委员会",
        "county",
        "pingliang",
        "#8c1d18",
    ),
    DemoCommittee(
        "gaotai", "高台县政协", "中国人民政治协商会议高台县委员会", "county", "pingliang", "#7b2d26"
    ),
    DemoCommittee(
        "honggu",
        "红古区政协",
        "中国人民政治协商会议兰州市红古区委员会",
        "county",
        "pingliang",
        "#a0311f",
    ),
    DemoCommittee(
        "huixian", "徽县政协", "中国人民政治协商会议徽县委员会", "county", "pingliang", "#8a2331"
    ),
    DemoCommittee(
        "jiayuguan",
        "嘉峪关市政协",
        "中国人民政治协商会议嘉峪关市委员会",
        "prefecture",
        "",
        "#1f4e79",
    ),
    DemoCommittee(
        "luzhou", "泸州市政协", "中国人民政治协商会议泸州市委员会", "prefecture", "", "#8b1e3f"
    ),
    DemoCommittee(
        "aba",
        "阿坝州政协",
        "中国人民政治协商会议阿坝藏族羌族自治州委员会",
        "prefecture",
        "",
        "#14566b",
    ),
    DemoCommittee("xqu", "X区政协", "X区政协（原文隐去区名）", "county", "", "#5b3a8c"),
    DemoCommittee("mouxian", "某县政协", "某县政协（原文隐去县名）", "county", "", "#3d6b35"),
]

NEWS = [
    DemoNews(
        "pingliang",
        "wujie-wuci-zhuxi-huiyi",
        "平凉市政协召开五届五次主席会议",
        SEED_PAGE,
        "10月8日,平凉市政协主席宋全科主持召开",
        "从严从实从细做好年底考核工作。",
        datetime.date(2022, 10, 8),
        meeting_type="chairpersons",
        term=5,
        sitting=5,
        presided_by="市政协主席宋全科",
        correspondent="孙景慧",
        tags=["乡村振兴", "主席会议"],
    ),
    DemoNews(
        "zhuanglang",
        "shijie-qici-changweihui",
        "庄浪县政协召开十届七次常委会会议",
        SEED_PAGE,
        "9月30日,庄浪县政协召开十届七次常委会会议",
        "以实际行动迎接党的二十大胜利召开。",
        datetime.date(2022, 9, 30),
        meeting_type="standing-committee",
        term=10,
        sitting=7,
        summary="以高质量建言助推高质量发展",
        correspondent="石宏军",
        tags=["常委会"],
    ),
    DemoNews(
        "gaotai",
        "zhuanti-yizheng-changweihui",
        "高台县政协召开专题议政性常委会会议",
        SEED_PAGE,
        "9月29日,高台县政协主席向钧主持召开",
        "推动乡村建设五年行动取得显著成效。",
        datetime.date(2022, 9, 29),
        meeting_type="standing-committee",
        term=10,
        sitting=3,
        presided_by="县政协主席向钧",
        summary="推动乡村建设五年行动取得成效",
        correspondent="李兴明",
        tags=["乡村建设", "常委会"],
    ),
    DemoNews(
        "honggu",
        "shijie-sanci-changweihui",
        "红古区政协召开十届三次常委会会议",
        SEED_PAGE,
        "9月29日,红古区政协召开十届三次常委会会议",
        "守纪律、讲规矩、重品行”。",
        datetime.date(2022, 9, 29),
        meeting_type="standing-committee",
        term=10,
        sitting=3,
        summary="持续强化理论武装 不断提升履职能力",
        correspondent="高连花",
        tags=["提案办理"],
    ),
    DemoNews(
        "huixian",
        "gaoqiaozhen-xieshang-yishi",
        "徽县政协调研指导高桥镇协商议事活动",
        SEED_PAGE,
        "9月29日,徽县政协组织下沉委员",
        "提出了意见建议。",
        datetime.date(2022, 9, 29),
        meeting_type="inspection",
        place="高桥镇",
        photographer="李旭红",
        tags=["协商议事", "医保"],
    ),
    DemoNews(
        "jiayuguan",
        "jiashi-hao-shangliang",
        "搭建履职“新平台” 打造协商“新品牌”",
        SEED_PAGE,
        "今年以来,嘉峪关市政协进一步探索",
        "解民忧、暖民心的新路径。",
        datetime.date(2022, 10, 8),
        kind="work_news",
        summary="嘉峪关市政协“嘉事好商量、三有在基层”活动成效显著",
        correspondent="苏天泰 张维",
        tags=["三位一体", "协商议事室"],
        date_note="原文未署日期；取同版报道的最晚日期（10月8日）。",
    ),
    DemoNews(
        "luzhou",
        "wuda-guanjianci",
        "聚焦瀘州兩會 | 五大關鍵詞解讀政協工作報告",
        SEED_LUZHOU,
        "報告指出",
        "在全國政協信息直報點中名列前茅。",
        datetime.date(2022, 12, 25),
        meeting_type="plenary",
        term=9,
        sitting=2,
        place="巨洋會議中心",
        presided_by="",
        summary="政協瀘州市第九屆委員會第二次會議開幕，"
        "市政協主席田亞東代表常務委員會向大會報告工作。",
        photographer="曹衛兵",
        source="瀘州日報（記者 阮春華）",
        tags=["两会", "有事来协商"],
    ),
    DemoNews(
        "aba",
        "you-shi-lai-xieshang-tuijinhui",
        "在市州政协“有事来协商”现场推进会上的讲话",
        SEED_ABA,
        "同志们:",
        "传播社会主义民主协商文化。",
        datetime.date(2025, 1, 12),
        kind="speech",
        meeting_type="work-conference",
        tags=["有事来协商"],
        date_note="原文为2023年讲话，未署具体日期；取网络转载稿的发布时间。",
    ),
    DemoNews(
        "xqu",
        "xieshang-xiang-jiceng-yanshen",
        "推进政协协商向基层延伸，提升基层社会治理水平",
        SEED_XQU,
        "人民政协是国家治理体系的重要组成部分",
        "新时代人民政协的新样子。",
        datetime.date(2022, 3, 9),
        kind="speech",
        meeting_type="work-conference",
        summary="政协工作经验交流会研讨发言",
        tags=["板凳协商会", "微协商"],
        date_note="取网络转载稿的发布时间。",
    ),
    # 工作动态: one more item per committee whose reports are all meeting reports, so that the
    # home page's work-news box is not empty. The text is the seed's; the title and summary
    # are the demo's (said so in the summary).
    DemoNews(
        "pingliang",
        "lianxian-baoxiang-bangcun",
        "市政协部署联县包乡帮村和年底考核工作",
        SEED_PAGE,
        "会议强调,要认真履行联县包乡帮村责任",
        "从严从实从细做好年底考核工作。",
        datetime.date(2022, 10, 9),
        kind="work_news",
        summary="演示：标题为演示所加，正文摘自五届五次主席会议报道。",
        tags=["乡村振兴"],
        date_note="取主席会议次日。",
    ),
    DemoNews(
        "zhuanglang",
        "gao-zhiliang-jianyan",
        "县政协推动提案工作提质增效",
        SEED_PAGE,
        "会议强调,要深入学习贯彻习近平总书记重要讲话精神",
        "以实际行动迎接党的二十大胜利召开。",
        datetime.date(2022, 10, 1),
        kind="work_news",
        summary="演示：标题为演示所加，正文摘自十届七次常委会会议报道。",
        tags=["提案工作"],
        date_note="取常委会会议次日。",
    ),
    DemoNews(
        "gaotai",
        "xiangcun-jianshe-jianyi",
        "县政协就乡村建设五年行动提出建议",
        SEED_PAGE,
        "会议指出,乡村建设是社会主义现代化建设的重要组成部分",
        "推动乡村建设五年行动取得显著成效。",
        datetime.date(2022, 9, 30),
        kind="work_news",
        summary="演示：标题为演示所加，正文摘自专题议政性常委会会议报道。",
        tags=["乡村建设"],
        date_note="取常委会会议次日。",
    ),
    DemoNews(
        "honggu",
        "tian-ban-li-qingkuang",
        "区政协听取提案办理情况通报",
        SEED_PAGE,
        "会议认为,今年以来,区政府认真贯彻落实中央决策部署",
        "守纪律、讲规矩、重品行”。",
        datetime.date(2022, 9, 30),
        kind="work_news",
        summary="演示：标题为演示所加，正文摘自十届三次常委会会议报道。",
        tags=["提案办理"],
        date_note="取常委会会议次日。",
    ),
    DemoNews(
        "huixian",
        "yibao-xieshang-yishi",
        "下沉委员参加“议医保、解民忧、惠民生”协商议事",
        SEED_PAGE,
        "9月29日,徽县政协组织下沉委员",
        "提出了意见建议。",
        datetime.date(2022, 9, 29),
        kind="work_news",
        summary="演示：标题为演示所加，正文与同日调研报道相同。",
        photographer="李旭红",
        tags=["协商议事"],
    ),
    DemoNews(
        "jiayuguan",
        "xieshang-zhendi",
        "建成10个委员工作站和46个协商议事室",
        SEED_PAGE,
        "市政协结合全市街道、郊区建",
        "“三位一体”的协商新平台。",
        datetime.date(2022, 10, 7),
        kind="work_news",
        summary="演示：标题为演示所加，正文摘自“嘉事好商量、三有在基层”活动报道。",
        correspondent="苏天泰 张维",
        tags=["三位一体", "六有"],
        date_note="原文未署日期；取同版报道最晚日期的前一日。",
    ),
    DemoNews(
        "luzhou",
        "you-shi-lai-xieshang-yue",
        "5月集中開展“有事來協商”活動",
        SEED_LUZHOU,
        "規范建設各類協商議事室1630個",
        "力量在一線匯聚”的工作格局。",
        datetime.date(2022, 12, 26),
        kind="work_news",
        summary="演示：標題為演示所加，正文摘自政協工作報告解讀。",
        tags=["有事来协商"],
        date_note="取工作報告解讀發布的次日。",
    ),
    DemoNews(
        "mouxian",
        "quanxian-zhengxie-gongzuo-huiyi",
        "2022年全县政协工作会议讲话",
        SEED_COUNTY,
        "2022年是迎接二十大胜利召开之年",
        "营造有利于政协事业发展的良好氛围。",
        datetime.date(2023, 3, 11),
        kind="speech",
        meeting_type="work-conference",
        tags=["工作会议"],
        date_note="取网络转载稿的发布时间。",
    ),
]
