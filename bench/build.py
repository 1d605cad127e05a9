"""Benchmark `coursegen build` on the shipped course against two floors, in one run.

Prints a table:
- cold build of decks + handouts (`coursegen build --only decks,handouts -j 2 --clean`),
- the same outputs written by a bare python-pptx + Jinja2/WeasyPrint script in 2 processes
  (the floor: same titles, points and notes; no checks, no layout work; WeasyPrint with
  coursegen's footnote-area speed-up, as the floor's process has it installed),
- pandoc (Debian's) markdown → pptx and markdown → PDF (WeasyPrint engine): once for the
  slides' text (one PDF per module), once for the same 13 documents coursegen makes
  (these four are run in 3 interleaved rounds and the best of each is shown),
- a full cold build (every target), a no-change rebuild and a one-lesson-edit rebuild.

Run: .venv/bin/python bench/build.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COURSEGEN = [sys.executable, "-m", "coursegen"]
ROUNDS = 3


def timed(command: list[str], cwd: Path | None = None) -> float:
    """Seconds a command takes; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def extract(course_dir: Path) -> list[dict]:
    """Plain text per module: slide titles, points and notes (outside the timed part)."""
    from coursegen.load import load_course
    from coursegen.model.walk import slide_texts
    from coursegen.text import plain_text

    modules = []
    for module in load_course(course_dir).modules:
        slides = []
        for lesson in module.lessons:
            for slide in lesson.slides:
                texts = [plain_text(t.text) for t in slide_texts(slide)]
                slides.append({"title": slide.heading, "points": texts[1:] or texts,
                               "notes": slide.notes or ""})
        modules.append({"id": module.id, "title": module.title, "slides": slides})
    return modules


def floor_deck(module: dict, out: str) -> None:
    """The bare deck: python-pptx writing the same titles, points and notes."""
    from floor_pptx import write_deck

    write_deck([(s["title"], s["points"], s["notes"]) for s in module["slides"]],
               f"{out}/{module['id']}.pptx")


_FONTS = None


def floor_pdf(document: tuple[str, str, str, str], out: str) -> None:
    """The bare PDF: WeasyPrint laying out the same HTML and CSS, fonts configured once."""
    global _FONTS
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    name, html, css, base_url = document
    _FONTS = _FONTS or FontConfiguration()
    HTML(string=html, base_url=base_url).write_pdf(
        f"{out}/{name}.pdf", stylesheets=[CSS(string=css, font_config=_FONTS)],
        font_config=_FONTS, pdf_variant="pdf/ua-1")


def floor_task(task: tuple[str, object], out: str) -> None:
    """One unit of the floor's work: a deck or a PDF."""
    kind, payload = task
    (floor_deck if kind == "deck" else floor_pdf)(payload, out)


def handout_documents(course_dir: Path) -> list[tuple[str, str, str, str]]:
    """The HTML and CSS of every handout coursegen writes (prepared outside the timing)."""
    from coursegen.load import load_course
    from coursegen.render.handout import HandoutWriter
    from coursegen.render.handout_model import module_view
    from coursegen.render.options import RenderOptions

    course = load_course(course_dir)
    writer = HandoutWriter(course, RenderOptions())
    views = [module_view(course, m, i + 1) for i, m in enumerate(course.modules)]
    base_url = f"{course.root.resolve().as_uri()}/"
    css = writer.css_text
    documents = [("course", writer.html("handout/course.html", views, False), css, base_url)]
    for view, module in zip(views, course.modules, strict=True):
        for trainer in (False, True):
            html = writer.html("handout/module.html", [view], trainer)
            documents.append((f"{module.id}-{trainer}", html, css, base_url))
    return documents


def floor(modules: list[dict], documents: list, out: Path) -> float:
    """Seconds for the bare script with 2 processes: the same decks' text and the same PDFs."""
    tasks = [("pdf", d) for d in documents] + [("deck", m) for m in modules]
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(floor_task, tasks, [str(out)] * len(tasks)))
    return time.perf_counter() - started


