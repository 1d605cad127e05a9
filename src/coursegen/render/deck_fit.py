"""Fitting paragraphs into a text box: choose a size, or split a list across slides.

Pure: it measures with `text_fit.FontMetrics` and knows nothing of python-pptx.
Sizes shrink only down to a minimum; below it, a list continues on another slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from coursegen.render.deck_geometry import BULLET_INDENT, INSET_X, INSET_Y, Box
from coursegen.render.text_fit import FontMetrics
from coursegen.text import Run, parse_inline

SAFETY = 0.96
"""Share of a box's inner width and height the text may use: room for rounding and hinting."""

SHORT_SHARE = 0.6
"""A list taking less than this share of its box's height is short: it is centred in the box,
so two points do not hang under the title above an empty slide."""

STYLES = ("bullet", "plain", "heading", "label", "numbered", "figure", "quote")
"""Paragraph styles: a bullet; plain text; a bold heading; a small italic label; a numbered
item; a key figure (bold, accent colour); a quotation (italic, centred)."""


@dataclass(frozen=True)
class Para:
    """One paragraph of slide text: formatted runs, a level, a style, and (once fitted) a size."""

    runs: tuple[Run, ...]
    level: int = 0
    style: str = "bullet"
    size: float = 0.0
    space_before: float = 0.0
    scale: float = 1.0
    """Size relative to the region's size (labels are smaller, a merged-in figure larger)."""
    floor: float = 0.0
    """The least size this paragraph may be set at (its role's minimum), whatever its scale."""
    origin: object = None
    """The model node the text came from, for warnings that name file and line."""

    @property
    def text(self) -> str:
        """The paragraph as plain text."""
        return "".join(run.text for run in self.runs)


def make_para(text: str, style: str = "bullet", level: int = 0, prefix: str = "",
              node: object = None) -> Para:
    """A paragraph from inline Markdown, optionally led by a bold prefix ('A.  ', 'Why: ')."""
    runs = parse_inline(text)
    if prefix:
        runs = (Run(prefix, bold=True), *runs)
    return Para(runs, level=level, style=style, origin=node, scale=0.75 if style == "label" else 1)


@dataclass(frozen=True)
class Sizes:
    """The size a region's level-1 text starts at, the least it may shrink to, the level step."""

    base: float
    minimum: float
    step: float = 2.0
    grow: float = 0.0
    """How far above base a short text may grow to fill its box."""


class Fitter:
    """Measures paragraphs in boxes and decides sizes and page breaks."""

    def __init__(self, metrics: FontMetrics) -> None:
        self.metrics = metrics

    def sized(self, paras: Sequence[Para], size: float, sizes: Sizes) -> tuple[Para, ...]:
        """The paragraphs with their point sizes and spacing set for a region at `size`."""
        result = []
        for index, para in enumerate(paras):
            own = max(size * para.scale - para.level * sizes.step, para.floor, 10.0)
            gap = 0.0 if index == 0 else own * (0.4 if para.level == 0 else 0.15)
            result.append(replace(para, size=round(own, 1), space_before=round(gap, 1)))
        return tuple(result)

    def height(self, paras: Sequence[Para], box: Box) -> float:
        """Height in points the sized paragraphs take in the box's width."""
        total = 0.0
        for para in paras:
            lines = self.metrics.line_count(para.runs, para.size, self.line_width(para, box))
            total += (para.space_before
                      + lines * para.size * self.metrics.line_height_of(para.runs))
        return total

    @staticmethod
    def line_width(para: Para, box: Box) -> float:
        """Width a paragraph's lines may use in the box."""
        indent = BULLET_INDENT[min(para.level, 3)] if para.style == "bullet" else 0.0
        if para.style == "numbered":
            indent = BULLET_INDENT[0]
        return max(1.0, (box.width - 2 * INSET_X - indent) * SAFETY)

    @staticmethod
    def room(box: Box) -> float:
        """Height the text may use in the box."""
        return (box.height - 2 * INSET_Y) * SAFETY

    def is_short(self, paras: Sequence[Para], box: Box) -> bool:
        """Whether the sized paragraphs leave so much of the box empty that they are centred."""
        return self.height(paras, box) < SHORT_SHARE * self.room(box)

    def fits(self, paras: Sequence[Para], box: Box, size: float, sizes: Sizes,
             room: float | None = None) -> bool:
        """Whether the paragraphs fit the box at `size`."""
        limit = self.room(box) if room is None else room
        return self.height(self.sized(paras, size, sizes), box) <= limit

    def best_size(self, paras: Sequence[Para], box: Box, sizes: Sizes) -> float | None:
        """The largest size from base (or up to `grow` above it) down to minimum that fits."""
        size = sizes.base + sizes.grow
        while size >= sizes.minimum:
            if self.fits(paras, box, size, sizes):
                return size
            size -= 1
        return None

    def paginate(self, paras: Sequence[Para], box: Box, sizes: Sizes) -> list[tuple[Para, ...]]:
        """Split paragraphs into pages that fit at the base size, balanced in height.

        A top-level point stays with its sub-points when they fit together. A page
        that holds a single paragraph too long for the box is returned as it is;
        `fit_page` shrinks it and reports it.
        """
        if not paras:
            return [()]
        pages = self._greedy(paras, box, sizes, self.room(box))
        if len(pages) > 1:
            # Balance: the smallest height limit that still needs no more pages.
            low, high = self.room(box) / len(pages), self.room(box)
            for _ in range(8):
                middle = (low + high) / 2
                if len(self._greedy(paras, box, sizes, middle)) <= len(pages):
                    high = middle
                else:
                    low = middle
            pages = self._greedy(paras, box, sizes, high)
        return pages

    def _greedy(self, paras: Sequence[Para], box: Box, sizes: Sizes,
                room: float) -> list[tuple[Para, ...]]:
        pages: list[list[Para]] = []
        current: list[Para] = []
        for group in _groups(paras):
            if self.fits([*current, *group], box, sizes.base, sizes, room):
                current.extend(group)
                continue
            if current:
                pages.append(current)
                current = []
            glued = len(group) == 2 and group[0].style in {"heading", "label"}
            if glued and not self.fits(group, box, sizes.base, sizes, room):
                # a label or heading never ends a page apart from its one paragraph:
                # the pair shares a page, and `fit_page` shrinks it or reports it
                pages.append(list(group))
                continue
            for para in group:
                if current and not self.fits([*current, para], box, sizes.base, sizes, room):
                    pages.append(current)
                    current = []
                current.append(para)
        pages.append(current)
        return [tuple(page) for page in pages if page]

    def fit_page(self, paras: Sequence[Para], box: Box,
                 sizes: Sizes) -> tuple[tuple[Para, ...], bool]:
        """The paragraphs sized as large as fits (never below minimum), and whether they fit."""
        size = self.best_size(paras, box, sizes)
        if size is None:
            return self.sized(paras, sizes.minimum, sizes), False
        return self.sized(paras, size, sizes), True


