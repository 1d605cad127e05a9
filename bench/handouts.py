"""Handout build time: coursegen vs a bare Jinja2 + WeasyPrint script on the same content.

Usage: python bench/handouts.py [COURSE_DIR] [MODULE_ID] [ROUNDS]

Both sides render the same module's participant and trainer editions from the same
templates and stylesheet. The floor is what any Jinja2 + WeasyPrint script must pay:
one compiled environment, one font configuration, one parsed stylesheet, then
`HTML(...).write_pdf(...)` per document. The target is coursegen within 1.15x of it.
Rounds alternate between the two sides; the median of each is reported.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from coursegen.load import load_checked
from coursegen.render.handout import SANS, SERIF, HandoutWriter, render_handouts
from coursegen.render.handout_model import module_view
from coursegen.render.options import RenderOptions
from coursegen.render.visual_filters import visual_filters
from coursegen.text import block_html, inline_html, plain_text, quotation
from coursegen.theme import BUILTIN_TEMPLATES

REPO = Path(__file__).resolve().parents[1]


def floor_builder(course, module_id: str):
    """A bare script's build: its own Jinja2 environment, fonts and stylesheet, set up once."""
    env = Environment(loader=FileSystemLoader(str(BUILTIN_TEMPLATES)),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(inline=inline_html, blocks=block_html, plain=plain_text, quotation=quotation,
                       **visual_filters())
    fonts = FontConfiguration()
    writer = HandoutWriter(course, RenderOptions())  # only to build the same context and CSS
    css_text = env.get_template("handout/handout.css").render(
        paper="A4", primary="#1F3A5F", accent="#C8102E",
        serif=SERIF, sans=SANS)
    stylesheet = CSS(string=css_text, font_config=fonts)
    template = env.get_template("handout/module.html")
    module = course.module(module_id)
    view = module_view(course, module, course.modules.index(module) + 1)
    base_url = f"{course.root.resolve().as_uri()}/"

    def build(out: Path) -> None:
        for trainer in (False, True):
            context = writer.context("handout/module.html", [view], trainer)
            html = context["footnote_runs"].resolve(template.render(**context))
            HTML(string=html, base_url=base_url).write_pdf(
                out / f"{module_id}-{trainer}.pdf", stylesheets=[stylesheet], font_config=fonts,
                pdf_variant="pdf/ua-1")

    return build


def main() -> None:
    """Time both sides and print seconds per build and the ratio."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    course, _ = load_checked(root)
    module_id = sys.argv[2] if len(sys.argv) > 2 else course.modules[0].id
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    options = RenderOptions(modules=(module_id,), course_outputs=False)
    floor = floor_builder(course, module_id)
    ours_times, floor_times = [], []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        render_handouts(course, out / "warm", options)  # warm both: fonts, templates, imports
        floor(out)
        for _ in range(rounds):
            started = time.perf_counter()
            render_handouts(course, out, options)
            ours_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            floor(out)
            floor_times.append(time.perf_counter() - started)
    ours, bare = statistics.median(ours_times), statistics.median(floor_times)
    print(f"module {module_id}: participant + trainer editions, median of {rounds} rounds")
    print(f"coursegen render_handouts   {ours:7.2f} s")
    print(f"bare Jinja2 + WeasyPrint    {bare:7.2f} s")
    print(f"ratio                       {ours / bare:7.2f}x  (target <= 1.15x)")


if __name__ == "__main__":
    main()