def pandoc(modules: list[dict], out: Path) -> float:
    """Seconds for pandoc markdown → pptx and → PDF (WeasyPrint engine), module by module."""
    started = time.perf_counter()
    weasyprint_bin = str(Path(sys.executable).parent / "weasyprint")
    for module in modules:
        text = f"# {module['title']}\n\n" + "\n\n".join(
            f"## {s['title']}\n\n" + "\n".join(f"- {p}" for p in s["points"])
            + (f"\n\n::: notes\n{s['notes']}\n:::" if s["notes"] else "")
            for s in module["slides"]
        )
        source = out / f"{module['id']}.md"
        source.write_text(text)
        subprocess.run(["pandoc", str(source), "-o", str(out / f"{module['id']}.pptx")],
                       check=True)
        subprocess.run(["pandoc", str(source), "--pdf-engine", weasyprint_bin,
                        "-o", str(out / f"{module['id']}.pdf")], check=True,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def pandoc_same_documents(modules: list[dict], documents: list, out: Path) -> float:
    """Seconds for pandoc making every deck and every handout coursegen makes, 2 at a time.

    Each handout's HTML is turned into markdown beforehand (not timed), so pandoc typesets
    the same text (objectives, notes, glossary, references, answer keys) in its own style.
    """
    weasyprint_bin = str(Path(sys.executable).parent / "weasyprint")
    commands = []
    for name, html, _css, _base in documents:
        source = out / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        markdown = out / f"{name}.md"
        subprocess.run(["pandoc", "-f", "html", "-t", "markdown", str(source), "-o",
                        str(markdown)], check=True)
        commands.append(["pandoc", str(markdown), "--pdf-engine", weasyprint_bin,
                         "-o", str(out / f"{name}.pdf")])
    for module in modules:
        source = out / f"{module['id']}-slides.md"
        source.write_text("\n\n".join(
            f"## {s['title']}\n\n" + "\n".join(f"- {p}" for p in s["points"])
            for s in module["slides"]), encoding="utf-8")
        commands.append(["pandoc", str(source), "-o", str(out / f"{module['id']}.pptx")])
    started = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda c: subprocess.run(c, check=True, stderr=subprocess.DEVNULL),
                      commands))
    return time.perf_counter() - started


def main() -> None:
    """Run every measurement once, side by side, and print the table."""
    work = Path(tempfile.mkdtemp(prefix="coursegen-bench-"))
    course = work / "course"
    shutil.copytree(REPO, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "tests", "bench", "__pycache__", "*.egg-info"))
    modules = extract(course)
    documents = handout_documents(course)
    (work / "floor").mkdir()
    has_pandoc = shutil.which("pandoc") is not None
    for folder in ("pandoc", "pandoc-same"):
        (work / folder).mkdir()
    runs: dict[str, list[float]] = {}
    for _ in range(ROUNDS):  # interleaved rounds, best of each: other load hits all alike
        runs.setdefault("cold", []).append(timed(
            [*COURSEGEN, "build", "--only", "decks,handouts", "-j", "2", "--clean", "-q",
             str(course)]))
        runs.setdefault("floor", []).append(floor(modules, documents, work / "floor"))
        if has_pandoc:
            runs.setdefault("pandoc", []).append(pandoc(modules, work / "pandoc"))
            runs.setdefault("same", []).append(
                pandoc_same_documents(modules, documents, work / "pandoc-same"))
    cold, bare = min(runs["cold"]), min(runs["floor"])
    rows = [(f"decks+handouts cold build (coursegen, -j 2), best of {ROUNDS}", cold),
            ("floor: python-pptx + WeasyPrint on the same HTML, 2 processes", bare)]
    if has_pandoc:
        rows += [("pandoc markdown → pptx + PDF (WeasyPrint engine), slide text",
                  min(runs["pandoc"])),
                 ("pandoc, the same 13 documents' text, 2 at a time", min(runs["same"]))]
    full = timed([*COURSEGEN, "build", "-j", "2", "--clean", "-q", str(course)])
    again = timed([*COURSEGEN, "build", "-q", str(course)])
    lesson = next((course / "modules" / modules[0]["id"]).glob("0*.yaml"))
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edit_output = subprocess.run([*COURSEGEN, "build", "-j", "2", str(course)],
                                 capture_output=True, text=True, check=True)
    started = time.perf_counter()
    lesson.write_text(lesson.read_text(encoding="utf-8") + "# again\n", encoding="utf-8")
    subprocess.run([*COURSEGEN, "build", "-j", "2", "-q", str(course)], check=True,
                   stdout=subprocess.DEVNULL)
    one_edit = time.perf_counter() - started
    rows += [("full cold build, every target (-j 2)", full), ("no-change rebuild", again),
             (f"one-lesson edit in {modules[0]['id']}", one_edit)]
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.2f}")
    print(f"\ncoursegen / floor: {cold / bare:.2f}× (target ≤ 1.2×)")
    if has_pandoc:
        print(f"coursegen / pandoc (slide text only): {cold / rows[2][1]:.2f}× (target < 1×)")
        print(f"coursegen / pandoc (same documents): {cold / rows[3][1]:.2f}× (target < 1×)")
    print("one-lesson edit rebuilt:", json.dumps(
        [line.split("] ", 1)[1].rsplit(": ", 1)[0]
         for line in edit_output.stdout.splitlines() if line.startswith("[")]))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
