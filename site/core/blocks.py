"""The StreamField blocks every page body is composed of. Plugins compose these with their
own blocks in their own page types; they never inject blocks here (see docs/plugins.md)."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别", choices=[("h2", "二级标题"), ("h3", "三级标题")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "core/blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(
        label="替代文字", max_length=200, help_text="供读屏软件朗读，描述图片内容（必填）"
    )
    caption = blocks.CharBlock(label="图片说明", max_length=200, required=False)

    class Meta:
        icon = "image"
        label = "图片"
        template = "core/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", max_length=100, required=False)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "core/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="链接文字", max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = "文件链接"
        template = "core/blocks/document_link_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="段落", features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label="表格", table_options={"language": "zh-CN"})
