"""How a citation reads, decided once for every output.

Three forms, all made here:
- the *label* on a slide's source line and in later footnotes of a chapter: the document
  symbol, else the publisher's abbreviation, with the year where two sources would read the
  same ('A/CONF.234/11, paras 35–38', 'UNICRI 2024, para. 5');
- the *short name* in a chapter's first footnote and the site's citation titles ('United
  Nations, A/CONF.234/11, para. 8');
- the *full* reference with the paragraph or page wherever a learner reads feedback: the
  terminal, the browser runner, the answer key.
A source's paragraphs or pages cited together merge into ranges ('paras 35–38, 41; p. 4').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from coursegen.model.source import CitationRef, Source, parse_citation

_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,11})\)\s*$")


class SourceLookup(Protocol):
    """Anything that finds a source by id and lists them all (a Course)."""

    sources: Sequence[Source]

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""


def short_name(source: Source) -> str:
    """A source's short form: publisher and document symbol, else its title before any colon."""
    if source.symbol:
        return f"{source.publisher.split(',')[0]}, {source.symbol}"
    title = source.title.split(":")[0].strip()
    words = title.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def source_label(source: Source, sources: Sequence[Source]) -> str:
    """A source's label on a slide: its symbol, else the publisher's abbreviation
    ('UNICRI'), with the year when another source would read the same ('UNICRI 2024')."""
    label = _label(source)
    if sum(_label(other) == label for other in sources) > 1:
        year = re.match(r"\d{4}", str(source.date))
        label += f" {year.group(0)}" if year else " n.d."
    return label


def _label(source: Source) -> str:
    if source.symbol:
        return source.symbol
    found = _ABBREVIATION.search(source.publisher)
    return found.group(1) if found else source.publisher


def locator(ref: CitationRef, lang: str = "en") -> str:
    """Where in the source, for readers of `lang`: 'para. 8', 'p. 12' ('' for neither)."""
    if ref.page is None and not ref.anchor:
        return ""
    from coursegen.i18n.ui import Interface

    ui = Interface(lang)
    if ref.page is not None:
        return ui._("p. {numbers}", numbers=ref.page)
    return ui._("para. {numbers}", numbers=ref.anchor)


def short_citation(sources: SourceLookup, citation: str | CitationRef) -> str:
    """One citation with the source's short name: 'United Nations, A/CONF.234/11, para. 8'."""
    from coursegen.i18n.ui import course_language

    ref = parse_citation(citation) if isinstance(citation, str) else citation
    source = sources.source(ref.source)
    name = short_name(source) if source else ref.source
    where = locator(ref, course_language(sources))
    return f"{name}, {where}" if where else name


def full_citation(sources: SourceLookup, citation: str | CitationRef) -> str:
    """One citation in full, as a learner reads it under feedback: the reference, then where."""
    from coursegen.i18n.ui import course_language

    ref = parse_citation(citation) if isinstance(citation, str) else citation
    source = sources.source(ref.source)
    where = locator(ref, course_language(sources))
    if source is None:
        return f"{ref.source}, {where}" if where else ref.source
    return source.reference(where)


def group_by_source(refs: Iterable[CitationRef]) -> dict[str, list[CitationRef]]:
    """Citations grouped by source id, sources in order of first citation."""
    groups: dict[str, list[CitationRef]] = {}
    for ref in refs:
        groups.setdefault(ref.source, []).append(ref)
    return groups


def merged_locator(refs: Iterable[CitationRef], lang: str = "en") -> str:
    """Where in one source, with neighbours merged: 'paras 35–38, 41; p. 4' ('' for none),
    the abbreviations in `lang`."""
    from coursegen.i18n.ui import Interface

    ui = Interface(lang)
    refs = list(refs)
    paragraphs = [r.paragraph for r in refs if r.paragraph is not None and r.sub is None]
    subs = sorted({r.anchor for r in refs if r.sub is not None})
    pages = [r.page for r in refs if r.page is not None]
    parts = []
    paras = _runs(paragraphs) + subs
    if paras:
        single = len(paras) == 1 and "–" not in paras[0]
        # Translators: paragraph numbers of a cited document, e.g. "para. 35", "paras 35–38".
        parts.append(ui._("para. {numbers}", numbers=", ".join(paras)) if single
                     else ui._("paras {numbers}", numbers=", ".join(paras)))
    if pages:
        spans = _runs(pages)
        single = len(spans) == 1 and "–" not in spans[0]
        # Translators: page numbers of a cited document, e.g. "p. 4", "pp. 4–6".
        parts.append(ui._("p. {numbers}", numbers=", ".join(spans)) if single
                     else ui._("pp. {numbers}", numbers=", ".join(spans)))
    return "; ".join(parts)


def continues(earlier: Iterable[CitationRef], later: Iterable[CitationRef]) -> bool:
    """Whether `later` only goes on where `earlier` left off: each source it cites is cited
    by `earlier` too, at the same or the next place (a paragraph or page one apart; a whole
    document after the whole document). Two such notes in a row read as one range
    ('paras 35–36'), so a handout gives them one footnote."""
    places: dict[str, set[tuple[str, int | None]]] = {}
    for ref in earlier:
        places.setdefault(ref.source, set()).add(_place(ref))
    wanted = group_by_source(later)
    return bool(wanted) and all(
        any(_neighbours(_place(ref), place) for ref in refs for place in places.get(source, ()))
        for source, refs in wanted.items())


def _neighbours(one: tuple[str, int | None], other: tuple[str, int | None]) -> bool:
    if one[0] != other[0] or (one[1] is None) != (other[1] is None):
        return False
    return one[1] is None or abs(one[1] - other[1]) <= 1


def _place(ref: CitationRef) -> tuple[str, int | None]:
    if ref.page is not None:
        return "page", ref.page
    return "paragraph", ref.paragraph


def merged_citations(sources: SourceLookup, cites: Iterable[str],
                     lang: str | None = None) -> list[str]:
    """Citations by source label, one entry per source in order of first use, with its
    paragraphs or pages merged: ['A/CONF.234/11, paras 35–37, 40', 'Justice and Care']."""
    from coursegen.i18n.ui import course_language

    lang = lang or course_language(sources)
    entries = []
    for source_id, refs in group_by_source(map(parse_citation, cites)).items():
        source = sources.source(source_id)
        name = source_label(source, sources.sources) if source else source_id
        where = merged_locator(refs, lang)
        entries.append(f"{name}, {where}" if where else name)
    return entries


def source_line(sources: SourceLookup, cites: Iterable[str]) -> str:
    """A slide's source line: 'Source: …' or 'Sources: …; …' ('' when nothing is cited)."""
    from coursegen.i18n.ui import Interface, course_language

    entries = merged_citations(sources, cites)
    if not entries:
        return ""
    ui = Interface(course_language(sources))
    listed = "; ".join(entries)
    return (ui._("Sources: {sources}", sources=listed) if len(entries) > 1
            else ui._("Source: {source}", source=listed))


def _runs(numbers: Iterable[int]) -> list[str]:
    """Sorted numbers as runs: [35, 36, 37, 41] → ['35–37', '41']."""
    result: list[str] = []
    ordered = sorted(set(numbers))
    start = previous = None
    for number in [*ordered, None]:
        if number is not None and previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            result.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return result
