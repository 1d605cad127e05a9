"""Module → slide specs: what each slide says and where, fitted to its boxes (no python-pptx here).

`build_deck_specs` walks a module's lessons and turns every slide kind into one or
more `SlideSpec`s: a layout name, a title, text regions in placeholder order (already
sized), and optionally a table or a picture. Text that would overflow continues on
"… (cont.)" slides; text that cannot fit even at the minimum size becomes a warning.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from coursegen.errors import Diagnostic
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Module
from coursegen.model.slides import (
    BulletsSlide,
    CaseSlide,
    ChartSlide,
    CompareSlide,
    DiagramSlide,
    ImageSlide,
    KnowledgeCheckSlide,
    Point,
    QuoteSlide,
    ReferencesSlide,
    SectionSlide,
    SlideBase,
    StatSlide,
    SummarySlide,
    TableSlide,
)
from coursegen.quiz.presentation import bank_order
from coursegen.render.deck_cases import FICTIONAL_LABEL, CaseSlides
from coursegen.render.deck_fit import SAFETY, Fitter, Para, Sizes, TableFitter, make_para
from coursegen.render.deck_geometry import (
    INSET_X,
    INSET_Y,
    SOURCE_LINE_HEIGHT,
    Box,
    LayoutBoxes,
    role_groups,
)
from coursegen.render.deck_notes import cite_line, lesson_notes, slide_cites, speaker_notes
from coursegen.render.deck_questions import answer_notes, answer_paras, question_paras
from coursegen.render.deck_shape import (
    FrameSlide,
    agenda_slide,
    closing_slide,
    lesson_opener,
    objectives_slide,
    section_subtitle,
    title_slide,
)
from coursegen.render.deck_spec_types import DeckSpec, PictureSpec, Region, SlideSpec, TableSpec
from coursegen.render.deck_theme import DeckTheme, builtin_theme
from coursegen.render.deck_titles import TitleFace, distinct_headings, unique_titles
from coursegen.render.deck_visuals import visual_spec
from coursegen.render.text_fit import FontMetrics
from coursegen.text import Run, parse_inline, plain_text, quotation

FLOWING = frozenset({"body", "left", "right"})
"""Roles whose text may continue on a following slide."""


def build_deck_specs(course: Course, module: Module, layouts: dict[str, LayoutBoxes],
                     theme: DeckTheme, metrics: FontMetrics,
                     title_metrics: FontMetrics | None = None,
                     title_bold: bool = True, paper: str | None = None) -> DeckSpec:
    """The slides of one module's deck, fitted to the layouts' boxes.

    `title_metrics` measures titles (the template's heading font; default: `metrics`),
    in bold when `title_bold` (the master's title style); `paper` is the handout's paper
    (None: the course's), whose page numbers the deck names.
    """
    builder = _DeckBuilder(course, module, layouts, theme, metrics)
    builder.paper = paper
    slides = unique_titles(builder.slides())
    face = TitleFace(title_metrics or metrics, title_bold, layouts, theme)
    slides = face.size(slides, builder.nodes, builder._warn)
    return DeckSpec(module.id, tuple(slides), course.info.marking, course.info.footer,
                    tuple(builder.diagnostics))


SQUEEZE_FLOOR = 12
"""The smallest size a knowledge check is squeezed to, with a warning, to stay on one slide."""


def question_floor(theme: DeckTheme) -> float:
    """The smallest size a knowledge check's stem and options may take: the theme's body
    minimum, or the built-in one where an organisation template raised it."""
    if "body_min" in theme.course_sizes:
        return theme.size("body_min")
    return min(theme.size("body_min"), float(builtin_theme().values()["sizes"]["body_min"]))


def _points(points: tuple[Point, ...], level: int = 0) -> list[Para]:
    paras = []
    for point in points:
        paras.append(make_para(point.text, "bullet", min(level, 3), node=point))
        paras.extend(_points(point.points, level + 1))
    return paras


class _DeckBuilder(CaseSlides):
    """Builds one module's slide specs and collects the warnings on the way."""

    def __init__(self, course: Course, module: Module, layouts: dict[str, LayoutBoxes],
                 theme: DeckTheme, metrics: FontMetrics) -> None:
        self.course, self.module, self.layouts, self.theme = course, module, layouts, theme
        self.paper: str | None = None
        """The handout's paper (None: the course's), for the pages the deck points to."""
        self.ui = Interface(course_language(course))
        """The deck's interface words (labels, notes a trainer reads) in the course's language."""
        self.lang = self.ui.lang
        self.fitter = Fitter(metrics)
        self.tables = TableFitter(metrics)
        self.diagnostics: list[Diagnostic] = []
        self.nodes: list[object] = []
        """The model node behind each slide made so far, for located warnings."""
        size = theme.size
        body = Sizes(size("body"), size("body_min"), size("level_step"))
        # A short list on a content slide may grow a little to fill the slide.
        growing = replace(body, grow=theme.sizes.get("body_grow", 0.0))
        small = Sizes(size("small") + 4, size("small"))
        self.sizes = {
            "body": growing, "left": body, "right": body, "options": growing, "stem": growing,
            "left_heading": body, "right_heading": body,
            "subtitle": Sizes(size("subtitle"), size("small")),
            "figure": Sizes(size("figure"), size("figure") / 2),
            "label": Sizes(size("label"), size("body_min")),
            "quote": Sizes(size("quote"), size("body_min")),
            "context": small, "attribution": small, "caption": small, "picture": small,
            # A case is read, not presented point by point: prose at a reading size.
            "Case:left": Sizes(size("case"), size("case_min")),
            "Case:right": Sizes(size("case") - 2, size("case_min")),
            # A question is asked on one slide: on an organisation's larger body size its
            # stem and options may shrink to the built-in floor rather than flow on.
            "Question:stem": replace(growing, minimum=question_floor(theme)),
            "Question:options": replace(growing, minimum=question_floor(theme)),
        }

    # -- the deck ---------------------------------------------------------------------------

    def slides(self) -> list[SlideSpec]:
        """Title, objectives and agenda; each lesson opened and its slides; the closing slide."""
        module = self.module
        self.titles = distinct_headings(module)
        slides = []
        lang = self.lang
        for frame in (title_slide(self.course, module), objectives_slide(module, lang),
                      agenda_slide(module, lang)):
            slides += self._frame(frame)
        count = len(module.lessons)
        for number, lesson in enumerate(module.lessons, start=1):
            slides += self._frame(lesson_opener(self.course, lesson, number, count))
            for index, slide in enumerate(lesson.slides):
                if isinstance(slide, SectionSlide):
                    if index == 0:  # the lesson opener shows it
                        continue
                    subtitle = section_subtitle(slide, lesson, number, count, lang)
                    notes = speaker_notes(self.course, slide) or lesson_notes(lesson, number,
                                                                              lang)
                    slides += self._compose(slide.kind, "Section", self._title(slide),
                                            {"subtitle": subtitle}, notes, node=slide)
                    continue
                slides += self._slide(slide, lesson_notes(lesson, number, lang))
        slides += self._frame(closing_slide(self.course, module))
        return slides

    def _frame(self, frame: FrameSlide) -> list[SlideSpec]:
        return self._compose(frame.kind, frame.layout, frame.title, frame.roles, frame.notes,
                             node=frame.node)

    def _slide(self, slide: SlideBase, lesson_notes: str) -> list[SlideSpec]:
        kind, title = slide.kind, self._title(slide)
        notes = speaker_notes(self.course, slide) or lesson_notes
        if isinstance(slide, BulletsSlide):
            return self._compose(kind, "Content", title, {"body": _points(slide.points)}, notes,
                                 slide_cites(slide), slide)
        if isinstance(slide, SummarySlide):
            paras = _points(slide.points) or [make_para(o.text, "bullet", node=o)
                                              for o in self.module.objectives]
            return self._compose(kind, "Content", title, {"body": paras}, notes,
                                 slide_cites(slide), slide)
        if isinstance(slide, StatSlide):
            roles = {"figure": [make_para(slide.value, "figure", node=slide)],
                     "label": [make_para(slide.label, "plain", node=slide)],
                     "context": [make_para(slide.context, "plain", node=slide)]
                     if slide.context else []}
            return self._compose(kind, "Key Figure", title, roles, notes, slide.cite, slide)
        if isinstance(slide, CompareSlide):
            roles = {"left_heading": [make_para(slide.left.heading, "heading")],
                     "left": _points(slide.left.points),
                     "right_heading": [make_para(slide.right.heading, "heading")],
                     "right": _points(slide.right.points)}
            return self._compose(kind, "Two Content", title, roles, notes, slide_cites(slide),
                                 slide)
        if isinstance(slide, QuoteSlide):
            roles = {"quote": [make_para(quotation(slide.text), "quote", node=slide)],
                     "attribution": [make_para(f"— {slide.attribution}", "plain")]
                     if slide.attribution else []}
            # Attributed once: the attribution names the source, else the source line does.
            cites = () if slide.attribution else slide.cite
            return self._compose(kind, "Quote", title, roles, notes, cites, slide)
        if isinstance(slide, TableSlide):
            return self._table(slide, notes)
        if isinstance(slide, ImageSlide):
            return self._image(slide, notes)
        if isinstance(slide, CaseSlide):
            return self._case(slide)
        if isinstance(slide, ChartSlide | DiagramSlide):
            return self._visual(slide, notes)
        if isinstance(slide, KnowledgeCheckSlide):
            return self._knowledge_check(slide)
        if isinstance(slide, ReferencesSlide):
            return self._compose(kind, "References", title, {"body": self._references()}, notes,
                                 node=slide)
        return []

    def _knowledge_check(self, slide: KnowledgeCheckSlide) -> list[SlideSpec]:
        heading = self._title(slide)
        question = self.module.bank.question(slide.question) if self.module.bank else None
        if question is None:  # checks report it; the deck still shows where it belongs
            paras = [make_para(self.ui._("Question '{id}' is not in the bank.", id=slide.question),
                               "plain")]
            return self._compose(slide.kind, "Content", heading, {"body": paras},
                                 speaker_notes(self.course, slide), node=slide)
        order = bank_order(self.module.bank, question, self.module.id)
        notes = speaker_notes(self.course, slide, answer_notes(question, order, self.lang))
        stem, choices = question_paras(question, order, self.lang)
        asked = self._compose(slide.kind, "Question", heading,
                              {"stem": stem, "options": choices}, notes, node=slide, strict=True)
        if asked is None:
            asked = self._squeezed(slide, heading, {"stem": stem, "options": choices}, notes)
        if asked is None:  # too long for any size: let it flow on content slides
            asked = self._compose(slide.kind, "Content", heading,
                                  {"body": [*stem, *choices]}, notes, node=slide)
        # Translators: added to a knowledge check's title on the slide that gives its answer.
        answer = self._compose("answer", "Content", self._title(slide, self.ui._(": answer")),
                               {"body": answer_paras(question, order, self.lang)}, notes,
                               node=slide)
        return asked + answer

    def _squeezed(self, slide: KnowledgeCheckSlide, heading: str, roles: dict[str, list[Para]],
                  notes: str) -> list[SlideSpec] | None:
        """A question kept on one slide below the minimum size (a template's small layout),
        with a located warning; None if it does not fit even at `SQUEEZE_FLOOR`."""
        keys = ("Question:stem", "Question:options")
        saved = {key: self.sizes[key] for key in keys}
        floor = saved[keys[0]].minimum
        try:
            for size in range(int(floor) - 1, SQUEEZE_FLOOR - 1, -1):
                for key in keys:
                    self.sizes[key] = replace(saved[key], minimum=float(size))
                asked = self._compose(slide.kind, "Question", heading, roles, notes,
                                      node=slide, strict=True)
                if asked is not None:
                    self._warn(slide, f"knowledge check '{slide.question}' is set at {size} pt, "
                               f"below the {floor:g} pt minimum, to keep its options on the "
                               "question's slide; shorten it, or give the deck template a "
                               "'Question' layout")
                    return asked
        finally:
            self.sizes.update(saved)
        return None

    def _title(self, slide: SlideBase, addition: str = "") -> str:
        heading, lesson = self.titles[id(slide)]
        return f"{heading}{addition}{lesson}"

    def _references(self) -> list[Para]:
        paras = []
        for source_id in self.module.cited_sources():
            source = self.course.source(source_id)
            if source is None:
                continue
            text = source.reference()
            runs = (Run(text),)
            if source.url and text.endswith(source.url):
                runs = (Run(text[: -len(source.url)]), Run(source.url, href=source.url))
            paras.append(Para(runs, style="plain", origin=source))
        return paras or [make_para(self.ui._("This module cites no sources."), "plain")]

    def _table(self, slide: TableSlide, notes: str) -> list[SlideSpec]:
        caption = caption_runs(slide.caption)
        return self._table_slides(slide.kind, slide.heading, slide.columns, slide.rows,
                                  slide.cite, caption, notes, slide)

    def _table_slides(self, kind: str, title: str, columns: tuple[str, ...],
                      cells: tuple[tuple[str, ...], ...], cites: tuple[str, ...],
                      caption: tuple[Run, ...], notes: str, node: object) -> list[SlideSpec]:
        """A native table on as many slides as it needs, its header row on each."""
        layout = self.layouts["Content"]
        source_runs, box = self._source(cites, layout, caption)
        area = box.get(0, layout.bodies[0] if layout.bodies else layout.title)
        header = tuple(parse_inline(c) for c in columns)
        width = len(header)
        rows = [tuple(parse_inline(c) for c in (*row, *("",) * width)[:width]) for row in cells]
        sizes = Sizes(self.theme.size("table"), self.theme.size("table_min"))
        size, widths, pages, fits = self.tables.pages(header, rows, area, sizes)
        if not fits:
            self._warn(node, "a table row does not fit on a slide; shorten its cells")
        slides = []
        for index, page in enumerate(pages):
            table = TableSpec(header, tuple(rows[i] for i in page), widths, size, area)
            slides.append(self._titled(SlideSpec(
                kind, "Content", (), 0, (), notes if index == 0 else "",
                source_runs, box.get("source"), table), title, index, len(pages), node))
        return slides

    def _image(self, slide: ImageSlide, notes: str) -> list[SlideSpec]:
        # The caption shares the source line under the picture, which keeps both readable.
        caption = caption_runs(slide.caption)
        specs = self._compose(slide.kind, "Picture", slide.heading, {"picture": []}, notes,
                              slide.cite, slide, caption=caption)
        first = specs[0]
        area = next((r.box for r in first.regions if "picture" in r.roles), None)
        path = self.course.root / slide.src
        if area is None or not path.is_file():
            self._warn(slide, f"image '{slide.src}' not found; the slide has no picture")
            return specs
        with Image.open(path) as image:
            width, height = image.size
        scale = min(area.width / width, area.height / height)
        fitted = Box(area.x + (area.width - width * scale) / 2,
                     area.y + (area.height - height * scale) / 2, width * scale, height * scale)
        return [replace(first, picture=PictureSpec(path, plain_text(slide.alt), fitted)),
                *specs[1:]]

    def _visual(self, slide: ChartSlide | DiagramSlide, notes: str) -> list[SlideSpec]:
        # The chart or diagram takes the body box, above the source line and caption.
        text = slide.caption
        if getattr(slide, "fictional", False):
            label = self.ui._(FICTIONAL_LABEL)
            text = f"{label}. {text}" if text else label
        first, *rest = self._compose(slide.kind, "Content", self._title(slide), {"body": []},
                                     notes, slide.cite, slide, caption=caption_runs(text))
        box = first.regions[0].box if first.regions else None
        visual = visual_spec(slide, box, self.fitter.metrics, self.lang)
        if visual.diagram and visual.diagram.crowded(visual.box):
            self._warn(slide, "the diagram's boxes overlap: its text does not fit even at "
                              "16 pt; shorten the labels and lines or use fewer nodes")
        return [replace(first, visual=visual), *rest]

    # -- fitting ------------------------------------------------------------------------------

    def _source(self, cites: tuple[str, ...], layout: LayoutBoxes,
                caption: tuple[Run, ...] = ()) -> tuple[tuple[Run, ...], dict]:
        """The source line's runs (after any caption) and the boxes left for the body (by
        index) and for the line."""
        line = cite_line(self.course, cites)
        runs: tuple[Run, ...] = caption
        if line:
            runs = (*runs, Run(("  ·  " if runs else "") + line))
        boxes: dict = dict(enumerate(layout.bodies))
        if not runs or not layout.bodies:
            return runs, boxes
        left = min(b.x for b in layout.bodies)
        right = max(b.x + b.width for b in layout.bodies)
        bottom = max(b.y + b.height for b in layout.bodies)
        # A long source line wraps upwards into the body's room, never down over the footer.
        size = self.theme.size("small") - 2
        width = (right - left - 2 * INSET_X) * SAFETY
        lines = self.fitter.metrics.line_count(runs, size, width)
        height = max(SOURCE_LINE_HEIGHT,
                     lines * size * self.fitter.metrics.line_height_of(runs) / SAFETY
                     + 2 * INSET_Y)
        line_box = Box(left, bottom - height, right - left, height)
        for index, body in enumerate(layout.bodies):
            if body.y + body.height > line_box.y:
                boxes[index] = body.shrunk(body.y + body.height - line_box.y + 4)
        boxes["source"] = line_box
        return runs, boxes

    def _regions(self, layout_name: str, roles: dict[str, list[Para]], cites: tuple[str, ...],
                 caption: tuple[Run, ...]) -> tuple[tuple[Run, ...], dict, list]:
        """The source line, the layout's boxes, and its regions (roles, paras, box, sizes)."""
        layout = self.layouts[layout_name]
        source_runs, boxes = self._source(cites, layout, caption)
        regions = []
        for index, group in enumerate(role_groups(layout_name, len(layout.bodies))):
            if index not in boxes:
                break
            sizes = self.sizes.get(f"{layout_name}:{group[0]}", self.sizes[group[0]])
            paras: list[Para] = []
            for role in group:
                own = self.sizes.get(f"{layout_name}:{role}", self.sizes[role])
                ratio = own.base / sizes.base
                paras += [replace(p, scale=p.scale * ratio, floor=max(p.floor, own.minimum))
                          for p in roles.get(role, ())]
            regions.append((group, paras, boxes[index], sizes))
        if layout_name == "Question":
            regions = self._stacked(regions)
        return source_runs, boxes, regions

    def _fits(self, layout_name: str, roles: dict[str, list[Para]],
              cites: tuple[str, ...] = ()) -> bool:
        """Whether the roles fit one slide of the layout at their sizes (nothing is made)."""
        _runs, _boxes, regions = self._regions(layout_name, roles, cites, ())
        return all(self.fitter.best_size(p, b, s) is not None for _g, p, b, s in regions)

    def _compose(self, kind: str, layout_name: str, title: str, roles: dict[str, list[Para]],
                 notes: str, cites: tuple[str, ...] = (), node: object = None,
                 strict: bool = False, caption: tuple[Run, ...] = (),
                 part: int = 0) -> list[SlideSpec] | None:
        """Slides for one slide kind: roles grouped into the layout's boxes, fitted or split.

        With `strict`, returns None instead of splitting or shrinking past the minimum.
        `part` numbers the first slide as a continuation ('(cont.)' from 1).
        """
        source_runs, boxes, regions = self._regions(layout_name, roles, cites, caption)
        # One slide if every region fits at one common size for the flowing ones.
        fitted = [self.fitter.best_size(p, b, s) for _g, p, b, s in regions]
        if all(size is not None for size in fitted):
            flowing = [size for (g, *_), size in zip(regions, fitted, strict=True)
                       if FLOWING & set(g)]
            common = min(flowing, default=None)
            pages = [[self.fitter.sized(p, common if common and FLOWING & set(g) else size, s)
                      for (g, p, b, s), size in zip(regions, fitted, strict=True)]]
        elif strict:
            return None
        else:
            pages = self._paginate(regions, node)
        slides = []
        for index, page in enumerate(pages):
            spec = SlideSpec(kind, layout_name, (), 0, tuple(
                Region(g, paras, b, self._centred(layout_name, g, paras, b))
                for (g, _p, b, _s), paras in zip(regions, page, strict=True)),
                notes if index + part == 0 else "", source_runs, boxes.get("source"))
            slides.append(self._titled(spec, title, index + part, len(pages), node))
        return slides

    def _centred(self, layout_name: str, group: tuple[str, ...], paras: tuple[Para, ...],
                 box: Box) -> bool:
        """A content slide's list is centred in its box when it is short."""
        return layout_name == "Content" and group == ("body",) and self.fitter.is_short(paras, box)

    def _stacked(self, regions: list) -> list:
        """Regions above one another share their column: each box gets the height its text needs.

        A long stem takes room from short options (and the reverse) instead of each
        shrinking alone in a fixed box.
        """
        top = min(b.y for _g, _p, b, _s in regions)
        bottom = max(b.y + b.height for _g, _p, b, _s in regions)
        left, width = regions[0][2].x, regions[0][2].width
        sizes = regions[0][3]
        size = sizes.base + sizes.grow
        while size >= sizes.minimum:
            needs = [self.fitter.height(self.fitter.sized(p, size, s), b) / SAFETY + 2 * INSET_Y
                     for _g, p, b, s in regions]
            if sum(needs) <= bottom - top:
                break
            size -= 1
        else:
            return regions
        # Each box as tall as its text; the room left over goes to the last (top-anchored) one.
        stacked, y = [], top
        for index, ((group, paras, _box, own), need) in enumerate(zip(regions, needs,
                                                                      strict=True)):
            height = bottom - y if index == len(regions) - 1 else need
            stacked.append((group, paras, Box(left, y, width, height), own))
            y += height
        return stacked

    def _paginate(self, regions: list, node: object) -> list[list[tuple[Para, ...]]]:
        split = {i: self.fitter.paginate(p, b, s) if FLOWING & set(g) else [tuple(p)]
                 for i, (g, p, b, s) in enumerate(regions)}
        count = max(len(pages) for pages in split.values())
        pages = []
        for number in range(count):
            page = []
            for index, (group, _paras, box, sizes) in enumerate(regions):
                chunks = split[index]
                if FLOWING & set(group):
                    chunk = chunks[number] if number < len(chunks) else ()
                else:
                    chunk = chunks[0]
                # Pages of a split list keep the base size: growing one would set them apart.
                sized, fits = self.fitter.fit_page(chunk, box, replace(sizes, grow=0))
                if not fits:
                    worst = max(chunk, key=lambda p: len(p.text))
                    self._warn(worst.origin or node,
                               f"text does not fit on one slide even at {sizes.minimum:g} pt; "
                               f"shorten it or split it: '{worst.text[:60]}'")
                page.append(sized)
            pages.append(page)
        return pages

    def _titled(self, spec: SlideSpec, title: str, index: int, count: int,
                node: object) -> SlideSpec:
        original = plain_text(title)
        if index == 1:
            # Translators: a slide that continues the one before it.
            title = self.ui._("{title} (cont.)", title=title)
        elif index > 1:
            title = self.ui._("{title} (cont. {number})", title=title, number=index)
        self.nodes.append(node)
        notes = spec.notes or (self.ui._("Continued from “{title}”.", title=original)
                               if index else "")
        return replace(spec, title=parse_inline(title), notes=notes)

    def _warn(self, node: object, message: str) -> None:
        location = getattr(node, "location", None)
        path = getattr(node, "path", "") if location else ""
        self.diagnostics.append(Diagnostic(location, message, path=path, severity="warning",
                                           code="deck-overflow"))


def caption_runs(text: str | None) -> tuple[Run, ...]:
    """A caption as italic runs, set before the source line under a table, picture or visual."""
    return tuple(Run(r.text, r.bold, True, r.code, r.href)
                 for r in parse_inline(text)) if text else ()
