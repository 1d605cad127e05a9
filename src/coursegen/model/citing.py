"""How a citation reads, decided once for every output.

Two forms: the *short* form ('United Nations, A/CONF.234/11, para. 8') on slides, in speaker
notes, handout footnotes and the site's citation links; the *full* form (the source's reference
with the paragraph or page) wherever a learner reads feedback: the terminal, the browser
runner, the answer key. A run of citations of one source merges into ranges ('paras 35–38').
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from coursegen.model.source import CitationRef, Source, parse_citation


class SourceLookup(Protocol):
    """Anything that finds a source by id (a Course)."""

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""


def short_name(source: Source) -> str:
    """A source's short form: publisher and document symbol, else its title before any colon."""
    if source.symbol:
        return f"{source.publisher.split(',')[0]}, {source.symbol}"
    title = source.title.split(":")[0].strip()
    words = title.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def short_citation(sources: SourceLookup, citation: str | CitationRef) -> str:
    """One citation in short form: 'United Nations, A/CONF.234/11, para. 8'."""
    ref = parse_citation(citation) if isinstance(citation, str) else citation
    source = sources.source(ref.source)
    name = short_name(source) if source else ref.source
    return f"{name}, {ref.locator}" if ref.locator else name


def full_citation(sources: SourceLookup, citation: str | CitationRef) -> str:
    """One citation in full, as a learner reads it under feedback: the reference, then where."""
    ref = parse_citation(citation) if isinstance(citation, str) else citation
    source = sources.source(ref.source)
    if source is None:
        return f"{ref.source}, {ref.locator}" if ref.locator else ref.source
    return source.reference(ref.locator)


def merged_citations(sources: SourceLookup, cites: Iterable[str]) -> list[str]:
    """Citations in short form, one entry per source in order of first use, with its
    paragraphs or pages merged into ranges: 'United Nations, A/CONF.234/11, paras 35–38, 40'."""
    grouped: dict[str, list[CitationRef]] = {}
    for text in cites:
        ref = parse_citation(text)
        grouped.setdefault(ref.source, []).append(ref)
    entries = []
    for source_id, refs in grouped.items():
        source = sources.source(source_id)
        name = short_name(source) if source else source_id
        where = _merged_locator(refs)
        entries.append(f"{name}, {where}" if where else name)
    return entries


def source_line(sources: SourceLookup, cites: Iterable[str]) -> str:
    """A slide's source line: 'Source: …' or 'Sources: …; …' ('' when nothing is cited)."""
    entries = merged_citations(sources, cites)
    if not entries:
        return ""
    return ("Sources: " if len(entries) > 1 else "Source: ") + "; ".join(entries)


def _merged_locator(refs: list[CitationRef]) -> str:
    pages = sorted({r.page for r in refs if r.page is not None})
    paragraphs = [r for r in refs if r.paragraph is not None]
    parts = []
    if paragraphs:
        plain = sorted({r.paragraph for r in paragraphs if r.sub is None})
        subs = sorted({r.anchor for r in paragraphs if r.sub is not None})
        spans = _ranges(plain) + subs
        many = len(plain) + len(subs) > 1
        parts.append(("paras " if many else "para. ") + ", ".join(spans))
    if pages:
        parts.append(("pp. " if len(pages) > 1 else "p. ") + ", ".join(_ranges(pages)))
    return ", ".join(parts)


def _ranges(numbers: list[int]) -> list[str]:
    """[35, 36, 37, 40] → ['35–37', '40']."""
    spans: list[str] = []
    start = previous = None
    for number in [*numbers, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            spans.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return spans
