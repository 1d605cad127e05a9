"""PDF handouts: per module a participant and a trainer edition, and the whole-course handbook.

Templates (`handout/*.html`, `handout/handout.css`) come from the course's `templates/`
folder first, then the built-in theme; WeasyPrint lays them out as tagged PDF/UA-1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from coursegen.i18n.default_words import with_default_words
from coursegen.i18n.ui import Interface, course_language, css_page_counter
from coursegen.model import Course
from coursegen.pdf import SANS, SERIF, stylesheet, write_pdf
from coursegen.render.handout_model import Citations, ModuleView, module_view
from coursegen.render.options import RenderOptions
from coursegen.render.visual_filters import visual_filters
from coursegen.text import inline_html, long_date
from coursegen.theme import render_template

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
    written = []
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
        font = f'"{branding.font}", ' if branding.font else ""
        css = render_template(
            course.root, "handout/handout.css", page_counter=css_page_counter(self.language),
            paper="letter" if paper == "Letter" else "A4",
            primary=branding.primary_colour, accent=branding.accent_colour,
            serif=font + SERIF, sans=font + SANS,
        )
        self.css_text = css
        self.stylesheet = stylesheet(css)
        self.images: dict[str, Any] = {}  # WeasyPrint's image cache, shared by every document

    def html(self, template: str, views: list[ModuleView], trainer: bool) -> str:
        """The HTML of one handout document."""
        return render_template(self.course.root, template,
                               jinja_filters=visual_filters(self.language),
                               language=self.language,
                               **self.context(template, views, trainer))

    def context(self, template: str, views: list[ModuleView], trainer: bool) -> dict[str, Any]:
        """What the handout templates receive."""
        info = self.course.info
        citations = Citations(self.course)
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
            "restart_notes": citations.restart,
            "footnotes": lambda cites: footnote_spans(citations, cites),
            "prose": lambda text, cites: prose_with_footnotes(citations, text, cites),
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


def footnote_spans(citations: Citations, cites: tuple[str, ...]) -> Markup:
    """One footnote for a passage's citations (merged by source), as a span that CSS floats
    to the foot of the page; nothing when it cites nothing."""
    if not cites:
        return Markup("")
    return Markup('<span class="fn">{}</span>').format(escape(citations.note(tuple(cites))))


def prose_with_footnotes(citations: Citations, text: str, cites: tuple[str, ...]) -> Markup:
    """Handout prose as paragraphs, with the footnotes at the end of the last paragraph."""
    paragraphs = [" ".join(p.split()) for p in (text or "").split("\n\n") if p.strip()]
    parts = [Markup("<p>{}</p>").format(inline_html(p)) for p in paragraphs[:-1]]
    if paragraphs:
        last = inline_html(paragraphs[-1]) + footnote_spans(citations, cites)
        parts.append(Markup("<p>{}</p>").format(last))
    return Markup("").join(parts)
