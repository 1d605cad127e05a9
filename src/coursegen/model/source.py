"""Sources a course may cite, and the citation syntax that points into them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from coursegen.model.base import Node

_CITATION = re.compile(
    r"^(?P<source>[A-Za-z0-9][A-Za-z0-9._-]*)"
    r"(?:#(?:p\.(?P<page>\d+)|(?P<para>\d+)(?:\((?P<sub>[a-z])\))?))?$"
)


@dataclass(frozen=True)
class CitationRef:
    """A parsed citation: the source id and, optionally, a paragraph or a page."""

    source: str
    paragraph: int | None = None
    page: int | None = None
    sub: str | None = None

    @property
    def anchor(self) -> str:
        """The part after '#', as written ('8', '82(c)', 'p.12'), or ''."""
        if self.page is not None:
            return f"p.{self.page}"
        if self.paragraph is not None:
            return f"{self.paragraph}({self.sub})" if self.sub else str(self.paragraph)
        return ""

    @property
    def locator(self) -> str:
        """Where in the source, for readers: 'para. 8', 'para. 82(c)', 'p. 12', or ''."""
        if self.page is not None:
            return f"p. {self.page}"
        return f"para. {self.anchor}" if self.anchor else ""

    def __str__(self) -> str:
        return f"{self.source}#{self.anchor}" if self.anchor else self.source


def parse_citation(text: str) -> CitationRef:
    """Parse `SOURCE-ID`, `SOURCE-ID#PARA`, `SOURCE-ID#PARA(x)` or `SOURCE-ID#p.PAGE`.

    Raises ValueError with a message that shows the accepted forms.
    """
    match = _CITATION.match(text.strip())
    if not match:
        raise ValueError(
            f"citation '{text}' must read SOURCE-ID, SOURCE-ID#PARAGRAPH (e.g. unodc-ws4-2020#8) "
            "or SOURCE-ID#p.PAGE"
        )
    para, page = match["para"], match["page"]
    return CitationRef(
        source=match["source"],
        paragraph=int(para) if para else None,
        page=int(page) if page else None,
        sub=match["sub"],
    )


def _check_citation(text: str) -> str:
    parse_citation(text)
    return text.strip()


Citation = Annotated[
    str,
    AfterValidator(_check_citation),
    Field(
        description="SOURCE-ID, SOURCE-ID#PARAGRAPH or SOURCE-ID#p.PAGE",
        json_schema_extra={"pattern": _CITATION.pattern},
    ),
]
Citations = Annotated[tuple[Citation, ...], Field(default=(), description="Citations")]


class Source(Node):
    """A document the course may cite: an entry of `sources.yaml`."""

    id: str = Field(description="Short unique id used in citations, e.g. unodc-ws4-2020")
    title: str = Field(description="Full title of the document")
    publisher: str = Field(description="Organisation that published it")
    date: dt.date | str = Field(description="Publication date (YYYY-MM-DD, or as printed)")
    url: str | None = Field(default=None, description="Where a reader can find it")
    symbol: str | None = Field(default=None, description="Document symbol, e.g. A/CONF.234/11")
    text: str | None = Field(
        default=None,
        description="File name of a plain-text copy, used by `check --sources DIR`",
    )
    paragraphs: Literal["numbered", "counted"] = Field(
        default="numbered",
        description="How #N finds a paragraph: the text numbers them ('12. ...'), "
        "or they are counted from the top (non-empty blocks)",
    )

    def reference(self, locator: str = "") -> str:
        """The source formatted as a reference-list entry; `locator` ('para. 8') pinpoints a
        place in it, before the closing full stop and the address."""
        parts = [self.publisher, f"“{self.title}”"]
        if self.symbol:
            parts.append(self.symbol)
        parts.append(str(self.date))
        if locator:
            parts.append(locator)
        text = ", ".join(parts) + "."
        return f"{text} {self.url}" if self.url else text


class SourceList(Node):
    """The contents of `sources.yaml`."""

    sources: tuple[Source, ...] = Field(description="Every source a lesson or question may cite")