def _groups(paras: Sequence[Para]) -> list[list[Para]]:
    """Paragraphs that should share a page: a point with its sub-points, a heading with its text."""
    groups: list[list[Para]] = []
    for para in paras:
        glued = groups and groups[-1][-1].style in {"heading", "label"}
        if groups and (para.level > 0 or glued):
            groups[-1].append(para)
        else:
            groups.append([para])
    return groups


CELL_INSET_X = 7.2
"""Left and right margin inside a table cell, in points."""
CELL_INSET_Y = 3.6
"""Top and bottom margin inside a table cell, in points."""


class TableFitter:
    """Column widths, a text size and page breaks for a table in a box."""

    def __init__(self, metrics: FontMetrics) -> None:
        self.metrics = metrics

    def widths(self, rows: Sequence[Sequence[tuple[Run, ...]]], width: float,
               size: float) -> tuple[float, ...]:
        """Column widths sharing `width` by how much text each column holds.

        Each column first gets room for its longest word at `size`, so no word is
        broken across lines; what is left is shared by the amount of text.
        """
        count = len(rows[0])
        weights = []
        for column in range(count):
            longest = max(len("".join(r.text for r in row[column])) for row in rows)
            weights.append(min(max(longest, 8), 60))
        floors = self.floors(rows, size)
        if sum(floors) >= width:
            return tuple(width * f / sum(floors) for f in floors)
        shares = [width * w / sum(weights) for w in weights]
        short = {i for i in range(count) if shares[i] < floors[i]}
        spare = width - sum(floors[i] for i in short)
        rest = sum(weights[i] for i in range(count) if i not in short)
        return tuple(floors[i] if i in short else max(floors[i], spare * weights[i] / rest)
                     for i in range(count))

    def floors(self, rows: Sequence[Sequence[tuple[Run, ...]]], size: float) -> list[float]:
        """Each column's least width at `size`: its longest word, unbroken, plus the cell insets.

        A table whose floors add up to more than its box has its words broken letter by letter.
        """
        return [max(self.metrics.longest_word(row[column], size) for row in rows) / SAFETY
                + 2 * CELL_INSET_X + 1 for column in range(len(rows[0]))]

    def row_heights(self, rows: Sequence[Sequence[tuple[Run, ...]]], widths: Sequence[float],
                    size: float) -> list[float]:
        """The height each row takes at `size`."""
        heights = []
        for row in rows:
            lines = max(
                self.metrics.line_count(cell, size, (w - 2 * CELL_INSET_X) * SAFETY)
                for cell, w in zip(row, widths, strict=True)
            )
            height = max(self.metrics.line_height_of(cell) for cell in row)
            heights.append(lines * size * height + 2 * CELL_INSET_Y)
        return heights

    def pages(self, header: tuple[tuple[Run, ...], ...],
              rows: Sequence[tuple[tuple[Run, ...], ...]], box: Box,
              sizes: Sizes) -> tuple[float, tuple[float, ...], list[list[int]], bool]:
        """Size, column widths, row indexes per page (header repeated on each), and fit."""
        widths = self.widths([header, *rows], box.width, sizes.base)
        room = box.height * SAFETY
        size = sizes.base
        while size >= sizes.minimum:
            if sum(self.row_heights([header, *rows], widths, size)) <= room:
                return size, widths, [list(range(len(rows)))], True
            size -= 1
        heights = self.row_heights([header, *rows], widths, sizes.base)
        pages = _row_pages(heights, room)
        # Balance: the least room that needs no more slides, so no slide is left half empty.
        low, high = heights[0], room
        for _ in range(10):
            middle = (low + high) / 2
            if len(_row_pages(heights, middle)) <= len(pages):
                high = middle
            else:
                low = middle
        pages = _row_pages(heights, high)
        fits = all(heights[0] + sum(heights[i + 1] for i in page) <= room for page in pages)
        return sizes.base, widths, pages, fits


def _row_pages(heights: Sequence[float], room: float) -> list[list[int]]:
    """Row indexes per slide, each slide repeating the header (heights[0]) within `room`."""
    pages: list[list[int]] = [[]]
    used = heights[0]
    for index, height in enumerate(heights[1:]):
        if pages[-1] and used + height > room:
            pages.append([])
            used = heights[0]
        pages[-1].append(index)
        used += height
    return pages
