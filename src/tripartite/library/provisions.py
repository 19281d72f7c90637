"""The rules' texts split into articles and paragraphs: pure functions over the lines of a
document the secretariat provides (docs/library.md, "The rules' texts").

The input convention, in English, French and Spanish alike:

- A line that starts with ``Article``, ``Artículo``, ``Articulo`` or ``Art.`` followed by a
  number starts an article: ``Article 4``, ``Art. 26bis``, ``Artículo 19 — Convenios``. What
  follows the number (after a dot, a colon or a dash) is the article's heading.
- Inside an article, a line that starts with a number followed by a dot or a closing
  parenthesis (``1.``, ``2)``) or a number in parentheses (``(3)``) starts that paragraph.
- Any other line continues the paragraph before it; the text of an article before its first
  numbered paragraph (or of an article without numbered paragraphs) is its unnumbered
  paragraph (``paragraph == ""``).
- The lines before the first article (the title, a preamble) are not stored.

A file with no article, an article given twice or a paragraph given twice in one article is
refused, with the line.
"""

import re
from dataclasses import dataclass

ARTICLE_LINE = re.compile(
    r"^\s*(?:article|art[íi]culo|art\.?)\s+"
    r"(?P<number>\d+(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|[a-z]))?)"
    r"(?![\w(])\s*(?:[.:\-–—]\s*)?(?P<heading>.*)$",
    re.IGNORECASE)
PARAGRAPH_LINE = re.compile(r"^\s*(?:\((?P<bracketed>\d+)\)|(?P<number>\d+)[.)])\s+(?P<text>.*)$")


@dataclass(frozen=True)
class SplitProvision:
    article: str  # "4", "26bis"
    paragraph: str  # "2", or "" for the article's unnumbered text
    heading: str  # the article's heading, on its first provision only
    text: str


class SplitError(ValueError):
    def __init__(self, code: str, line: int = 0, article: str = "", paragraph: str = ""):
        super().__init__(code)
        self.code = code
        self.line = line
        self.article = article
        self.paragraph = paragraph


def anchor(article: str, paragraph: str = "") -> str:
    """The page's anchor of a provision: ``art-4-2``, ``art-26bis``."""
    return f"art-{article.lower()}" + (f"-{paragraph}" if paragraph else "")


def split_text(text: str) -> list[SplitProvision]:
    """The provisions of ``text`` in their order; a SplitError (``empty``, ``no_article``,
    ``duplicate_article``, ``duplicate_paragraph``) otherwise."""
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise SplitError("empty")
    provisions: list[list[str]] = []  # [article, paragraph, heading, text]
    seen_articles: set[str] = set()
    seen_paragraphs: set[str] = set()
    article = ""
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        if not line:
            continue
        match = ARTICLE_LINE.match(line)
        if match:
            article = match["number"].replace(" ", "").lower()
            if article in seen_articles:
                raise SplitError("duplicate_article", number, article)
            seen_articles.add(article)
            seen_paragraphs = set()
            provisions.append([article, "", match["heading"].strip(), ""])
            continue
        if not article:
            continue  # the title or preamble
        paragraph = PARAGRAPH_LINE.match(line)
        if paragraph:
            label = paragraph["bracketed"] or paragraph["number"]
            if label in seen_paragraphs:
                raise SplitError("duplicate_paragraph", number, article, label)
            seen_paragraphs.add(label)
            current = provisions[-1]
            if current[0] == article and current[1] == "" and not current[3]:
                current[1], current[3] = label, paragraph["text"]  # the first one: no intro
            else:
                provisions.append([article, label, "", paragraph["text"]])
            continue
        current = provisions[-1]
        current[3] = f"{current[3]}\n{line}" if current[3] else line
    if not provisions:
        raise SplitError("no_article")
    return [SplitProvision(article=a, paragraph=p, heading=h, text=t)
            for a, p, h, t in provisions]
