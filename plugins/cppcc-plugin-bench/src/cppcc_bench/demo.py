"""Demo: X区政协 runs 板凳协商会 (seed 002). The follow-up deadline is a demo configuration: the
seed gives none."""

from wagtail.models import Site

from plugin_api import Activity, registry

from .method import KEY
from .models import BenchMeetingPage

DEMO_CONFIG = {
    "follow_up_days": 60,
    "groups": [
        {"label": "政协委员", "roles": ["member"], "minimum": 1},
        {"label": "相关部门", "roles": ["department"], "minimum": 1},
        {"label": "商户及商会代表等当事各方", "roles": ["stakeholder", "public_rep"], "minimum": 1},
    ],
}


def load(sites):
    site = sites.get("xqu")
    if not isinstance(site, Site):
        return
    if not registry.is_enabled(KEY, site):
        registry.enable(KEY, site, DEMO_CONFIG)
    # The demo's bench meetings (format 板凳协商会) followed this method.
    Activity.objects.filter(site=site, format__slug="bench", method="").update(method=KEY)
    home = site.root_page
    if BenchMeetingPage.objects.child_of(home).exists():
        return
    page = BenchMeetingPage(
        title="板凳协商会",
        slug="bench",
        intro="城南镇政协联络委建立“板凳协商会”常态化工作制度（种子资料002）。"
        "跟踪办理时限 60 天为演示配置。",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
