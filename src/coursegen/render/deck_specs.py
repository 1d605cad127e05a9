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
from coursegen.model import Course, Module
from coursegen.model.slides import (
    BulletsSlide,
    CaseSlide,
    CompareSlide,
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
from coursegen.render.deck_fit import Fitter, Para, Sizes, TableFitter, make_para
from coursegen.render.deck_geometry import SOURCE_LINE_HEIGHT, Box, LayoutBoxes, role_groups
from coursegen.render.deck_notes import cite_line, lesson_notes, speaker_notes
from coursegen.render.deck_questions import answer_notes, answer_paras, question_paras
from coursegen.render.deck_spec_types import DeckSpec, PictureSpec, Region, SlideSpec, TableSpec
from coursegen.render.deck_theme import DeckTheme
from coursegen.render.deck_titles import distinct_headings, unique_titles
from coursegen.render.text_fit import FontMetrics
from coursegen.text import Run, parse_inline, plain_text

FLOWING = frozenset({"body", "left", "right"})
"""Roles whose text may continue on a following slide."""
FICTIONAL_LABEL = "Fictional scenario for training"


def build_deck_specs(course: Course, module: Module, layouts: dict[str, LayoutBoxes],
                     theme: DeckTheme, metrics: FontMetrics) -> DeckSpec:
    """The slides of one module's deck, fitted to the layouts' boxes."""
    builder = _DeckBuilder(course, module, layouts, theme, metrics)
    slides = unique_titles(builder.slides())
    return DeckSpec(module.id, tuple(slides), course.info.marking, course.info.footer,
                    tuple(builder.diagnostics))


def _points(points: tuple[Point, ...], level: int = 0) -> list[Para]:
    paras = []
    for point in points:
        paras.append(make_para(point.text, "bullet", min(level, 3), node=point))
        paras.extend(_points(point.points, level + 1))
    return paras


class _DeckBuilder:
    """Builds one module's slide specs and collects the warnings on the way."""

    def __init__(self, course: Course, module: Module, layouts: dict[str, LayoutBoxes],
                 theme: DeckTheme, metrics: FontMetrics) -> None:
        self.course, self.module, self.layouts, self.theme = course, module, layouts, theme
        self.fitter = Fitter(metrics)
        self.tables = TableFitter(metrics)
        self.diagnostics: list[Diagnostic] = []
        size = theme.size
        body = Sizes(size("body"), size("body_min"), size("level_step"))
        small = Sizes(size("small") + 4, size("small"))
        self.sizes = {
            "body": body, "left": body, "right": body, "options": body, "stem": body,
            "left_heading": body, "right_heading": body,
            "subtitle": Sizes(size("subtitle"), size("small")),
            "figure": Sizes(size("figure"), size("figure") / 2),
            "label": Sizes(size("label"), size("body_min")),
            "quote": Sizes(size("quote"), size("body_min")),
            "context": small, "attribution": small, "caption": small, "picture": small,
            # A case is read, not presented point by point: prose at a reading size.
            "Case:left": Sizes(size("case"), size("case_min")),
            "Case:right": Sizes(size("case") - 2, size("case_min")),
        }

    # -- the deck ---------------------------------------------------------------------------

    def slides(self) -> list[SlideSpec]:
        """Title slide, then every lesson's slides in order."""
        info = self.course.info
        details = " · ".join(p for p in (info.organisation,
                                         info.date and f"{info.date:%-d %B %Y}",
                                         f"Version {info.version}") if p)
        notes = [plain_text(self.module.summary), f"Duration: {self.module.duration} min"]
        if self.module.audience:
            notes.append(f"Audience: {plain_text(self.module.audience)}")
        slides = self._compose("title", "Title", self.module.title, {"subtitle": [
            make_para(info.title, "heading"), make_para(details, "plain")]}, "\n".join(notes))
        self.titles = distinct_headings(self.module)
        for number, lesson in enumerate(self.module.lessons, start=1):
            if not isinstance(lesson.slides[0], SectionSlide):
                subtitle = lesson.summary or f"Lesson {number} · {lesson.duration} min"
                slides += self._compose("lesson", "Section", lesson.title,
                                        {"subtitle": [make_para(subtitle, "plain")]},
                                        lesson_notes(lesson, number))
            for slide in lesson.slides:
                slides += self._slide(slide, lesson_notes(lesson, number))
        return slides

    def _slide(self, slide: SlideBase, lesson_notes: str) -> list[SlideSpec]:
        kind, title = slide.kind, self._title(slide)
        notes = speaker_notes(self.course, slide) or lesson_notes
        if isinstance(slide, SectionSlide):
            paras = [make_para(slide.subtitle, "plain")] if slide.subtitle else []
            return self._compose(kind, "Section", title, {"subtitle": paras}, notes, node=slide)
        if isinstance(slide, BulletsSlide):
            return self._compose(kind, "Content", title, {"body": _points(slide.points)}, notes,
                                 node=slide)
        if isinstance(slide, SummarySlide):
            paras = _points(slide.points) or [make_para(o.text, "bullet", node=o)
                                              for o in self.module.objectives]
            return self._compose(kind, "Content", title, {"body": paras}, notes, node=slide)
        if isinstance(slide, StatSlide):
            roles = {"figure": [make_para(slide.value, "plain", node=slide)],
                     "label": [make_para(slide.label, "plain", node=slide)],
                     "context": [make_para(slide.context, "plain", node=slide)]
                     if slide.context else []}
            return self._compose(kind, "Key Figure", title, roles, notes, slide.cite, slide)
        if isinstance(slide, CompareSlide):
            roles = {"left_heading": [make_para(slide.left.heading, "heading")],
                     "left": _points(slide.left.points),
                     "right_heading": [make_para(slide.right.heading, "heading")],
                     "right": _points(slide.right.points)}
            return self._compose(kind, "Two Content", title, roles, notes, node=slide)
        if isinstance(slide, QuoteSlide):
            roles = {"quote": [make_para(f"“{slide.text.strip()}”", "plain", node=slide)],
                     "attribution": [make_para(f"— {slide.attribution}", "plain")]
                     if slide.attribution else []}
            return self._compose(kind, "Quote", title, roles, notes, slide.cite, slide)
        if isinstance(slide, TableSlide):
            return self._table(slide, notes)
        if isinstance(slide, ImageSlide):
            return self._image(slide, notes)
        if isinstance(slide, CaseSlide):
            return self._case(slide)
        if isinstance(slide, KnowledgeCheckSlide):
            return self._knowledge_check(slide)
        if isinstance(slide, ReferencesSlide):
            return self._compose(kind, "References", title, {"body": self._references()}, notes,
                                 node=slide)
        return []

    def _case(self, slide: CaseSlide) -> list[SlideSpec]:
        left = [make_para(FICTIONAL_LABEL, "label")] if slide.fictional else []
        left += [make_para(" ".join(p.split()), "plain", node=slide)
                 for p in slide.scenario.split("\n\n") if p.strip()]
        if slide.questions:
            left.append(make_para("Discuss", "heading"))
            left += [make_para(q, "numbered", prefix=f"{n}.  ", node=slide)
                     for n, q in enumerate(slide.questions, start=1)]
        right: list[Para] = []
        for exhibit in slide.exhibits:
            right.append(make_para(exhibit.title, "heading", node=exhibit))
            if exhibit.text:
                right.append(make_para(exhibit.text, "plain", node=exhibit))
            right += [make_para(item, "bullet", node=exhibit) for item in exhibit.items]
            if exhibit.columns:
                right.append(make_para(" · ".join(exhibit.columns), "label", node=exhibit))
            right += [make_para(" · ".join(row), "plain", node=exhibit) for row in exhibit.rows]
        guidance = f"Guidance: {plain_text(slide.guidance)}" if slide.guidance else ""
        notes = speaker_notes(self.course, slide, guidance)
        return self._compose(slide.kind, "Case", self._title(slide),
                             {"left": left, "right": right}, notes, node=slide)

    def _knowledge_check(self, slide: KnowledgeCheckSlide) -> list[SlideSpec]:
        heading = self._title(slide)
        question = self.module.bank.question(slide.question) if self.module.bank else None
        if question is None:  # checks report it; the deck still shows where it belongs
            paras = [make_para(f"Question '{slide.question}' is not in the bank.", "plain")]
            return self._compose(slide.kind, "Content", heading, {"body": paras},
                                 speaker_notes(self.course, slide), node=slide)
        order = bank_order(self.module.bank, question, self.module.id)
        notes = speaker_notes(self.course, slide, answer_notes(question, order))
        stem, choices = question_paras(question, order)
        asked = self._compose(slide.kind, "Question", heading,
                              {"stem": stem, "options": choices}, notes, node=slide, strict=True)
        if asked is None:  # too long for the question layout: let it flow on content slides
            asked = self._compose(slide.kind, "Content", heading,
                                  {"body": [*stem, *choices]}, notes, node=slide)
        answer = self._compose("answer", "Content", self._title(slide, ": answer"),
                               {"body": answer_paras(question, order)}, notes, node=slide)
        return asked + answer

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
        return paras or [make_para("This module cites no sources.", "plain")]

    def _table(self, slide: TableSlide, notes: str) -> list[SlideSpec]:
        layout = self.layouts["Content"]
        source_runs, box = self._source(slide.cite, layout, slide.caption)
        area = box.get(0, layout.bodies[0] if layout.bodies else layout.title)
        header = tuple(parse_inline(c) for c in slide.columns)
        width = len(header)
        rows = [tuple(parse_inline(c) for c in (*row, *("",) * width)[:width])
                for row in slide.rows]
        sizes = Sizes(self.theme.size("table"), self.theme.size("table_min"))
        size, widths, pages, fits = self.tables.pages(header, rows, area, sizes)
        if not fits:
            self._warn(slide, "a table row does not fit on a slide; shorten its cells")
        slides = []
        for index, page in enumerate(pages):
            table = TableSpec(header, tuple(rows[i] for i in page), widths, size, area)
            slides.append(self._titled(SlideSpec(
                slide.kind, "Content", (), 0, (), notes if index == 0 else "",
                source_runs, box.get("source"), table), slide.heading, index, len(pages), slide))
        return slides

    def _image(self, slide: ImageSlide, notes: str) -> list[SlideSpec]:
        # The caption shares the source line under the picture, which keeps both readable.
        specs = self._compose(slide.kind, "Picture", slide.heading, {"picture": []}, notes,
                              slide.cite, slide, caption=slide.caption)
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

    # -- fitting ------------------------------------------------------------------------------

    def _source(self, cites: tuple[str, ...], layout: LayoutBoxes,
                caption: str | None = None) -> tuple[tuple[Run, ...], dict]:
        """The source line's runs and the boxes left for the body (by index) and the line."""
        line = cite_line(self.course, cites)
        runs: tuple[Run, ...] = ()
        if caption:
            runs = tuple(Run(r.text, r.bold, True, r.code, r.href) for r in parse_inline(caption))
        if line:
            runs = (*runs, Run(("  ·  " if runs else "") + line))
        boxes: dict = dict(enumerate(layout.bodies))
        if not runs or not layout.bodies:
            return runs, boxes
        left = min(b.x for b in layout.bodies)
        right = max(b.x + b.width for b in layout.bodies)
        bottom = max(b.y + b.height for b in layout.bodies)
        line_box = Box(left, bottom - SOURCE_LINE_HEIGHT, right - left, SOURCE_LINE_HEIGHT)
        for index, body in enumerate(layout.bodies):
            if body.y + body.height > line_box.y:
                boxes[index] = body.shrunk(body.y + body.height - line_box.y + 4)
        boxes["source"] = line_box
        return runs, boxes

    def _compose(self, kind: str, layout_name: str, title: str, roles: dict[str, list[Para]],
                 notes: str, cites: tuple[str, ...] = (), node: object = None,
                 strict: bool = False, caption: str | None = None) -> list[SlideSpec] | None:
        """Slides for one slide kind: roles grouped into the layout's boxes, fitted or split.

        With `strict`, returns None instead of splitting or shrinking past the minimum.
        """
        layout = self.layouts[layout_name]
        source_runs, boxes = self._source(cites, layout, caption)
        regions = []  # (roles, paras, box, sizes)
        for index, group in enumerate(role_groups(layout_name, len(layout.bodies))):
            if index not in boxes:
                break
            sizes = self.sizes.get(f"{layout_name}:{group[0]}", self.sizes[group[0]])
            paras: list[Para] = []
            for role in group:
                own = self.sizes.get(f"{layout_name}:{role}", self.sizes[role])
                ratio = own.base / sizes.base
                paras += [replace(p, scale=p.scale * ratio) for p in roles.get(role, ())]
            regions.append((group, paras, boxes[index], sizes))
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
                Region(g, paras, b) for (g, _p, b, _s), paras in zip(regions, page, strict=True)),
                notes if index == 0 else "", source_runs, boxes.get("source"))
            slides.append(self._titled(spec, title, index, len(pages), node))
        return slides

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
                sized, fits = self.fitter.fit_page(chunk, box, sizes)
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
        if index == 1:
            title = f"{title} (cont.)"
        elif index > 1:
            title = f"{title} (cont. {index})"
        layout = self.layouts[spec.layout]
        base = {"Title": "cover_title", "Section": "section_title"}.get(spec.layout, "title")
        sizes = Sizes(self.theme.size(base), self.theme.size("title_min"))
        runs = parse_inline(title)
        size, fits = self.fitter.title_size(runs, layout.title, sizes)
        if not fits:
            self._warn(node, f"title '{title}' does not fit its box even at {sizes.minimum:g} pt; "
                             "shorten it")
        notes = spec.notes or (f"Continued from “{plain_text(title)}”." if index else "")
        return replace(spec, title=runs, title_size=size, notes=notes)

    def _warn(self, node: object, message: str) -> None:
        location = getattr(node, "location", None)
        path = getattr(node, "path", "") if location else ""
        self.diagnostics.append(Diagnostic(location, message, path=path, severity="warning",
                                           code="deck-overflow"))
