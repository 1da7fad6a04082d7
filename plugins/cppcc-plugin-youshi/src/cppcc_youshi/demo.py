"""Demo: 阿坝州政协 and 泸州市政协 run 有事来协商. 阿坝's units are its demo platforms' places plus
one township and one village registered without a platform (demo stand-ins: the seed names no
villages); 泸州's May campaign is the one seed 003 reports, with the year of that report."""

from wagtail.models import Site

from plugin_api import PlatformIndexPage, PlatformPage, registry

from .method import DEFAULT_GUIDANCE, KEY
from .models import CoverageReportPage, CoverageUnit, UnitLevel

CONFIGS = {
    "aba": {"guidance": DEFAULT_GUIDANCE, "campaigns": []},
    "luzhou": {
        "guidance": DEFAULT_GUIDANCE,
        "campaigns": [
            {"name": "5月“有事来协商”集中活动", "start": "2022-05-01", "end": "2022-05-31"}
        ],
    },
}


def _report_page(site, title):
    index = PlatformIndexPage.objects.child_of(site.root_page).first() or site.root_page
    if CoverageReportPage.objects.descendant_of(site.root_page).exists():
        return
    page = CoverageReportPage(title=title, slug="coverage")
    index.add_child(instance=page)
    page.save_revision().publish()


def load(sites):
    for slug, config in CONFIGS.items():
        site = sites.get(slug)
        if isinstance(site, Site):
            if not registry.is_enabled(KEY, site):
                registry.enable(KEY, site, config)
    aba = sites.get("aba")
    if isinstance(aba, Site):
        platforms = {
            p.slug: p for p in PlatformPage.objects.descendant_of(aba.root_page).order_by("pk")
        }
        township, _ = CoverageUnit.objects.get_or_create(
            site=aba,
            level=UnitLevel.TOWNSHIP,
            name="片区乡镇（演示）",
            defaults={"platform": platforms.get("xiangzhen")},
        )
        CoverageUnit.objects.get_or_create(
            site=aba,
            level=UnitLevel.VILLAGE,
            parent=township,
            name="联络点所在村（演示）",
            defaults={"platform": platforms.get("cunji")},
        )
        other, _ = CoverageUnit.objects.get_or_create(
            site=aba, level=UnitLevel.TOWNSHIP, name="未建站乡镇（演示）"
        )
        CoverageUnit.objects.get_or_create(
            site=aba, level=UnitLevel.VILLAGE, parent=other, name="未建点村（演示）"
        )
        _report_page(aba, "“有事来协商”三级阵地覆盖")
    luzhou = sites.get("luzhou")
    if isinstance(luzhou, Site):
        _report_page(luzhou, "“有事来协商”集中活动")
