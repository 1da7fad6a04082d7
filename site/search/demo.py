"""Demo vocabulary: the synonyms and place names the issue and the seeds use."""

from .indexing import rebuild
from .models import DomainWord, SynonymGroup

SYNONYMS = [
    "常委会、常务委员会",
    "政协、人民政协、政治协商会议",
    "议事室、协商议事室",
]
DOMAIN_WORDS = [
    ("嘉峪关", "地名"),
    ("合小美", "社区工作室名称（种子资料）"),
    ("三位一体", "嘉峪关协商平台"),
    ("板凳协商会", "X区协商形式"),
]


def load_search_demo():
    """Add the demo vocabulary if missing and index everything; returns the documents indexed."""
    for terms in SYNONYMS:
        group = SynonymGroup(terms=terms)
        group.clean()
        SynonymGroup.objects.get_or_create(terms=group.terms)
    for word, note in DOMAIN_WORDS:
        DomainWord.objects.get_or_create(word=word, defaults={"note": note})
    return rebuild()
