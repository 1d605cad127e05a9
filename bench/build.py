"""Benchmark `coursegen build` on the shipped course against two floors, in one run.

Prints a table:
- cold build of decks + handouts (`coursegen build --only decks,handouts -j 2 --clean`),
- the same outputs written by a bare python-pptx + Jinja2/WeasyPrint script in 2 processes
  (the floor: same titles, points and notes; no checks, no layout work),
- pandoc (Debian's) markdown → pptx and markdown → PDF (WeasyPrint engine) for the same text,
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COURSEGEN = [sys.executable, "-m", "coursegen"]


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


def floor_module(module: dict, out: str) -> None:
    """The bare script: one deck and one PDF for a module, nothing else."""
    import jinja2
    import weasyprint
    from pptx import Presentation

    deck = Presentation()
    for slide in module["slides"]:
        page = deck.slides.add_slide(deck.slide_layouts[1])
        page.shapes.title.text = slide["title"]
        body = page.placeholders[1].text_frame
        for index, point in enumerate(slide["points"]):
            paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
            paragraph.text = point
        page.notes_slide.notes_text_frame.text = slide["notes"]
    deck.save(f"{out}/{module['id']}.pptx")
    template = jinja2.Template(
        "<html><body><h1>{{ m.title }}</h1>{% for s in m.slides %}<h2>{{ s.title }}</h2>"
        "<ul>{% for p in s.points %}<li>{{ p }}</li>{% endfor %}</ul>{% endfor %}</body></html>"
    )
    weasyprint.HTML(string=template.render(m=module)).write_pdf(f"{out}/{module['id']}.pdf")


def floor(modules: list[dict], out: Path) -> float:
    """Seconds for the bare script with 2 processes."""
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(floor_module, modules, [str(out)] * len(modules)))
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


def main() -> None:
    """Run every measurement once, side by side, and print the table."""
    work = Path(tempfile.mkdtemp(prefix="coursegen-bench-"))
    course = work / "course"
    shutil.copytree(REPO, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "tests", "bench", "__pycache__", "*.egg-info"))
    modules = extract(course)
    rows = []
    cold = timed([*COURSEGEN, "build", "--only", "decks,handouts", "-j", "2", "--clean", "-q",
                  str(course)])
    (work / "floor").mkdir()
    bare = floor(modules, work / "floor")
    rows += [("decks+handouts cold build (coursegen, -j 2)", cold),
             ("bare python-pptx + Jinja2/WeasyPrint, 2 processes (floor)", bare)]
    if shutil.which("pandoc"):
        (work / "pandoc").mkdir()
        rows.append(("pandoc markdown → pptx + PDF (WeasyPrint engine)",
                     pandoc(modules, work / "pandoc")))
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
    if shutil.which("pandoc"):
        print(f"coursegen / pandoc: {cold / rows[2][1]:.2f}× (target < 1×)")
    print("one-lesson edit rebuilt:", json.dumps(
        [line.split(":")[0].split("] ")[-1] + ":" + line.split(":")[1]
         for line in edit_output.stdout.splitlines() if line.startswith("[")]))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
