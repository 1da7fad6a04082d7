"""The 三位一体 page: one workstation with the council and rooms attached to it, presented as
one platform with the 六有 status of each room and the 1+7+3 check of each activity."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from plugin_api import BasePage, MethodPageMixin, registry


class ThreeInOnePage(MethodPageMixin, BasePage):
    method_key = "three_in_one"

    workstation = models.ForeignKey(
        "consultation.PlatformPage",
        verbose_name="委员工作站",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="议事会和议事室以“所属平台”挂在该工作站下。",
    )
    intro = models.TextField("简介", max_length=1000, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("workstation"), FieldPanel("intro")]
    parent_page_types = ["consultation.PlatformIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "三位一体协商平台"
        verbose_name_plural = "三位一体协商平台"

    def get_context(self, request, *args, **kwargs):
        from plugin_api import Activity, six_haves_status, with_six_haves

        context = super().get_context(request, *args, **kwargs)
        method = registry.get(self.method_key)
        config = self.method_config() or method.default_config
        station = self.workstation
        family = station.platform_family()
        platforms = list(
            type(station)
            .objects.live()
            .public()
            .filter(pk__in=family)
            .exclude(pk=station.pk)
            .select_related("kind")
            .order_by("title")
        )
        site = self.get_site()
        rooms = with_six_haves(
            type(station).objects.filter(
                pk__in=[p.pk for p in platforms], kind__uses_six_haves=True
            ),
            [site],
        )
        status = {room.pk: six_haves_status(room) for room in rooms}
        for platform in platforms:
            platform.six_haves = status.get(platform.pk)
        activities = list(
            Activity.objects.public()
            .filter(platform__in=family)
            .select_related("platform")
            .prefetch_related("participants")
            .order_by("-held_on", "-pk")[:30]
        )
        for activity in activities:
            counts = {}
            for participant in activity.participants.all():
                counts[participant.role] = counts.get(participant.role, 0) + participant.count
            activity.composition_problems = (
                method.check_participants(counts, config) if activity.held_on else None
            )
        context.update(
            {
                "method": method,
                "rules": method.composition_rules(config),
                "councils": [p for p in platforms if p.kind.slug == "council"],
                "rooms": [p for p in platforms if p.kind.slug != "council"],
                "method_activities": activities,
            }
        )
        return context
