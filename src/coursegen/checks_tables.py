"""Table width rules: a table must fit across the handout page and the slide.

A cell is never narrower than its longest word. When a table's columns need more
room than the page has, the handout's table runs off the page edge and its last
columns are lost; on a slide the deck squeezes the columns and wraps each word
letter by letter. Both used to happen without a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from coursegen.errors import Diagnostic
from coursegen.i18n.ui import course_language
from coursegen.located import diagnostic_at
from coursegen.model import Course
from coursegen.model.slides import CaseSlide, SlideBase, TableSlide

POINTS_PER_MM = 72 / 25.4
PAGE_TEXT_WIDTH_MM = {"A4": 210 - 2 * 19, "Letter": 215.9 - 2 * 19}
"""Paper width less the side margins of handout.css's @page rule."""
HANDOUT_CELL = {"padding_mm": 2 * 2.2, "header_size": 8.5, "cell_size": 9.0}
"""handout.css: th/td side padding, header (bold sans) and body text sizes in points."""
HANDOUT_FONTS = ("Noto Sans", "Noto Serif")
"""The first families of handout.py's SANS (headers) and SERIF (cells)."""


def table_width_rules(course: Course, slide: SlideBase) -> Iterator[Diagnostic]:
    """The slide's tables against the handout page (error) and the slide (warning)."""
    from coursegen.text import parse_inline  # markdown-it: only when a course is checked

    tables = [slide] if isinstance(slide, TableSlide) else []
    if isinstance(slide, CaseSlide):
        tables += [e for e in slide.exhibits if e.columns]
    for table in tables:
        header = tuple(parse_inline(c) for c in table.columns)
        rows = [tuple(parse_inline(c) for c in row) for row in table.rows]
        paper = course.info.paper if course.info else "A4"
        page = PAGE_TEXT_WIDTH_MM[paper]
        needed = _handout_width_mm(header, rows, course_language(course))
        if needed > page:
            yield diagnostic_at(
                table, "columns", f"the table's {len(header)} columns need {needed:.0f} mm "
                f"across the handout page, which has {page:.0f} mm between its margins "
                f"({paper}): the table would run past the margin and lose the "
                "columns past the page edge; split it into narrower tables or shorten its "
                "longest words", "table-width")
        if isinstance(table, TableSlide):
            yield from _slide_width_rules(course, table, header, rows)


def _handout_width_mm(header: tuple, rows: list[tuple], lang: str = "en") -> float:
    from coursegen.text import Run

    sans, serif = _metrics(HANDOUT_FONTS[0], lang), _metrics(HANDOUT_FONTS[1], lang)
    total = 0.0
    for column, title in enumerate(header):
        bold = tuple(Run(r.text, True, r.italic, r.code, r.href) for r in title)
        widest = max([sans.longest_word(bold, HANDOUT_CELL["header_size"])] + [
            serif.longest_word(row[column], HANDOUT_CELL["cell_size"])
            for row in rows if column < len(row)])
        total += widest / POINTS_PER_MM + HANDOUT_CELL["padding_mm"]
    return total


def _slide_width_rules(course: Course, table: TableSlide, header: tuple,
                       rows: list[tuple]) -> Iterator[Diagnostic]:
    from coursegen.render.deck_fit import TableFitter
    from coursegen.render.deck_geometry import BUILT_IN
    from coursegen.render.deck_theme import load_theme

    theme = load_theme(course.theme)
    size = theme.size("table_min")
    width = len(header)
    cells = [header, *(tuple((*row, *((),) * width)[:width]) for row in rows)]
    metrics = _metrics(theme.fonts["body"], course_language(course), theme.fonts.get("script"))
    needed = sum(TableFitter(metrics).floors(cells, size))
    room = BUILT_IN["Content"].bodies[0].width
    if needed > room:
        yield diagnostic_at(
            table, "columns", f"the table's {width} columns need {needed:.0f} pt across a "
            f"slide at its smallest text size ({size:g} pt), which has {room:.0f} pt: the deck "
            "would break its words letter by letter; split it into narrower tables",
            "table-width", "warning")


@lru_cache(maxsize=8)
def _metrics(family: str, lang: str = "en", script_family: str | None = None):
    """Metrics of `family`, text in the language's own script measured in its face."""
    from coursegen.render.text_fit import FontMetrics

    return FontMetrics(family, lang=lang, script_family=script_family)
