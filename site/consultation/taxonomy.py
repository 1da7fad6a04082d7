"""Default platform kinds, topic categories and formats, from docs/consultation.md and the seed
reports. Editors add their local kinds (社区睦邻和事驿站, 楼院议事厅, …) in the admin."""

from .models import ActivityFormat, PlatformKind, TopicCategory

PLATFORM_KINDS = [
    # (name, slug, uses the 六有 standard)
    ("委员工作站", "workstation", False),
    ("协商议事会", "council", False),
    ("协商议事室", "room", True),
    ("联络委", "liaison-committee", False),
    ("联络站", "liaison-station", False),
    ("联络点", "liaison-point", False),
]
TOPIC_CATEGORIES = [
    ("民生保障", "livelihood"),
    ("乡村振兴", "rural-revitalisation"),
    ("基层社会治理", "governance"),
    ("城市管理", "urban-management"),
    ("生态环境", "environment"),
    ("产业发展", "industry"),
    ("文化旅游", "culture-tourism"),
]
ACTIVITY_FORMATS = [
    ("协商议事会", "council-meeting"),
    ("板凳协商会", "bench"),
    ("院坝协商", "courtyard"),
    ("专题协商", "thematic"),
    ("小微协商", "micro"),
    ("跨区域联动协商", "cross-region"),
]


def ensure_consultation_taxonomies():
    """Create the defaults that are missing (by slug or name); never touch edited ones."""
    created = 0
    for order, (name, slug, six_haves) in enumerate(PLATFORM_KINDS):
        created += _ensure(PlatformKind, name, slug, order, uses_six_haves=six_haves)
    for order, (name, slug) in enumerate(TOPIC_CATEGORIES):
        created += _ensure(TopicCategory, name, slug, order)
    for order, (name, slug) in enumerate(ACTIVITY_FORMATS):
        created += _ensure(ActivityFormat, name, slug, order)
    return created


def _ensure(model, name, slug, order, **fields):
    if model.objects.filter(slug=slug).exists() or model.objects.filter(name=name).exists():
        return 0
    model.objects.create(name=name, slug=slug, sort_order=(order + 1) * 10, **fields)
    return 1
