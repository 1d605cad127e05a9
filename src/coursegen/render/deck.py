"""Slide specs → .pptx: the only module (with the template generator) that calls python-pptx.

`render_decks` writes `out_dir/decks/<module>.pptx` for each selected module, on
the course's template: its layouts are matched by name (`deck_geometry.LAYOUT_ROLES`),
with fallbacks and a warning when one is missing.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from coursegen.errors import CourseInvalid, Diagnostic, Location
from coursegen.i18n.scripts import font_warnings, text_direction
from coursegen.i18n.ui import course_language
from coursegen.model import Course
from coursegen.output import RenderedFiles, atomic_path
from coursegen.render.deck_charts import add_chart
from coursegen.render.deck_diagrams import add_diagram
from coursegen.render.deck_direction import (
    deck_language,
    mirror_box,
    mirror_deck,
    mirrored_footer,
)
from coursegen.render.deck_fit import Para
from coursegen.render.deck_geometry import (
    BUILT_IN,
    BULLET_INDENT,
    FOOTER_BOXES,
    LAYOUT_FALLBACKS,
    LAYOUT_ROLES,
    Box,
    LayoutBoxes,
)
from coursegen.render.deck_spec_types import DeckSpec, Region, SlideSpec
from coursegen.render.deck_specs import build_deck_specs
from coursegen.render.deck_template_check import check_template
from coursegen.render.deck_theme import (
    DeckTheme,
    deck_template,
    fit_to_template,
    load_theme,
    missing_layout,
)
from coursegen.render.deck_xml import (
    NotesWriter,
    SlideAdder,
    TextLanguage,
    accent_slot,
    add_footer_placeholder,
    master_text_sizes,
    master_title_bold,
    mirror_decorations,
    remove_all_slides,
    remove_shape,
    set_alt_text,
    set_brand_colours,
    set_no_bullet,
    set_paragraph_direction,
    set_run_language,
    set_slide_number,
    set_table_direction,
    theme_fonts,
)
from coursegen.render.options import RenderOptions
from coursegen.render.text_fit import FontMetrics
from coursegen.translation.default_words import with_default_words

TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
FOOTER_TYPES = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


def _pt(emu: int) -> float:
    return emu / 12700


def _box(shape) -> Box:
    return Box(_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height))


def _emu(points: float) -> Emu:
    return Emu(round(points * 12700))


class DeckTemplate:
    """A template file read once: its layouts matched to the built-in names, and their boxes."""

    def __init__(self, path: Path, where: Location | None) -> None:
        self.data = path.read_bytes()
        self.built_in = where is None
        if where is not None:  # an organisation's file: refuse it before any deck is written
            problems = check_template(self.data, where)
            if problems:
                raise CourseInvalid(problems)
        prs = Presentation(io.BytesIO(self.data))
        by_name = {layout.name.strip().lower(): index
                   for index, layout in enumerate(prs.slide_layouts)}
        self.layout_index: dict[str, int] = {}
        self.boxes: dict[str, LayoutBoxes] = {}
        self.synthetic: dict[str, bool] = {}
        self.footers: dict[str, dict] = {}
        self.footer_boxes: dict[str, dict] = {}
        self.diagnostics: list[Diagnostic] = []
        for name in LAYOUT_ROLES:
            index, used = self._match(name, by_name)
            if used != name:
                layout_name = prs.slide_layouts[index].name
                self.diagnostics.append(missing_layout(where, name, layout_name))
            self.layout_index[name] = index
            self.boxes[name] = self._layout_boxes(name, prs.slide_layouts[index], prs)
            self.footers[name] = {
                shape.placeholder_format.type: shape.placeholder_format.idx
                for shape in prs.slide_layouts[index].placeholders
                if shape.placeholder_format.type in FOOTER_TYPES}
            self.footer_boxes[name] = {
                shape.placeholder_format.type: _box(shape)
                for shape in prs.slide_layouts[index].placeholders
                if shape.placeholder_format.type in FOOTER_TYPES and shape.width}
        heading, body = theme_fonts(prs)
        self.fonts = (heading, body)
        self.text_sizes = master_text_sizes(prs)
        self.title_bold = master_title_bold(prs)
        self.width, self.height = _pt(prs.slide_width), _pt(prs.slide_height)

    @staticmethod
    def _match(name: str, by_name: dict[str, int], seen: frozenset[str] = frozenset()
               ) -> tuple[int, str]:
        """The layout for `name`: its own, else the first fallback found, else the second one."""
        if name.lower() in by_name:
            return by_name[name.lower()], name
        for fallback in LAYOUT_FALLBACKS.get(name, ()):
            if fallback not in seen:
                index, used = DeckTemplate._match(fallback, by_name, seen | {name})
                if index >= 0:
                    return index, used
        if seen:
            return -1, ""
        # Nothing matched: the second layout is "Title and Content" in most templates.
        index = 1 if len(by_name) > 1 else 0
        return index, next(n for n, i in by_name.items() if i == index)

    def _layout_boxes(self, name: str, layout, prs) -> LayoutBoxes:
        title, bodies = None, []
        for shape in sorted(layout.placeholders, key=lambda s: s.placeholder_format.idx):
            kind = shape.placeholder_format.type
            if kind in TITLE_TYPES:
                title = _box(shape)
            elif kind not in FOOTER_TYPES:
                bodies.append(_box(shape))
        width, height = _pt(prs.slide_width), _pt(prs.slide_height)
        scale_x, scale_y = width / 960, height / 540
        if title is None:
            t = BUILT_IN["Content"].title
            title = Box(t.x * scale_x, t.y * scale_y, t.width * scale_x, t.height * scale_y)
        self.synthetic[name] = not bodies
        if not bodies:  # a layout without text placeholders: text boxes stand in
            bodies = [Box(b.x * scale_x, b.y * scale_y, b.width * scale_x, b.height * scale_y)
                      for b in BUILT_IN[name].bodies]
        return LayoutBoxes(name, title, tuple(bodies))

    def open(self):
        """A fresh Presentation on this template, without any sample slides."""
        prs = Presentation(io.BytesIO(self.data))
        remove_all_slides(prs)
        return prs


def render_decks(course: Course, out_dir: Path, options: RenderOptions) -> list[Path]:
    """Write `out_dir/decks/<module>.pptx` for every selected module; returns the paths."""
    course = with_default_words(course)
    theme = load_theme(course.theme)
    path, where = deck_template(course.root, course.info.branding.deck_template)
    template = DeckTemplate(path, where)
    if not template.built_in:  # the organisation's sizes, as its template sets them
        theme = fit_to_template(theme, template.text_sizes)
    lang = course_language(course)
    script_font = theme.fonts.get("script")
    body_font = template.fonts[1] if not template.built_in else theme.fonts["body"]
    metrics = FontMetrics(body_font or theme.fonts["body"], theme.fonts.get("code", "Courier New"),
                          lang=lang, script_family=script_font)
    heading_font = template.fonts[0] if not template.built_in else theme.fonts["heading"]
    title_metrics = FontMetrics(heading_font or theme.fonts["heading"], lang=lang,
                                script_family=script_font)
    language = deck_language(lang, script_font)
    where = Location("templates/theme.yml") if course.theme.values()["fonts"].get("script") \
        else Location("course.yaml")
    written = RenderedFiles(diagnostics=[*template.diagnostics,
                                         *font_warnings(lang, where, deck=script_font)])
    for module in course.modules:
        if not options.selects(module.id):
            continue
        spec = build_deck_specs(course, module, template.boxes, theme, metrics, title_metrics,
                                template.title_bold, options.paper)
        written.diagnostics.extend(spec.diagnostics)
        if language.rtl:
            spec = mirror_deck(spec, template.width)
        target = Path(out_dir) / "decks" / f"{module.id}.pptx"
        prs = write_deck(spec, template, theme, course, options, language)
        with atomic_path(target) as temporary:
            prs.save(str(temporary))
        written.append(target)
    return written


def write_deck(spec: DeckSpec, template: DeckTemplate, theme: DeckTheme, course: Course,
               options: RenderOptions, language: TextLanguage | None = None):
    """A Presentation holding the deck's slides (not yet saved)."""
    language = language or deck_language(course_language(course))
    prs = template.open()
    if template.built_in:
        branding = course.info.branding
        set_brand_colours(prs, branding.primary_colour, branding.accent_colour)
    prs.core_properties.title = f"{course.title}: {spec.slides[0].title_text}"
    prs.core_properties.author = course.info.organisation
    prs.core_properties.subject = course.info.subtitle or course.title
    prs.core_properties.language = language.tag
    if language.rtl:
        mirror_decorations(prs)
    writer = _SlideWriter(prs, template, theme, spec, language)
    notes = NotesWriter()
    for slide_spec in spec.slides:
        slide = writer.add(slide_spec)
        if options.notes and slide_spec.notes:
            notes.write(slide, slide_spec.notes)
    return prs


