"""Whose reports a user may read: their own committee's and, for a prefecture's (or a
province's) editors, the committees below it. Members' accounts read none."""

from wagtail.models import Site

from core.committees import descendant_sites
from core.models import CommitteeLevel, CommitteeSettings
from core.tenancy import browses_whole_tree, committee_site_ids


def own_site_ids(user):
    if not user.is_authenticated or not browses_whole_tree(user):
        return []
    return sorted(committee_site_ids(user))


def readable_site_ids(user):
    """The ids of the sites whose monitor results ``user`` may read."""
    if user.is_superuser:
        return set(Site.objects.values_list("pk", flat=True))
    own = own_site_ids(user)
    ids = set(own)
    upper = CommitteeSettings.objects.filter(site_id__in=own).exclude(level=CommitteeLevel.COUNTY)
    for committee in upper.select_related("site"):
        ids.update(descendant_sites(committee.site).values_list("pk", flat=True))
    return ids


def counties(site):
    """The committees below ``site`` (none for a county), ordered by name."""
    committee = CommitteeSettings.for_site(site)
    if committee.level == CommitteeLevel.COUNTY:
        return []
    return list(descendant_sites(site).order_by("site_name", "pk"))
