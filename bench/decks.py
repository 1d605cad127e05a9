"""Deck build speed: coursegen's decks against a bare python-pptx script writing the same text.

The floor writes, for every slide coursegen makes, one "Title and Content" slide on
python-pptx's default template with the same title, the same body paragraphs and
the same notes, and the same native charts and diagram shapes (boxes, glued connectors,
link labels) where coursegen draws them: the least work any deck writer must do. The
chart and diagram slides are also timed on their own (target: within 1.2x the floor).
Then one module is built through the CLI (`coursegen build --only decks --module ID`)
as a user would, next to a fresh Python process doing only the floor's work for that
module, and pandoc.

    .venv/bin/python bench/decks.py [COURSE_DIR]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from floor_pptx import Slide
from floor_pptx import write_deck as write_floor_deck

from coursegen.load import load_checked
from coursegen.render.deck import DeckTemplate, render_decks, write_deck
from coursegen.render.deck_spec_types import DeckSpec, SlideSpec
from coursegen.render.deck_specs import build_deck_specs
from coursegen.render.deck_theme import deck_template, load_theme
from coursegen.render.options import RenderOptions
from coursegen.render.text_fit import FontMetrics

REPEAT = 5


def floor(decks: dict[str, list[Slide]], out: Path) -> None:
    """Write each deck's titles, paragraphs and notes with nothing but python-pptx."""
    for module_id, slides in decks.items():
        write_floor_deck(slides, str(out / f"{module_id}.pptx"))


def floor_visual(spec: SlideSpec) -> dict | None:
    """The chart's numbers or the diagram's placed boxes, as the floor draws them."""
    visual = spec.visual
    if visual is None:
        return None
    if visual.chart is not None:
        box = visual.box
        return {"chart": visual.chart.chart, "box": [box.x, box.y, box.width, box.height],
                "labels": list(visual.chart.labels),
                "series": [[s.name, list(s.numbers)] for s in visual.chart.series]}
    diagram = visual.diagram
    return {"nodes": [[n.box.x, n.box.y, n.box.width, n.box.height, n.label, n.text]
                      for n in diagram.nodes],
            "edges": [[e.start, e.end, e.start_side, e.end_side] for e in diagram.edges],
            "labels": [[e.label_box.x, e.label_box.y, e.label_box.width, e.label_box.height,
                        e.label] for e in diagram.edges if e.label and e.label_box]}


def pandoc_deck(slides: list[Slide], out: Path) -> float:
    """Best wall time of pandoc turning the same titles, points and notes into a .pptx."""
    source = out / "pandoc.md"
    source.write_text("\n\n".join(
        f"## {title}\n\n" + "\n".join(f"- {text}" for text in texts)
        + (f"\n\n::: notes\n{notes}\n:::" if notes else "")
        for title, texts, notes, *_visual in slides), encoding="utf-8")
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(["pandoc", str(source), "-o", str(out / "pandoc.pptx")], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def floor_process(slides: list[Slide], out: Path) -> float:
    """Best wall time of a fresh Python process writing one module's text with python-pptx."""
    source = out / "floor.json"
    source.write_text(json.dumps(slides), encoding="utf-8")
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(Path(__file__).with_name("floor_pptx.py")),
                        str(source), str(out / "f.pptx")], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def watch_rebuild(root: Path, module_id: str, out: Path) -> float:
    """Best seconds from saving a lesson to `coursegen watch` reporting its deck rebuilt.

    Works on a copy of the course; includes the watcher's polling (every 0.2 s).
    """
    course = out / "watched"
    shutil.copytree(root, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "tests", "bench", "node_modules", "__pycache__"))
    lesson = sorted((course / "modules" / module_id).glob("0*.yaml"))[0]
    command = [str(Path(sys.executable).parent / "coursegen"), "watch", str(course),
               "--only", "decks", "--module", module_id]
    watcher = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    times = []
    try:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            if line.startswith("watching"):
                break
        for attempt in range(REPEAT):
            start = time.perf_counter()
            with lesson.open("a", encoding="utf-8") as file:
                file.write(f"# edit {attempt}\n")
            for line in watcher.stdout:
                if " built " in line:
                    break
            times.append(time.perf_counter() - start)
    finally:
        watcher.terminate()
        watcher.wait()
    return min(times)


