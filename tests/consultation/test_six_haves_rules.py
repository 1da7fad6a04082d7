"""The 六有 status of a room: evidence with a photo or a document, a roster, and a recent
activity held there, by each site's own window."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import TestCase
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from consultation.models import ConsultationSettings, PlatformEvidence, PlatformMember, SixHaves

from .test_public_activity import build_site, platform

TODAY = datetime.date(2026, 6, 30)


def held(page, days_ago):
    """An activity deliberated at ``page`` ``days_ago`` days before TODAY."""
    from consultation.models import Activity, ActivityStep, Spine

    record = Activity(platform=page, topic=f"{days_ago}天前的协商")
    record.steps = [
        ActivityStep(step=Spine.DELIBERATE, date=TODAY - datetime.timedelta(days=days_ago))
    ]
    record.save()
    return record


class SixHavesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.platforms, _ = build_site("jiayuguan")
        buffer = io.BytesIO()
        PILImage.new("RGB", (4, 4), "#ccc").save(buffer, "PNG")
        cls.photo = Image(title="照片", file=ImageFile(buffer, name="p.png"))
        cls.photo.save()
        cls.document = Document(title="制度")
        cls.document.file.save("rules.txt", ContentFile(b"rules"), save=False)
        cls.document.save()

    def room(self, slug="room"):
        return platform(self.platforms, slug)

    def status(self, page):
        from consultation.models import PlatformPage
        from consultation.models.platforms import six_haves_status, with_six_haves

        annotated = with_six_haves(
            PlatformPage.objects.filter(pk=page.pk), [self.site], today=TODAY
        )
        return six_haves_status(annotated.get())

    def test_a_new_room_misses_all_six(self):
        self.assertEqual(self.status(self.room())["missing"], list(SixHaves))

    def test_a_photo_or_a_document_meets_an_item(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.VENUE, image=self.photo)
        PlatformEvidence.objects.create(page=room, item=SixHaves.RULES, document=self.document)
        self.assertEqual(self.status(room)["met"], [SixHaves.VENUE, SixHaves.RULES])

    def test_evidence_without_a_file_does_not_count(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.SIGN, note="挂了牌子")
        self.assertIn(SixHaves.SIGN, self.status(room)["missing"])

    def test_the_admin_refuses_evidence_without_a_file(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            PlatformEvidence(page=self.room(), item=SixHaves.SIGN, note="挂了牌子").full_clean()

    def test_a_roster_meets_fixed_members(self):
        room = self.room()
        PlatformMember.objects.create(page=room, name="李委员")
        self.assertEqual(self.status(room)["met"], [SixHaves.MEMBERS])

    def test_a_roster_document_also_meets_fixed_members(self):
        room = self.room()
        PlatformEvidence.objects.create(page=room, item=SixHaves.MEMBERS, document=self.document)
        self.assertEqual(self.status(room)["met"], [SixHaves.MEMBERS])

    def test_activity_records_need_an_activity_within_the_window(self):
        room = self.room()
        held(room, days_ago=181)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])
        held(room, days_ago=180)
        self.assertIn(SixHaves.RECORDS, self.status(room)["met"])

    def test_the_window_is_set_per_site(self):
        room = self.room()
        held(room, days_ago=300)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])
        settings = ConsultationSettings.for_site(self.site)
        settings.activity_record_days = 365
        settings.save()
        self.assertIn(SixHaves.RECORDS, self.status(room)["met"])

    def test_an_activity_elsewhere_does_not_count(self):
        room, other = self.room("room"), self.room("other")
        held(other, days_ago=10)
        self.assertIn(SixHaves.RECORDS, self.status(room)["missing"])

    def test_a_room_with_all_six_is_compliant(self):
        room = self.room()
        for item in (SixHaves.VENUE, SixHaves.SIGN, SixHaves.FACILITIES):
            PlatformEvidence.objects.create(page=room, item=item, image=self.photo)
        PlatformEvidence.objects.create(page=room, item=SixHaves.RULES, document=self.document)
        PlatformMember.objects.create(page=room, name="李委员")
        self.assertFalse(self.status(room)["compliant"])
        held(room, days_ago=1)
        self.assertTrue(self.status(room)["compliant"])

    def test_the_board_lists_rooms_by_status_and_not_workstations(self):
        missing = self.room("missing-room")
        platform(self.platforms, "station", kind="workstation")
        response = self.client.get("/platforms/liuyou/", HTTP_HOST=self.site.hostname)
        self.assertContains(response, "missing-room议事室")
        self.assertNotContains(response, "station议事室")
        self.assertContains(response, "有固定成员")
        compliant = self.client.get(
            "/platforms/liuyou/", {"status": "compliant"}, HTTP_HOST=self.site.hostname
        )
        self.assertNotContains(compliant, missing.title)
