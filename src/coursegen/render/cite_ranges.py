"""Citations of one source merged into ranges: 'paras 35–38, 41', 'pp. 4–5'."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from coursegen.model.source import CitationRef, Source

_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,11})\)\s*$")


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


def merged_locator(refs: Iterable[CitationRef]) -> str:
    """Where in one source, for readers, with neighbours merged: 'paras 35–38; p. 4'."""
    refs = list(refs)
    paragraphs = [r.paragraph for r in refs if r.paragraph is not None and r.sub is None]
    subs = sorted({r.anchor for r in refs if r.sub is not None})
    pages = [r.page for r in refs if r.page is not None]
    parts = []
    paras = _runs(paragraphs) + subs
    if paras:
        single = len(paras) == 1 and "–" not in paras[0]
        parts.append(("para. " if single else "paras ") + ", ".join(paras))
    if pages:
        spans = _runs(pages)
        single = len(spans) == 1 and "–" not in spans[0]
        parts.append(("p. " if single else "pp. ") + ", ".join(spans))
    return "; ".join(parts)


def group_by_source(refs: Iterable[CitationRef]) -> dict[str, list[CitationRef]]:
    """Citations grouped by source id, sources in order of first citation."""
    groups: dict[str, list[CitationRef]] = {}
    for ref in refs:
        groups.setdefault(ref.source, []).append(ref)
    return groups


def _short(source: Source) -> str:
    if source.symbol:
        return source.symbol
    found = _ABBREVIATION.search(source.publisher)
    return found.group(1) if found else source.publisher


def source_label(source: Source, sources: Sequence[Source]) -> str:
    """A source's short name on a slide: its symbol, else the publisher's abbreviation
    ('UNICRI'), with the year when another source would read the same ('UNICRI 2024')."""
    label = _short(source)
    if sum(_short(other) == label for other in sources) > 1:
        year = re.match(r"\d{4}", str(source.date))
        label += f" {year.group(0)}" if year else " n.d."
    return label
