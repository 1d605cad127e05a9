"""The offline e-learning site `build/site/`: plain HTML, relative links, no server needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from coursegen.i18n.script_strings import json_for_script
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Module, Source
from coursegen.model.citing import locator, short_citation
from coursegen.model.source import parse_citation
from coursegen.output import write_bytes, write_text
from coursegen.render.options import RenderOptions
from coursegen.render.quiz_payload import check_payload, module_quiz
from coursegen.render.visual_filters import visual_filters
from coursegen.theme import find_template_file, render_template
from coursegen.translation.default_words import with_default_words

SITE_ASSETS = (
    "site/site.css", "site/scorer.js", "site/paper.js", "site/quiz.js", "site/progress.js",
    "site/verify.js")
"""Theme files copied to `site/assets/` (and into SCORM packages)."""


@dataclass(frozen=True)
class Reference:
    """A numbered entry of a module's reference list."""

    number: int
    source: Source

    @property
    def anchor(self) -> str:
        """The HTML id of the entry on the module page."""
        return f"ref-{self.source.id}"


def module_references(course: Course, module: Module) -> list[Reference]:
    """The sources a module cites, numbered in order of first citation."""
    sources = [course.source(sid) for sid in module.cited_sources()]
    return [Reference(n, s) for n, s in enumerate((s for s in sources if s), start=1)]


def citation_links(course: Course, references: list[Reference], page: str) -> Any:
    """A function turning citations into `{label, href}` links to the module's reference list."""
    by_id = {ref.source.id: ref for ref in references}

    def links(cites: tuple[str, ...]) -> list[dict[str, str]]:
        out = []
        for text in cites:
            ref = parse_citation(text)
            entry = by_id.get(ref.source)
            if entry is None:
                continue
            shown = locator(ref, course_language(course))
            where = f", {shown}" if shown else ""
            out.append({"label": f"[{entry.number}]{where}", "href": f"{page}#{entry.anchor}",
                        "title": short_citation(course, ref)})
        return out

    return links


def quiz_view(form_id: str, module_id: str | None, payload: dict[str, Any],
              lang: str = "en") -> dict[str, Any]:
    """What the quiz form template needs: ids, the payload with answer choices, and its JSON;
    `asked` says what an attempt asks, in the course language `lang`."""
    for question in payload["questions"]:
        # Choices are listed in the question's one presentation order (as on the slide and
        # on paper); each keeps its index in the bank's order, which a response refers to.
        if question["type"] == "matching":
            rights = [p["right"] for p in question["pairs"]] + list(question["distractors"])
            question["choices"] = [(i, rights[i]) for i in _shown(question, len(rights))]
        elif question["type"] == "ordering":
            items = question["items"]
            question["choices"] = [(i, items[i]) for i in _shown(question, len(items))]
        elif question["type"] in ("single", "multiple"):
            question["shown"] = _shown(question, len(question["options"]))
    return {"form_id": form_id, "module": module_id, "payload": payload,
            "asked": _asked(payload, lang), "json": json_for_script(payload)}


def _asked(payload: dict[str, Any], lang: str) -> str:
    """What an attempt asks, said before it starts: "10 questions drawn from 16. Time limit:
    30 minutes."."""
    ui = Interface(lang)
    settings = payload.get("settings") or {}
    total = len(payload["questions"])
    drawn = min(settings.get("draw") or total, total)
    if drawn < total:
        said = ui.ngettext("{n} question drawn from {total}.", "{n} questions drawn from {total}.",
                           drawn, total=total)
    else:
        said = ui.ngettext("{n} question.", "{n} questions.", drawn)
    if settings.get("time_limit"):
        said += " " + ui.ngettext("Time limit: {n} minute.", "Time limit: {n} minutes.",
                                  settings["time_limit"])
    return said


def _shown(question: dict[str, Any], size: int) -> list[int]:
    order = question.get("order") or []
    return list(order) if len(order) == size else list(range(size))


