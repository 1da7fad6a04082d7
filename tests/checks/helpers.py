"""Shared set-up of the checks' tests: a committee whose workflow holds the publication check
(as provisioning will add it), its news index and a news page with a given body."""

from wagtail.models import Workflow
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, make_editor
from checks.workflow import add_publication_checks


def committee(slug):
    site = make_committee(slug)
    workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
    add_publication_checks(workflow)
    index = NewsIndexPageFactory(parent=site.root_page, slug=f"{slug}-news")
    return site, index, make_editor(site)


def paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def news(index, body=(), publish=True, **fields):
    return NewsPageFactory(parent=index, body=list(body), publish=publish, **fields)
