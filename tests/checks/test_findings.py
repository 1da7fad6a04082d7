"""Each check finds its case, says where and shows an excerpt, and passes the clean case."""

from django.test import TestCase
from wagtail.rich_text import RichText

from builders import make_document, make_image
from checks.findings import ALT_TEXT, BROKEN_LINK, OFFICIAL, SENSITIVE, TITLE, check_page
from checks.models import OfficialName, SensitiveWord

from .helpers import committee, news, paragraphs


def kinds(found):
    return [f.kind for f in found]


class SensitiveWordTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("suzhou")
        SensitiveWord.objects.create(site=cls.site, word="违禁示例", category="测试", note="请删除")

    def test_a_word_in_the_body_is_found_with_its_place_and_excerpt(self):
        page = news(self.index, paragraphs("第一段没有问题。", "会议指出，要把违禁示例一事办好。"))
        [finding] = check_page(page)
        self.assertEqual(finding.kind, SENSITIVE)
        self.assertEqual(finding.field, "body")
        self.assertEqual(finding.where, "正文 › 第 2 块·段落")
        self.assertEqual(finding.excerpt, "会议指出，要把违禁示例一事办好。")
        self.assertEqual(finding.match, "违禁示例")
        self.assertIn("“违禁示例”（测试）", finding.message)
        self.assertIn("请删除", finding.message)

    def test_paragraphs_of_one_block_are_numbered_and_occurrences_counted(self):
        body = [("paragraph", RichText("<p>甲。</p><p>违禁示例和<b>违禁示例</b>。</p>"))]
        [finding] = check_page(news(self.index, body))
        self.assertEqual(finding.where, "正文 › 第 1 块·段落 › 第 2 段")
        self.assertIn("共 2 处", finding.message)

    def test_words_in_plain_fields_nested_blocks_and_the_title(self):
        body = [
            ("quote", {"text": "引文里的违禁示例", "attribution": ""}),
            ("heading", {"text": "小标题", "level": "h2"}),
        ]
        page = news(self.index, body, title="违禁示例的标题", summary="摘要有违禁示例")
        places = {(f.field, f.where) for f in check_page(page)}
        self.assertEqual(
            places,
            {("title", "标题"), ("summary", "摘要"), ("body", "正文 › 第 1 块·引用 › 引文")},
        )

    def test_a_shared_word_applies_and_a_clean_page_passes(self):
        # The starter list (no site) is loaded by the migration and applies to every committee.
        self.assertTrue(SensitiveWord.objects.filter(site=None, word="待补充").exists())
        self.assertEqual(
            kinds(check_page(news(self.index, paragraphs("内容待补充。")))), [SENSITIVE]
        )
        self.assertEqual(check_page(news(self.index, paragraphs("会议传达学习了有关精神。"))), [])

    def test_another_committees_word_does_not_apply(self):
        other, other_index, _ = committee("wuxi")
        SensitiveWord.objects.create(site=other, word="别家的词")
        self.assertEqual(check_page(news(self.index, paragraphs("这里有别家的词。"))), [])
        self.assertEqual(kinds(check_page(news(other_index, paragraphs("别家的词")))), [SENSITIVE])


class OfficialNameTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("yangzhou")

    def test_a_wrong_form_is_found_with_its_correction(self):
        page = news(self.index, paragraphs("市政协委员会主席出席会议。"))
        [finding] = check_page(page)
        self.assertEqual(finding.kind, OFFICIAL)
        self.assertEqual(finding.message, "“政协委员会主席”应为“政协主席”。如“××市政协主席”")
        self.assertIn("市政协委员会主席出席", finding.excerpt)

    def test_the_correct_forms_pass(self):
        text = "中国人民政治协商会议扬州市委员会主席出席会议，市政协主席讲话。"
        self.assertEqual(check_page(news(self.index, paragraphs(text))), [])

    def test_a_wrong_form_inside_the_correct_one_is_not_an_error(self):
        OfficialName.objects.create(site=self.site, wrong="政协", correct="扬州市政协")
        self.assertEqual(check_page(news(self.index, paragraphs("扬州市政协召开会议。"))), [])
        self.assertEqual(
            kinds(check_page(news(self.index, paragraphs("政协召开会议。")))), [OFFICIAL]
        )


class ImageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("nantong")

    def test_an_image_block_without_alt_text_is_found(self):
        image = make_image("会场照片")
        body = [
            ("image", {"image": image, "alt_text": "", "caption": ""}),
            ("image", {"image": image, "alt_text": "委员在会场发言", "caption": ""}),
        ]
        [finding] = check_page(news(self.index, body))
        self.assertEqual(finding.kind, ALT_TEXT)
        self.assertEqual(finding.where, "正文 › 第 1 块·图片 › 图片")
        self.assertIn("会场照片", finding.message)

    def test_a_lead_image_needs_a_description(self):
        image = make_image("题图")
        [finding] = check_page(news(self.index, lead_image=image))
        self.assertEqual(
            (finding.kind, finding.field, finding.where), (ALT_TEXT, "lead_image", "题图")
        )
        image.description = "政协大楼外景"
        image.save()
        self.assertEqual(check_page(news(self.index, lead_image=image)), [])

    def test_a_rich_text_image_without_alt_is_found(self):
        image = make_image()
        html = f'<p>文字</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'
        found = check_page(news(self.index, [("paragraph", RichText(html))]))
        self.assertEqual(kinds(found), [ALT_TEXT])
        html = html.replace('alt=""', 'alt="会场"')
        self.assertEqual(check_page(news(self.index, [("paragraph", RichText(html))])), [])


class LinkTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("changzhou")

    def link_to(self, page_id, text="相关报道"):
        html = f'<p>详见<a linktype="page" id="{page_id}">{text}</a>。</p>'
        return news(self.index, [("paragraph", RichText(html))])

    def test_a_link_to_a_deleted_page_is_found(self):
        target = news(self.index, paragraphs("旧报道"))
        target_id = target.pk
        target.delete()
        [finding] = check_page(self.link_to(target_id))
        self.assertEqual(finding.kind, BROKEN_LINK)
        self.assertEqual(finding.message, "链接“相关报道”指向的页面已删除。")
        self.assertEqual(finding.where, "正文 › 第 1 块·段落")

    def test_a_link_to_an_unpublished_page_is_found_and_to_a_live_one_passes(self):
        draft = news(self.index, paragraphs("草稿"), publish=False)
        self.assertIn("尚未发布", check_page(self.link_to(draft.pk))[0].message)
        live = news(self.index, paragraphs("已发布"))
        self.assertEqual(check_page(self.link_to(live.pk)), [])

    def test_a_link_to_a_deleted_document_is_found(self):
        kept, gone = make_document("制度一"), make_document("制度二")
        gone_id = gone.pk
        gone.delete()
        html = (
            f'<p><a linktype="document" id="{kept.pk}">制度一</a>'
            f'<a linktype="document" id="{gone_id}">制度二</a></p>'
        )
        [finding] = check_page(news(self.index, [("paragraph", RichText(html))]))
        self.assertEqual(finding.message, "链接“制度二”指向的文件已删除。")


class TitleTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.index, _ = committee("zhenjiang")

    def test_an_over_long_title_is_found_and_one_at_the_limit_passes(self):
        self.assertEqual(check_page(news(self.index, title="政" * 60)), [])
        [finding] = check_page(news(self.index, title="政" * 61))
        self.assertEqual((finding.kind, finding.field), (TITLE, "title"))
        self.assertIn("61 个字", finding.message)

    def test_an_empty_title_is_found(self):
        page = news(self.index)
        page.title = "  "
        self.assertEqual(kinds(check_page(page)), [TITLE])
