"""Hard queries for the search benchmark: a judged set planted among the generated archive
items, and success@10 and MRR over the first page of results.

For each query one item is relevant and a handful of planted distractors contain every word of
the query, but not as the query has them: not together, not in that order, or not in the title.
The generated items add thousands more that share the common words. Four kinds of query:

- a committee, a person's title and name (平凉市政协主席 王建国), against a deputy of that
  title with the same name, the title held by someone else, the name at another committee;
- a full report title (关于进一步加强…的实施意见), against reports sharing most of its words;
- a session of a committee (平凉市政协十届三次会议), against other sessions;
- a compound of two common words absent from the seeds (议事协商), against items with the
  words apart or reversed.

The words are not those of the test suite's judged set (tests/search/test_relevance_hard.py),
so the ranking is measured on queries it was not tuned on."""

import json
from dataclasses import dataclass, field

PLACES = [
    "平凉市", "庄浪县", "静宁县", "崆峒区", "泾川县", "灵台县", "崇信县", "华亭市", "天水市",
    "武威市", "张掖市", "酒泉市", "定西市", "陇南市", "白银市", "金昌市", "临夏州", "甘南州",
]  # fmt: skip
# (title, a title containing the same words that is not it)
ROLES = [
    ("政协主席", "政协副主席"),
    ("政协秘书长", "政协副秘书长"),
    ("政协党组书记", "政协党组副书记"),
    ("政协常委", "政协常委会办公室主任"),
    ("政协委员", "政协特邀委员"),
    ("政协提案委员会主任", "政协提案委员会副主任"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "建国", "明华", "秀英", "志刚", "立新", "晓燕", "文博", "海燕", "国庆", "春梅", "红军",
    "玉兰", "德明", "永强", "丽娟", "卫东", "淑珍", "建华", "振宇", "佳怡", "思远", "雅琴",
]  # fmt: skip
ACTIONS = [
    "出席会议并讲话", "带队开展专题调研", "主持召开协商座谈会", "看望慰问基层委员",
    "参加视察活动", "会见来访客人",
]  # fmt: skip
VERBS = ["进一步加强", "加快推进", "深入推进", "全面加强", "切实做好", "持续优化", "着力提升"]
TOPICS = [
    "政协委员履职管理", "基层协商民主建设", "社情民意信息工作", "提案办理质量",
    "委员联络服务", "乡村产业发展", "县域经济高质量发展", "民生实事监督", "营商环境建设",
    "生态环境保护", "文化旅游融合", "社区治理创新", "专门委员会建设", "机关党的建设",
]  # fmt: skip
KINDS = ["实施意见", "调研报告", "工作方案", "若干措施", "情况报告", "视察报告", "协商建议"]
NUMBERS = "一二三四五六七八九十"
DISTRACTORS = 12  # planted per query, beside the generated items sharing its common words
COMPOUNDS = [
    "议政能力", "提案质量", "协商质量", "议事协商", "共识凝聚", "监督协商", "凝聚力量",
    "议题协商", "乡村治理", "群众议事", "协商效能", "履职质效", "调研协商", "委员议事",
    "协商监督", "议事平台", "民生协商", "发展共识", "基层议政", "会议协商",
]  # fmt: skip


@dataclass
class Case:
    kind: str
    query: str
    relevant: str  # archive id
    items: list = field(default_factory=list)  # dicts: id, title, body


class Planter:
    """Builds the cases from the seeds' sentences (for bodies and plain titles)."""

    def __init__(self, sentences, rng):
        self.sentences = sentences
        self.seeds_text = "".join(sentences)
        self.rng = rng
        self.count = 0
        self.names = set()

    def body(self, *planted):
        """5–12 seed sentences with the planted sentences at random places among them."""
        parts = [self.rng.choice(self.sentences) for _ in range(self.rng.randint(5, 10))]
        for sentence in planted:
            parts.insert(self.rng.randint(0, len(parts)), sentence)
        return "".join(parts)

    def item(self, title, body):
        self.count += 1
        return {"id": f"hard-{self.count}", "title": title[:120], "body": body}

    def case(self, kind, query, relevant, templates):
        """One case: the relevant item and DISTRACTORS items from ``templates`` in turn (each
        a function giving a title and a body, drawn afresh every call)."""
        distractors = [
            self.item(*templates[number % len(templates)]()) for number in range(DISTRACTORS)
        ]
        return Case(kind, query, relevant["id"], [relevant, *distractors])

    def name(self):
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if name not in self.names:
                self.names.add(name)
                return name

    def plain(self):
        return self.rng.choice(self.sentences)[:30]

    def other(self, values, value):
        return self.rng.choice([v for v in values if v != value])

    def role_and_name(self):
        place = self.rng.choice(PLACES)
        role, near_miss = self.rng.choice(ROLES)
        name = self.name()

        def action():
            return self.rng.choice(ACTIONS)

        relevant = self.item(self.plain(), self.body(f"{place}{role}{name}{action()}。"))
        templates = [
            lambda: (
                f"{place}{role}{self.name()}{action()}",
                self.body(f"委员{name}参加活动并发言。"),
            ),
            lambda: (
                self.plain(),
                self.body(
                    f"{self.other(PLACES, place)}{role}{name}{action()}。", f"会议在{place}召开。"
                ),
            ),
            lambda: (f"{name}委员参加{place}{role}会议", self.body()),
            lambda: (f"{place}召开{role}会议", self.body(f"{name}委员提交了提案。")),
            lambda: (
                self.plain(),
                self.body(f"{place}{near_miss}{name}{action()}。", f"{role}会议研究了有关事项。"),
            ),
            lambda: (
                self.plain(),
                self.body(f"{place}{role}{self.name()}{action()}。", f"{name}同志作交流发言。"),
            ),
        ]
        return self.case("title + name", f"{place}{role} {name}", relevant, templates)

    def report_title(self):
        verb, topic, kind = (
            self.rng.choice(VERBS),
            self.rng.choice(TOPICS),
            self.rng.choice(KINDS),
        )
        place = self.rng.choice(PLACES)
        title = f"{place}政协关于{verb}{topic}的{kind}"
        relevant = self.item(title, self.body())

        def other_verb():
            return self.other(VERBS, verb)

        def other_topic():
            return self.other(TOPICS, topic)

        def other_kind():
            return self.other(KINDS, kind)

        templates = [
            lambda: (
                f"{place}政协关于{other_verb()}{topic}的{other_kind()}",
                self.body(f"会议要求{verb}相关工作，按时形成{kind}。"),
            ),
            lambda: (f"{topic}{kind}征求意见", self.body(f"{place}政协关于这项工作要{verb}。")),
            lambda: (
                self.plain(),
                self.body(
                    f"{place}政协关于{verb}{other_topic()}的{kind}印发。",
                    f"同时研究{topic}的有关问题。",
                ),
            ),
            lambda: (
                f"{place}政协{kind}：{verb}{other_topic()}",
                self.body(f"关于{topic}的问题。"),
            ),
            lambda: (f"关于{topic}的{other_kind()}", self.body(f"{place}政协{verb}{kind}工作。")),
            lambda: (
                f"{self.other(PLACES, place)}政协关于{verb}{topic}的{kind}",
                self.body(f"{place}政协派员参加。"),
            ),
        ]
        return self.case("full title", title, relevant, templates)

    def session(self):
        place = self.rng.choice(PLACES)
        term = self.rng.choice(NUMBERS[1:])  # 二届…十届
        meeting = self.rng.choice(NUMBERS[:6])
        query = f"{place}政协{term}届{meeting}次会议"
        relevant = self.item(f"{query}开幕", self.body())

        def other_term():
            return self.other(NUMBERS[1:], term)

        def other_meeting():
            return self.other(NUMBERS[:6], meeting)

        templates = [
            lambda: (
                f"{place}政协{term}届{other_meeting()}次会议开幕",
                self.body(f"{meeting}次会议以来提案办理情况良好。"),
            ),
            lambda: (
                f"{place}政协{other_term()}届{meeting}次会议闭幕",
                self.body(f"本届即{term}届委员会。"),
            ),
            lambda: (
                f"{place}政协{other_term()}届{other_meeting()}次会议召开",
                self.body(f"回顾{term}届{meeting}次常委会议精神。"),
            ),
            lambda: (
                f"{self.other(PLACES, place)}政协{term}届{meeting}次会议开幕",
                self.body(f"{place}政协派员列席。"),
            ),
            lambda: (f"{place}政协{term}届{meeting}次常委会议召开", self.body()),
        ]
        return self.case("session", query, relevant, templates)

    def compound(self, term):
        import rjieba

        words = rjieba.cut(term)
        first, second = words[0], "".join(words[1:])
        relevant = self.item(self.plain(), self.body(f"与会委员围绕{term}交流发言。"))
        templates = [
            lambda: (f"{first}工作推进会强调{second}", self.body()),
            lambda: (f"{second}{first}座谈会召开", self.body(f"会上{second}{first}成为共识。")),
            lambda: (
                self.plain(),
                self.body(*[f"要抓好{first}工作。", f"着力推动{second}。"] * 3),
            ),
            lambda: (f"{second}与{first}", self.body(f"{first}和{second}相互促进。")),
        ]
        return self.case("compound", term, relevant, templates)

    def compounds(self):
        """The compounds the seeds do not contain, whose parts they do (common words)."""
        import rjieba

        from search.text import fold

        seeds = fold(self.seeds_text)
        usable = []
        for term in COMPOUNDS:
            words = rjieba.cut(term)
            if len(words) > 1 and term not in seeds and all(w in seeds for w in words):
                usable.append(term)
        return usable


def hard_cases(sentences, rng, per_kind=15):
    """``per_kind`` cases of each kind (as many compounds as the seeds allow), each query
    distinct; a distractor holding another case's query (that case's answer) is left out."""
    planter = Planter(sentences, rng)
    cases, seen = [], set()
    for make in (planter.role_and_name, planter.report_title, planter.session):
        made = 0
        while made < per_kind:
            case = make()
            if case.query not in seen:
                seen.add(case.query)
                cases.append(case)
                made += 1
    cases += [planter.compound(term) for term in planter.compounds()[:per_kind]]
    queries = {case.query.replace(" ", "") for case in cases}
    for case in cases:
        others = queries - {case.query.replace(" ", "")}
        case.items[1:] = [
            item
            for item in case.items[1:]
            if not any(query in item["title"] + item["body"] for query in others)
        ]
    return cases


def planted_lines(cases, rng):
    """The cases' items as archive JSON Lines, dated like the generated ones."""
    for case in cases:
        for item in case.items:
            yield json.dumps(
                {
                    **item,
                    "date": f"{rng.randint(2015, 2023)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d}",
                    "type": "work_news",
                },
                ensure_ascii=False,
            )


def document_ids(cases):
    """archive id → SearchDocument id of the planted items."""
    from news.models import NewsPage
    from search.models import SearchDocument

    archive_ids = [item["id"] for case in cases for item in case.items]
    pages = dict(
        NewsPage.objects.filter(archive_id__in=archive_ids).values_list("pk", "archive_id")
    )
    keys = {f"page:{pk}": archive_id for pk, archive_id in pages.items()}
    rows = SearchDocument.objects.filter(key__in=keys).values_list("key", "pk")
    return {keys[key]: pk for key, pk in rows}


def evaluate(cases, search, filters, vocabulary, timer):
    """{kind: (queries, success@10, MRR over the first page of 20, [ms])}, and "all"."""
    from search.text import parse_query

    ids = document_ids(cases)
    by_kind = {}
    for case in cases:
        parsed = parse_query(case.query, vocabulary)
        found, ms = timer(lambda parsed=parsed: search.search(parsed, filters)[0])
        relevant = ids[case.relevant]
        rank = found.index(relevant) + 1 if relevant in found else None
        for kind in (case.kind, "all"):
            by_kind.setdefault(kind, []).append((rank, ms, case.query))
    by_kind["all"] = by_kind.pop("all")
    return {
        kind: (
            len(rows),
            sum(1 for rank, _, _ in rows if rank and rank <= 10) / len(rows),
            sum(1 / rank for rank, _, _ in rows if rank) / len(rows),
            [ms for _, ms, _ in rows],
            [(query, rank) for rank, _, query in rows if rank != 1],
        )
        for kind, rows in by_kind.items()
    }
