"""Handout footnotes merged where the text cites one place in a row.

Templates ask for a passage's footnote and for a chapter's start in reading order, but a
passage cannot know whether the next one cites the same paragraphs. So each request leaves
a marker in the HTML; once the whole document is written, consecutive passages that cite a
source at the same or the next paragraph (or page) share one footnote, set after the last
of them and merged into ranges ('A/CONF.234/11, paras 35–38'), instead of a run of notes
that repeat the source. A chapter's start ends a run.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from coursegen.i18n.scripts import direction, isolate_foreign_runs, text_direction
from coursegen.model.citing import continues
from coursegen.model.source import CitationRef, parse_citation
from coursegen.render.handout_model import Citations

_MARKER = re.compile(r"<!--coursegen-(?:note-(\d+)|chapter)-->")
_CHAPTER = Markup("<!--coursegen-chapter-->")


class FootnoteRuns:
    """Collects a document's footnoted passages in order and sets their merged footnotes."""

    def __init__(self, citations: Citations, lang: str = "en") -> None:
        self._citations = citations
        self._lang = lang  # the page's language: a note in the other direction says so
        self._passages: list[tuple[str, ...]] = []
        self._kept: set[int] = set()

    def call(self, cites: tuple[str, ...], keep: bool = False) -> Markup:
        """Where a passage's footnote may go (nothing when the passage cites nothing).

        `keep`: the passage is there to carry its note (a 'Sources' line, a caption), so
        a run may end on it but never takes its note away to a later passage.
        """
        if not cites:
            return Markup("")
        self._citations.remember(cites)
        if keep:
            self._kept.add(len(self._passages))
        self._passages.append(tuple(cites))
        return Markup(f"<!--coursegen-note-{len(self._passages) - 1}-->")

    def chapter(self) -> Markup:
        """Where a chapter starts: its first note names its sources in full."""
        return _CHAPTER

    def resolve(self, html: str) -> str:
        """The document with every marker replaced: one footnote per run of passages."""
        notes: dict[int, str] = {}
        for item in self._runs(html):
            if item is None:
                self._citations.restart()
                continue
            merged = tuple(cite for index in item for cite in self._passages[index])
            notes[item[-1]] = self._citations.note(merged)

        def replace(marker: re.Match[str]) -> str:
            if marker[1] is None or int(marker[1]) not in notes:
                return ""
            note = notes[int(marker[1])]
            # A note in another direction than the page (an English source in an Arabic
            # handout) says so: WeasyPrint does not read dir="auto".
            own = text_direction(note, self._lang)
            page = direction(self._lang)
            attribute = Markup(' dir="{}"').format(own) if own != page else ""
            if own == page:  # a name in the other direction inside the note reads as one block
                note = isolate_foreign_runs(note, page)
            return Markup('<span class="fn"{}>{}</span>').format(attribute, escape(note))

        return _MARKER.sub(replace, html)

    def _runs(self, html: str) -> list[list[int] | None]:
        """Runs of passages in reading order (None where a chapter starts): two runs in a
        row merge when they cite the same sources and each goes on where the other cites
        (`continues`), until no two notes in a row would read as one range. A note that
        adds a source stays apart, so a lesson's overview does not swallow its points."""
        items: list[list[int] | None] = []
        for marker in _MARKER.finditer(html):
            items.append(None if marker[1] is None else [int(marker[1])])
        merged = True
        while merged:
            merged = False
            for position in range(len(items) - 1):
                earlier, later = items[position], items[position + 1]
                if earlier is not None and later is not None and earlier[-1] not in self._kept and (
                        continues(self._refs(earlier), self._refs(later))
                        and continues(self._refs(later), self._refs(earlier))):
                    items[position:position + 2] = [earlier + later]
                    merged = True
                    break
        return items

    def _refs(self, run: list[int]) -> list[CitationRef]:
        return [parse_citation(cite) for index in run for cite in self._passages[index]]