class _SlideWriter:
    """Writes slide specs onto slides of one Presentation."""

    def __init__(self, prs, template: DeckTemplate, theme: DeckTheme, spec: DeckSpec,
                 language: TextLanguage) -> None:
        self.prs, self.template, self.theme, self.spec = prs, template, theme, spec
        self.language = language
        self.slides = SlideAdder(prs)
        self.code_font = theme.fonts.get("code", "Courier New")
        self.accent = {"accent1": MSO_THEME_COLOR.ACCENT_1,
                       "accent2": MSO_THEME_COLOR.ACCENT_2}[accent_slot(prs)]

    def add(self, spec: SlideSpec):
        """Add one slide: title, regions, table or picture, source line, footer row."""
        layout = self.prs.slide_layouts[self.template.layout_index[spec.layout]]
        slide = self.slides.add(layout)
        title, bodies = None, []
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            if kind in TITLE_TYPES:
                title = shape
            elif kind not in FOOTER_TYPES:
                bodies.append(shape)
        bodies.sort(key=lambda s: s.placeholder_format.idx)
        if title is None:
            title = self._text_box(slide, self.template.boxes[spec.layout].title, "Title")
        self._write(title.text_frame, [Para(spec.title, style="plain", size=spec.title_size)])
        for index, region in enumerate(spec.regions):
            shape = bodies[index] if index < len(bodies) else None
            self._region(slide, shape, region)
        for shape in bodies[len(spec.regions):]:
            remove_shape(shape)
        if spec.table is not None:
            self._table(slide, spec)
        if spec.picture is not None:
            picture = spec.picture
            shape = slide.shapes.add_picture(str(picture.path), _emu(picture.box.x),
                                             _emu(picture.box.y), _emu(picture.box.width),
                                             _emu(picture.box.height))
            set_alt_text(shape, picture.alt)
        if spec.visual is not None and spec.visual.chart is not None:
            add_chart(slide, spec.visual.chart, spec.visual.box, self.theme,
                      rtl=self.language.rtl)
        elif spec.visual is not None and spec.visual.diagram is not None:
            add_diagram(slide, spec.visual.diagram, self.theme, self.language)
        if spec.source and spec.source_box is not None:
            box = self._text_box(slide, spec.source_box, "Source")
            self._write(box.text_frame, [Para(spec.source, style="plain",
                                              size=self.theme.size("small") - 2)],
                        colour=self.theme.colour("muted"))
        self._footer(slide, spec.layout)
        return slide

    def _region(self, slide, shape, region: Region) -> None:
        is_picture = "picture" in region.roles
        if shape is None:
            if region.paras and not is_picture:
                box = self._text_box(slide, region.box, region.roles[0].capitalize())
                self._write(box.text_frame, region.paras)
                if region.centred:
                    box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            return
        if is_picture or not region.paras or not shape.has_text_frame:
            remove_shape(shape)
            return
        if _box(shape) != region.box:  # the fit moved it (a source line below, a shared column)
            shape.left, shape.top = _emu(region.box.x), _emu(region.box.y)
            shape.width, shape.height = _emu(region.box.width), _emu(region.box.height)
        self._write(shape.text_frame, region.paras)
        if region.centred:
            shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE

    def _text_box(self, slide, box: Box, name: str):
        shape = slide.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.width),
                                         _emu(box.height))
        shape.name = name
        return shape

    def _write(self, frame, paras, colour: str | None = None) -> None:
        frame.word_wrap = True
        # Fitted already; "shrink on overflow" keeps text a trainer adds later inside the box.
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        for index, para in enumerate(paras):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if para.style == "bullet":
                if para.level:
                    paragraph.level = min(para.level, 8)
            elif para.style == "numbered":
                set_no_bullet(paragraph, _emu(BULLET_INDENT[0]))
            else:
                set_no_bullet(paragraph)
            if para.style == "quote":
                paragraph.alignment = PP_ALIGN.CENTER
            set_paragraph_direction(paragraph, self.language,
                                    "ctr" if para.style == "quote" else None,
                                    text_direction(para.text, self.language.tag) == "rtl")
            if index:
                paragraph.space_before = Pt(para.space_before)
            for run in para.runs:
                text_run = paragraph.add_run()
                text_run.text = run.text
                font = text_run.font
                font.size = Pt(para.size)
                if run.bold or para.style in {"heading", "figure"}:
                    font.bold = True
                elif para.style == "label":
                    font.bold = False
                if run.italic or para.style in {"label", "quote"}:
                    font.italic = True
                if para.style == "figure" and not colour:  # emphasis kept on any layout
                    font.color.theme_color = self.accent
                if run.code:
                    font.name = self.code_font
                if run.href:
                    text_run.hyperlink.address = run.href
                if colour:
                    font.color.rgb = RGBColor.from_string(colour)
                set_run_language(text_run._r.get_or_add_rPr(), self.language)

    def _table(self, slide, spec: SlideSpec) -> None:
        table_spec = spec.table
        body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
        if body is not None:
            remove_shape(body)
        box = table_spec.box
        rows = [table_spec.header, *table_spec.rows]
        row_height = table_spec.size * 1.2 + 7.2
        frame = slide.shapes.add_table(len(rows), len(table_spec.header), _emu(box.x),
                                       _emu(box.y), _emu(box.width), _emu(row_height * len(rows)))
        frame.name = "Table"
        table = frame.table
        set_table_direction(table, self.language)
        for column, width in zip(table.columns, table_spec.widths, strict=True):
            column.width = _emu(width)
        for row_index, cells in enumerate(rows):
            table.rows[row_index].height = _emu(row_height)
            for column_index, runs in enumerate(cells):
                cell = table.cell(row_index, column_index)
                self._write(cell.text_frame, [Para(runs, style="plain", size=table_spec.size)])

    def _footer(self, slide, layout_name: str) -> None:
        texts = {PP_PLACEHOLDER.DATE: self.spec.marking, PP_PLACEHOLDER.FOOTER: self.spec.footer,
                 PP_PLACEHOLDER.SLIDE_NUMBER: "#"}
        placed = set()
        names = {PP_PLACEHOLDER.DATE: "dt", PP_PLACEHOLDER.FOOTER: "ftr",
                 PP_PLACEHOLDER.SLIDE_NUMBER: "sldNum"}
        for kind, idx in self.template.footers[layout_name].items():
            if not texts[kind]:
                continue
            number = len(self.prs.slides) if kind == PP_PLACEHOLDER.SLIDE_NUMBER else None
            add_footer_placeholder(slide, names[kind], idx, texts[kind],
                                   bold=kind == PP_PLACEHOLDER.DATE, number=number,
                                   language=self.language,
                                   place=mirrored_footer(
                                       self.template.footer_boxes[layout_name].get(kind),
                                       kind == PP_PLACEHOLDER.SLIDE_NUMBER,
                                       self.template.width, self.language))
            placed.add(kind)
        for kind, key in ((PP_PLACEHOLDER.DATE, "marking"), (PP_PLACEHOLDER.FOOTER, "footer"),
                          (PP_PLACEHOLDER.SLIDE_NUMBER, "number")):
            if kind in placed or not texts[kind]:
                continue
            box = FOOTER_BOXES[key]
            scale = self.template.width / 960
            box = Box(box.x * scale, box.y * self.template.height / 540, box.width * scale,
                      box.height)
            if self.language.rtl:
                box = mirror_box(box, self.template.width)
            shape = self._text_box(slide, box, key.capitalize())
            self._footer_text(shape.text_frame, kind, texts[kind])

    def _footer_text(self, frame, kind, text: str) -> None:
        """Footer text in a text box, for layouts without footer placeholders."""
        paragraph = frame.paragraphs[0]
        if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            set_slide_number(frame, len(self.prs.slides), self.language)
            paragraph.alignment = PP_ALIGN.LEFT if self.language.rtl else PP_ALIGN.RIGHT
            paragraph.runs[0].font.size = Pt(10) if paragraph.runs else None
            return
        set_paragraph_direction(paragraph, self.language)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(10)
        run.font.bold = kind == PP_PLACEHOLDER.DATE  # the handling marking stands out
        set_run_language(run._r.get_or_add_rPr(), self.language)
