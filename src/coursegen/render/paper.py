"""Printed tests: `handouts/<module>-pre-test.pdf` and `<module>-post-test.pdf`, on demand.

A paper holds the form's questions (with the ids `coursegen grade` reads as column
headers) and an empty grading grid; the trainer edition's key for the form is laid
out from the same :class:`ModuleView`, so its numbers and letters match the paper.
"""

from __future__ import annotations

from pathlib import Path

from coursegen.i18n.ui import Interface
from coursegen.model import Course
from coursegen.pdf import write_pdf
from coursegen.render.handout import HandoutWriter
from coursegen.render.handout_model import module_view
from coursegen.render.options import RenderOptions
from coursegen.translation.default_words import with_default_words

PAPER_TEMPLATE = "handout/paper.html"


def paper_label(form: str, lang: str = "en") -> str:
    """'Pre-test' or 'Post-test' in the course's language."""
    ui = Interface(lang)
    return ui._("Pre-test") if form == "pre" else ui._("Post-test")


def paper_name(module_id: str, form: str) -> str:
    """The file name of a printed test, e.g. `darknet-markets-post-test.pdf`."""
    return f"{module_id}-{form}-test.pdf"


def render_papers(course: Course, out_dir: Path, options: RenderOptions,
                  forms: tuple[str, ...] = ("pre", "post")) -> list[Path]:
    """Write the printed pre- and post-test of every selected module that has the form."""
    course = with_default_words(course)
    writer = HandoutWriter(course, options)
    folder = Path(out_dir) / "handouts"
    written = []
    for number, module in enumerate(course.modules, start=1):
        if not options.selects(module.id):
            continue
        view = module_view(course, module, number)
        for form in forms:
            if form not in view.papers:
                continue
            label = paper_label(form, writer.language)
            html = writer.html(PAPER_TEMPLATE, [view], False, form=form, edition_label=label,
                               title=f"{module.title} — {label}")
            written.append(write_pdf(html, folder / paper_name(module.id, form),
                                     f"{course.root.resolve().as_uri()}/",
                                     stylesheets=[writer.stylesheet], cache=writer.images))
    return written
