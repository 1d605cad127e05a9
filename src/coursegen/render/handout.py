"""PDF handouts: per module a participant and a trainer edition, and the whole-course handbook.

Templates (`handout/*.html`, `handout/handout.css`) come from the course's `templates/`
folder first, then the built-in theme; WeasyPrint lays them out as tagged PDF/UA-1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from markupsafe import Markup

from coursegen.errors import Location
from coursegen.i18n.scripts import font_warnings, is_rtl
from coursegen.i18n.ui import Interface, course_language, css_page_counter
from coursegen.model import Course
from coursegen.output import RenderedFiles
from coursegen.pdf import font_stacks, stylesheet, write_pdf
from coursegen.render.handout_model import Citations, ModuleView, module_view
from coursegen.render.handout_notes import FootnoteRuns
from coursegen.render.options import RenderOptions
from coursegen.render.visual_filters import visual_filters
from coursegen.text import inline_html, long_date
from coursegen.theme import render_template
from coursegen.translation.default_words import with_default_words

HANDBOOK = "handout/course.html"


def render_handouts(course: Course, out_dir: Path, options: RenderOptions) -> list[Path]:
    """Write `out_dir/handouts/<module>.pdf` and `<module>-trainer.pdf` for the selected modules,
    and `course.pdf` (the handbook of every module) with the course-wide outputs; returns
    the files written."""
    course = with_default_words(course)
    writer = HandoutWriter(course, options)
    folder = Path(out_dir) / "handouts"
    views = [module_view(course, module, number)
             for number, module in enumerate(course.modules, start=1)]
    lang = course_language(course)
    written = RenderedFiles(diagnostics=font_warnings(lang, Location("course.yaml"),
                                                      roles=("serif", "sans")))
    for view in views:
        if not options.selects(view.module.id):
            continue
        for trainer in (False, True):
            if not options.includes("trainer" if trainer else "participant"):
                continue
            name = f"{view.module.id}-trainer.pdf" if trainer else f"{view.module.id}.pdf"
            written.append(writer.write("handout/module.html", [view], trainer, folder / name))
    if options.course_outputs:
        written.append(writer.write(HANDBOOK, views, False, folder / "course.pdf"))
    return written


class HandoutWriter:
    """Renders handout templates for one course and writes them as PDF; reuses the stylesheet."""

    def __init__(self, course: Course, options: RenderOptions) -> None:
        self.course = course
        self.language = course_language(course)
        paper = options.paper or course.info.paper
        branding = course.info.branding
        lang = course_language(course)
        serif, sans = font_stacks(lang, branding.font)
        start, end = ("right", "left") if is_rtl(lang) else ("left", "right")
        css = render_template(
            course.root, "handout/handout.css", page_counter=css_page_counter(self.language),
            paper="letter" if paper == "Letter" else "A4",
            primary=branding.primary_colour, accent=branding.accent_colour,
            serif=serif, sans=sans, start=start, end=end,
        )
        self.css_text = css
        self.stylesheet = stylesheet(css)
        self.images: dict[str, Any] = {}  # WeasyPrint's image cache, shared by every document

    def html(self, template: str, views: list[ModuleView], trainer: bool,
             **overrides: Any) -> str:
        """The HTML of one handout document, its footnotes merged where passages in a row
        cite the same place (`overrides` replace context entries)."""
        context = {**self.context(template, views, trainer), **overrides}
        filters = visual_filters(self.language, pdf=True)
        html = render_template(self.course.root, template, jinja_filters=filters,
                               language=self.language, **context)
        return context["footnote_runs"].resolve(html)

    def context(self, template: str, views: list[ModuleView], trainer: bool) -> dict[str, Any]:
        """What the handout templates receive."""
        info = self.course.info
        citations = Citations(self.course)
        runs = FootnoteRuns(citations, self.language)
        handbook = template == HANDBOOK
        subject = info.title if handbook else views[0].module.title
        edition = edition_label(self.language, handbook, trainer)
        return {
            "course": self.course,
            "info": info,
            "modules": views,
            "trainer": trainer,
            "edition_label": edition,
            "title": f"{subject} — {edition}",
            "description": info.subtitle or (views[0].module.summary if views else info.title),
            "keywords": ", ".join(v.module.title for v in views),
            "date": long_date(info.date or dt.date.today(), self.language),
            "logo": info.branding.logo,
            "note": citations.inline,
            "cited": citations.cited,
            "restart_notes": runs.chapter,
            "footnotes": lambda cites, keep=False: runs.call(tuple(cites), keep),
            "prose": lambda text, cites: prose_with_footnotes(runs, text, cites),
            "footnote_runs": runs,  # sets the footnotes once the document is written
        }

    def write(self, template: str, views: list[ModuleView], trainer: bool, target: Path) -> Path:
        """Render one document and write it atomically as tagged PDF."""
        html = self.html(template, views, trainer)
        return write_pdf(html, target, f"{self.course.root.resolve().as_uri()}/",
                         stylesheets=[self.stylesheet], cache=self.images)


def edition_label(lang: str, handbook: bool = False, trainer: bool = False) -> str:
    """The edition a handout's cover names: 'Course handbook', 'Participant handout' or
    'Trainer edition', in the course's language."""
    ui = Interface(lang)
    if handbook:
        return ui._("Course handbook")
    return ui._("Trainer edition") if trainer else ui._("Participant handout")


def prose_with_footnotes(runs: FootnoteRuns, text: str, cites: tuple[str, ...]) -> Markup:
    """Handout prose as paragraphs, with the footnote at the end of the last paragraph."""
    paragraphs = [" ".join(p.split()) for p in (text or "").split("\n\n") if p.strip()]
    parts = [Markup("<p>{}</p>").format(inline_html(p)) for p in paragraphs[:-1]]
    if paragraphs:
        last = inline_html(paragraphs[-1]) + runs.call(tuple(cites))
        parts.append(Markup("<p>{}</p>").format(last))
    return Markup("").join(parts)
