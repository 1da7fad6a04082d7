"""What an archive item's county, type and meeting type name on this installation."""

from wagtail.models import Site

from core.models import CommitteeSettings
from news.models import MeetingType, NewsKind

from .lines import LineError


class Resolver:
    """Which site an item goes to and what its type and meeting type mean."""

    def __init__(self, site_hostname=None):
        self.sites = {s.pk: s for s in Site.objects.select_related("root_page")}
        self.fixed = None
        if site_hostname:
            self.fixed = next((s for s in self.sites.values() if s.hostname == site_hostname), None)
            if self.fixed is None:
                raise ValueError(f"没有主机名为 {site_hostname} 的站点。")
        self.by_name = {}
        for committee in CommitteeSettings.objects.all():
            for name in (committee.name, committee.short_name, committee.site.site_name):
                if name:
                    self.by_name[name] = self.sites[committee.site_id]
        self.default = next((s for s in self.sites.values() if s.is_default_site), None)
        self.kinds = {value: value for value in NewsKind.values}
        self.kinds.update({str(label): value for value, label in NewsKind.choices})
        self.meeting_types = {}
        for mt in MeetingType.objects.all():
            self.meeting_types[mt.slug] = mt
            self.meeting_types[mt.name] = mt

    def site(self, county, warnings):
        if self.fixed:
            return self.fixed
        county = (county or "").strip()
        if county:
            for name, site in self.by_name.items():
                if county == name or county in name or name in county:
                    return site
        if self.default is None:
            raise LineError("找不到对应的政协站点（没有默认站点，请用 --site 指定）")
        if county:
            warnings.append(f"未找到政协“{county}”，已导入默认站点（{self.default.site_name}）")
        return self.default
