"""Where the participant handout prints things, for outputs that send the reader to a page.

A deck that points to an exhibit in the handout names its page, so the page must come
from the handout's own layout: the same writer, template and options `render_handouts`
uses, laid out here (once per module and paper in a process) without writing the PDF.
"""

from __future__ import annotations

from coursegen.model import Course
from coursegen.model.course import Module
from coursegen.pdf import page_anchors
from coursegen.render.handout import HandoutWriter
from coursegen.render.handout_model import module_view
from coursegen.render.options import RenderOptions

KEPT = 8
"""How many modules' page numbers a process keeps (the latest ones)."""
_laid_out: dict[tuple[int, str, str | None], tuple[Course, Module, dict[str, int]]] = {}


def handout_pages(course: Course, module: Module, paper: str | None = None) -> dict[str, int]:
    """The page (from 1) of every anchor in `module`'s participant handout: sections
    (`module--lesson--slide`), exhibits (`…-exhibit-1`) and the rest."""
    key = (id(module), module.id, paper)
    cached = _laid_out.get(key)
    if cached is not None and cached[0] is course and cached[1] is module:
        return cached[2]
    options = RenderOptions(paper=paper)  # type: ignore[arg-type]
    writer = HandoutWriter(course, options)
    number = next((n for n, m in enumerate(course.modules, start=1) if m.id == module.id), 1)
    html = writer.html("handout/module.html", [module_view(course, module, number)], False)
    pages = page_anchors(html, f"{course.root.resolve().as_uri()}/", [writer.stylesheet],
                         writer.images)
    _laid_out[key] = (course, module, pages)
    while len(_laid_out) > KEPT:  # a watching process reloads the course on every save
        del _laid_out[next(iter(_laid_out))]
    return pages