def interleaved(first, second) -> tuple[float, float]:
    """Best CPU seconds of REPEAT alternating runs of two callables.

    Alternating and counting CPU time (not wall time) keeps other load on the
    machine from favouring either side.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEAT):
        for function, bucket in ((first, times[0]), (second, times[1])):
            start = time.process_time()
            function()
            bucket.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def main() -> None:
    """Print coursegen vs floor for all decks, and the CLI time for one module."""
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    course, _ = load_checked(root)
    theme = load_theme(course.theme)
    template = DeckTemplate(*deck_template(course.root, course.info.branding.deck_template))
    metrics = FontMetrics(theme.fonts["body"])
    decks, visual_specs = {}, {}
    for module in course.modules:
        spec = build_deck_specs(course, module, template.boxes, theme, metrics)
        decks[module.id] = [(s.title_text, s.texts(), s.notes, floor_visual(s))
                            for s in spec.slides]
        visual_specs[module.id] = DeckSpec(module.id, tuple(s for s in spec.slides if s.visual),
                                           spec.marking, spec.footer)
    slides = sum(len(d) for d in decks.values())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        ours, bare = interleaved(lambda: render_decks(course, out, RenderOptions()),
                                 lambda: floor(decks, out))
        print(f"decks: {len(decks)} modules, {slides} slides (best CPU time of {REPEAT})")
        print(f"  coursegen render_decks   {ours * 1000:8.1f} ms")
        print(f"  bare python-pptx floor   {bare * 1000:8.1f} ms")
        print(f"  ratio                    {ours / bare:8.2f}x  (target <= 1.5x)")
        visual_decks = {m: [s for s in d if s[3]] for m, d in decks.items()}
        count = sum(len(d) for d in visual_decks.values())

        def ours_visual() -> None:
            for module_id, spec in visual_specs.items():
                write_deck(spec, template, theme, course, RenderOptions()).save(
                    str(out / f"v-{module_id}.pptx"))

        ours, bare = interleaved(ours_visual, lambda: floor(visual_decks, out))
        print(f"chart and diagram slides: {count} (written from their specs, best CPU of {REPEAT})")
        print(f"  coursegen write_deck     {ours * 1000:8.1f} ms")
        print(f"  bare python-pptx floor   {bare * 1000:8.1f} ms")
        print(f"  ratio                    {ours / bare:8.2f}x  (target <= 1.2x)")
        module_id = course.modules[0].id
        times = []
        for attempt in range(REPEAT):  # a fresh output folder each time: no up-to-date skips
            command = [str(Path(sys.executable).parent / "coursegen"), "build", str(root),
                       "--only", "decks", "--module", module_id,
                       "--out", str(out / f"cli{attempt}")]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"  coursegen build --only decks --module {module_id}: "
              f"{min(times) * 1000:.0f} ms (whole process, best of {REPEAT})")
        print(f"  bare python-pptx process, same module's text: "
              f"{floor_process(decks[module_id], out) * 1000:.0f} ms (best of {REPEAT})")
        if shutil.which("pandoc"):
            print(f"  pandoc markdown -> pptx, same module's text: "
                  f"{pandoc_deck(decks[module_id], out) * 1000:.0f} ms (best of {REPEAT})")
        print(f"  coursegen watch: lesson saved -> deck rebuilt: "
              f"{watch_rebuild(root, module_id, out) * 1000:.0f} ms (best of {REPEAT})")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import coursegen.cli"], check=True)
        print(f"  python -c 'import coursegen.cli': {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