@dataclass
class LessonContext:
    """What slide templates reach for: the module, its references, images and knowledge checks."""

    course: Course
    module: Module
    references: list[Reference]
    images: dict[str, str] = field(default_factory=dict)
    index: int = 0
    prefix: str = ""
    """Prepended to anchors, so lessons placed on one page (SCORM) keep their ids unique."""

    def at(self, index: int) -> LessonContext:
        """The context for the slide at 1-based position `index` (anchors are numbered by it)."""
        self.index = index
        return self

    def image(self, src: str) -> str:
        """The image's path relative to the lesson page; the file is copied at the end."""
        name = _site_name(src)
        self.images[name] = src
        return name

    def knowledge_check(self, question_id: str, anchor: str) -> dict[str, Any] | None:
        """A one-question practice form for a knowledge-check slide, or None if it is missing."""
        bank = self.module.bank
        question = bank.question(question_id) if bank else None
        if question is None:
            return None
        return quiz_view(f"check-{anchor}", None, check_payload(self.module, question,
                                                          course_language(self.course)))


def _site_name(src: str) -> str:
    """Where a picture goes in a module's site folder: its own path in the course, normalised.

    Keeping the folders keeps two pictures with one file name in different folders apart.
    """
    parts: list[str] = []
    for part in PurePosixPath(src.replace("\\", "/")).parts:
        if part == "..":
            parts = parts[:-1]
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def render_site(course: Course, out_dir: Path, options: RenderOptions) -> list[Path]:
    """Write `out_dir/site/`: home, module, lesson and quiz pages, assets; returns the files.

    The site spans the course (its home page links every module), so it is one course-wide
    output: written whole when `options.course_outputs` is set, not at all otherwise.
    """
    course = with_default_words(course)
    if not options.course_outputs:
        return []
    site = Path(out_dir) / "site"
    modules = list(course.modules)
    written: list[Path] = []

    def page(template: str, target: Path, root: str, **values: Any) -> None:
        lang = course_language(course)
        html = render_template(course.root, template, jinja_filters=visual_filters(lang),
                               language=lang, course=course, root=root, **values)
        written.append(write_text(target, html))

    page("site/home.html", site / "index.html", "", modules=modules,
         citations=lambda cites: [])
    page("site/verify.html", site / "verify.html", "", citations=lambda cites: [])
    for module in modules:
        written += _render_module(course, module, site, page)
    for name in SITE_ASSETS:
        source = find_template_file(course.root, name)
        written.append(write_bytes(site / "assets" / Path(name).name, source.read_bytes()))
    return written


def _render_module(course: Course, module: Module, site: Path, page: Any) -> list[Path]:
    folder = site / module.id
    references = module_references(course, module)
    page("site/module.html", folder / "index.html", "../", module=module, references=references,
         pass_mark=course.pass_mark(module), citations=citation_links(course, references, ""))
    context = LessonContext(course, module, references)
    lessons = module.lessons
    for n, lesson in enumerate(lessons):
        objectives = [o for o in module.objectives if o.id in lesson.objectives]
        page("site/lesson.html", folder / f"{lesson.id}.html", "../", module=module, lesson=lesson,
             lesson_key=f"{module.id}/{lesson.id}", objectives=objectives, ctx=context,
             previous=lessons[n - 1] if n else None,
             next=lessons[n + 1] if n + 1 < len(lessons) else None,
             citations=citation_links(course, references, "index.html"))
    if module.bank:
        quiz = quiz_view(f"quiz-{module.id}", module.id, module_quiz(course, module),
                         course_language(course))
        page("site/quiz.html", folder / "quiz.html", "../", module=module, quiz=quiz,
             citations=citation_links(course, references, "index.html"))
    return [_copy_image(course, folder / name, src) for name, src in context.images.items()]


def _copy_image(course: Course, target: Path, src: str) -> Path:
    with (course.root / src).open("rb") as handle:
        return write_bytes(target, handle.read())

