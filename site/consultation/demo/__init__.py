"""Demo consultation records for the demo committees, built from what the seeds say:
嘉峪关's workstations, council and rooms (seed 001), X区 城南镇's 板凳协商会 on the 摩配大市场
(seed 002), 徽县's "议医保、解民忧、惠民生" at 高桥镇 (seed 001), 阿坝's 院坝协商 (seed 000).

Every record is marked ``is_demo``. Where a seed names a thing but not its details (a room's
address, how many people came, a suggestion's wording), the demo says so in the text instead of
inventing it; participant counts are illustrative and the figures are computed from them.
Photos and rule documents used as 六有 evidence are generated stand-ins, titled （演示）.
"""

from wagtail.models import Collection

from ..models import ActivityIndexPage, CaseStudyIndexPage, PlatformIndexPage
from ..taxonomy import ensure_consultation_taxonomies
from .activities import add_demo_activities
from .activity_records import ACTIVITIES
from .platform_records import PLATFORMS
from .platforms import add_demo_platforms

__all__ = ["ACTIVITIES", "PLATFORMS", "load_consultation_demo"]


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
        platforms = add_demo_platforms(platform_index, platform_records, collection)
        add_demo_activities(ACTIVITIES.get(slug, []), platforms, case_index)
