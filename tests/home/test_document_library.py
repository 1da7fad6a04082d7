"""The 规章制度 library lists its committee's own documents (its collection and those under it),
with their date, type and size, filtered by year and keyword, a page at a time; an editor
cannot point it at another committee's collection."""

import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.documents.models import Document

from builders import add_page, make_committee, make_document, make_editor
from core.committees import committee_collection
from home.models import DocumentLibraryPage


def document(title, collection, year, tag=None):
    made = make_document(title)
    made.collection = collection
    made._set_document_file_metadata()  # the size and hash, as an upload through the admin
    made.save()
    if tag:
        made.tags.add(tag)
    created = datetime.datetime(year, 6, 1, 8, 0, tzinfo=datetime.UTC)
    Document.objects.filter(pk=made.pk).update(created_at=created)
    return made


class DocumentLibrary(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = make_committee("zhuanglang", "庄浪县政协")
        cls.other = make_committee("jingning", "静宁县政协")
        cls.own = committee_collection("庄浪县政协")
        cls.sub = cls.own.add_child(name="工作制度")
        document("委员履职管理办法", cls.own, 2024, tag="制度")
        document("协商议事室工作制度", cls.sub, 2023, tag="制度")
        document("机关值班安排", cls.own, 2023)
        document("静宁县政协制度", committee_collection("静宁县政协"), 2024, tag="制度")
        cls.library = add_page(
            cls.county.root_page, DocumentLibraryPage(title="规章制度", slug="rules")
        )

    def get(self, **params):
        response = self.client.get(self.library.url, params, HTTP_HOST=self.county.hostname)
        self.assertEqual(response.status_code, 200)
        return response

    def titles(self, response):
        return [row["document"].title for row in response.context["rows"]]

    def test_only_the_committees_documents_newest_first_with_type_and_size(self):
        response = self.get()
        self.assertEqual(
            self.titles(response), ["委员履职管理办法", "机关值班安排", "协商议事室工作制度"]
        )
        html = response.content.decode()
        self.assertNotIn("静宁县政协制度", html)
        self.assertIn("TXT", html)
        self.assertIn(f"{len(b'rules of the room')} B", html)
        self.assertIn("2024-06-01", html)

    def test_filter_by_year_and_keyword(self):
        self.assertEqual(self.titles(self.get(year=2023)), ["机关值班安排", "协商议事室工作制度"])
        self.assertEqual(
            [(y["year"], y["count"]) for y in self.get().context["years"]], [(2024, 1), (2023, 2)]
        )
        self.assertEqual(self.titles(self.get(q="议事室")), ["协商议事室工作制度"])
        self.assertEqual(self.titles(self.get(year=2024, q="议事室")), [])
        self.assertEqual(len(self.titles(self.get(year="不是年份"))), 3)  # ignored, no error

    def test_paginated(self):
        for n in range(DocumentLibraryPage.page_size):
            document(f"补充制度{n}", self.own, 2020)
        first, second = self.get(), self.get(page=2)
        self.assertEqual(len(self.titles(first)), DocumentLibraryPage.page_size)
        self.assertEqual(len(self.titles(second)), 3)
        self.assertContains(first, 'rel="next"')

    def test_a_chosen_collection_and_tag_narrow_the_list(self):
        library = DocumentLibraryPage.objects.get(pk=self.library.pk)
        library.collection = self.sub
        library.save_revision().publish()
        self.assertEqual(self.titles(self.get()), ["协商议事室工作制度"])
        library.collection = None
        library.tag = "制度"
        library.save_revision().publish()
        self.assertEqual(self.titles(self.get()), ["委员履职管理办法", "协商议事室工作制度"])

    def test_another_committees_collection_cannot_be_chosen(self):
        library = DocumentLibraryPage.objects.get(pk=self.library.pk)
        library.collection = committee_collection("静宁县政协")
        with self.assertRaises(ValidationError) as raised:
            library.full_clean()
        self.assertIn("只能选择本政协的集合", str(raised.exception))
        # Set without the check, it still lists the committee's own documents only.
        DocumentLibraryPage.objects.filter(pk=library.pk).update(collection=library.collection)
        titles = self.titles(self.get())
        self.assertNotIn("静宁县政协制度", titles)
        self.assertEqual(len(titles), 3)

    def test_the_admin_form_offers_only_the_committees_collections(self):
        form_class = DocumentLibraryPage.get_edit_handler().get_form_class()
        editor = make_editor(self.county)
        form = form_class(parent_page=self.county.root_page, for_user=editor)
        offered = set(form.fields["collection"].queryset.values_list("name", flat=True))
        self.assertEqual(offered, {"庄浪县政协", "工作制度"})
