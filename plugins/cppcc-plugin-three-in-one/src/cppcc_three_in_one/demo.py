"""Demo: 嘉峪关市政协 runs 三位一体. The 1+7+3 groups below are a demo configuration (the seed
does not say what each number counts); a county sets its own in 协商工作法（插件）."""

from wagtail.models import Site

from plugin_api import Activity, PlatformIndexPage, PlatformPage, registry

from .models import ThreeInOnePage

DEMO_CONFIG = {
    "composition": {
        "name": "1+7+3",
        "groups": [
            {"label": "政协委员", "roles": ["member"], "minimum": 1},
            {"label": "利益相关方和群众代表", "roles": ["stakeholder", "public_rep"], "minimum": 7},
            {"label": "相关部门负责同志", "roles": ["department"], "minimum": 3},
        ],
    }
}


def load(sites):
    site = sites.get("jiayuguan")
    if not isinstance(site, Site):
        return
    if not registry.is_enabled("three_in_one", site):
        registry.enable("three_in_one", site, DEMO_CONFIG)
    index = PlatformIndexPage.objects.child_of(site.root_page).first()
    station = (
        PlatformPage.objects.descendant_of(site.root_page)
        .filter(kind__slug="workstation")
        .order_by("pk")
        .first()
    )
    if station is None:
        return
    # The activities held at the workstation, its council and its rooms followed the method.
    Activity.objects.filter(platform__in=station.platform_family(), method="").update(
        method="three_in_one"
    )
    if index is None or ThreeInOnePage.objects.child_of(index).exists():
        return
    page = ThreeInOnePage(
        title="嘉峪关“三位一体”协商平台（演示）",
        slug="sanwei-yiti",
        workstation=station,
        intro="政协委员工作站、政协协商议事会、政协协商议事室“三位一体”（种子资料001）。"
        "人员构成要求为演示配置。",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
