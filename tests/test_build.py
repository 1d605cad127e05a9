"""`coursegen build`: incremental, parallel, atomic, with progress — checked on real renderers."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

import coursegen
from coursegen.build import build, resolve_targets
from coursegen.build_jobs import plan_jobs
from coursegen.build_manifest import MANIFEST
from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course

pytestmark = pytest.mark.slow  # builds handouts, decks and packages

TARGETS = resolve_targets(None)
FAST = ["decks", "lms"]  # per-module and course-wide jobs, quick to render


def add_second_module(course: Path) -> None:
    """Turn the starter course into a two-module course."""
    shutil.copytree(course / "modules/getting-started", course / "modules/second")
    module = course / "modules/second/module.yaml"
    module.write_text(module.read_text().replace("id: getting-started", "id: second"))
    bank = (course / "quizzes/getting-started.yaml").read_text()
    (course / "quizzes/second.yaml").write_text(bank.replace("module: getting-started",
                                                             "module: second"))
    course_yaml = course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("  - getting-started",
                                                           "  - getting-started\n  - second"))


@pytest.fixture
def two_modules(starter_course: Path) -> Path:
    add_second_module(starter_course)
    return starter_course


def built_keys(course: Path, **kwargs) -> set[str]:
    result = build(course, only=FAST, jobs=1, **kwargs)
    assert not result.failed, [(o.job.key, o.error) for o in result.failed]
    return {o.job.key for o in result.built}


def test_a_first_build_runs_every_job_and_a_second_runs_none(two_modules: Path) -> None:
    first = built_keys(two_modules)
    assert first == {"decks:getting-started", "decks:second", "lms:getting-started",
                     "lms:second", "lms:(course)"}
    assert built_keys(two_modules) == set()


def test_editing_one_lesson_rebuilds_only_its_module_and_course_wide_outputs(
    two_modules: Path,
) -> None:
    built_keys(two_modules)
    lesson = two_modules / "modules/second/01-double-edged.yaml"
    lesson.write_text(lesson.read_text().replace("title: Why it matters", "title: Why it counts"))
    rebuilt = built_keys(two_modules)
    assert rebuilt
    assert all(key.endswith((":second", ":(course)")) for key in rebuilt), rebuilt
    assert not any(key.endswith(":getting-started") for key in rebuilt)


@pytest.mark.parametrize("edit", ["sources", "template", "option"])
def test_shared_inputs_rebuild_everything(two_modules: Path, edit: str) -> None:
    everything = built_keys(two_modules)
    options = None
    if edit == "sources":
        sources = two_modules / "sources.yaml"
        sources.write_text(sources.read_text().replace("publisher: United Nations",
                                                       "publisher: The United Nations"))
    elif edit == "template":
        (two_modules / "templates" / "extra.css").write_text("p { color: black }\n")
    else:
        options = RenderOptions(notes=False)
    assert built_keys(two_modules, options=options) == everything


def test_each_handout_edition_is_its_own_job(two_modules: Path) -> None:
    result = build(two_modules, only=["handouts"], jobs=2,
                   options=RenderOptions(modules=("second",)))
    assert sorted(o.job.key for o in result.built) == [
        "handouts:second:participant", "handouts:second:trainer"]
    assert sorted(p.name for p in (two_modules / "build/handouts").iterdir()) == [
        "second-trainer.pdf", "second.pdf"]
    jobs = plan_jobs(["handouts"], ["first", "second"], None)
    assert [job.key for job in jobs] == [
        "handouts:first:participant", "handouts:first:trainer",
        "handouts:second:participant", "handouts:second:trainer", "handouts:(course)"]
    assert [job.key for job in plan_jobs(["handouts"], ["first", "second"], ("second",))] == [
        "handouts:second:participant", "handouts:second:trainer"]


def test_the_longest_jobs_start_first(two_modules: Path) -> None:
    first = build(two_modules, only=FAST, jobs=1)
    order = [o.job.key for o in first.built]  # one worker: finished in the order started
    assert order[:2] == ["decks:getting-started", "decks:second"]  # estimated the longest
    manifest = two_modules / "build" / MANIFEST
    entries = json.loads(manifest.read_text())
    assert all(entry["seconds"] > 0 for entry in entries.values())
    entries["lms:second"]["seconds"] = 60.0  # as if it had been the slow one last time
    manifest.write_text(json.dumps(entries))
    again = build(two_modules, only=FAST, jobs=1, options=RenderOptions(notes=False))
    assert again.built[0].job.key == "lms:second"


def test_a_failed_check_writes_nothing_and_keeps_earlier_outputs(two_modules: Path) -> None:
    built_keys(two_modules)
    out = two_modules / "build"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    lesson = two_modules / "modules/second/01-double-edged.yaml"
    lesson.write_text(lesson.read_text().replace("duration: 20", "duration: soon"))
    result = subprocess.run([sys.executable, "-m", "coursegen", "build", "--only", "decks,lms",
                             str(two_modules)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "modules/second/01-double-edged.yaml:3:11: duration: expected a whole number" \
        in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_no_change_rebuild_imports_no_renderer(two_modules: Path) -> None:
    built_keys(two_modules)
    script = (
        "import sys; from coursegen.build import build\n"
        f"r = build({str(two_modules)!r}, only={FAST!r})\n"
        "heavy = [m for m in ('pptx', 'weasyprint', 'jinja2') if m in sys.modules]\n"
        "print(len(r.built), len(r.skipped), heavy)\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=120).stdout.split()
    assert shown[0] == "0" and int(shown[1]) > 0
    assert shown[2:] == ["[]"]


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    if path.suffix in {".pptx", ".zip"}:
        return zipfile.is_zipfile(path) and zipfile.ZipFile(path).testzip() is None
    return True


@pytest.mark.slow
def test_a_killed_build_leaves_whole_files_and_the_next_build_repairs_it(
    two_modules: Path,
) -> None:
    command = [sys.executable, "-m", "coursegen", "build", "--only", "handouts,decks", "-j", "2",
               str(two_modules)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    out = two_modules / "build"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out / MANIFEST).exists():
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for path in out.rglob("*"):
        if path.is_file() and not path.name.endswith(".tmp"):
            assert _complete(path), f"{path} is half written"
    repaired = build(two_modules, only=["handouts", "decks"], jobs=2)
    assert not repaired.failed
    assert build(two_modules, only=["handouts", "decks"]).built == []
    for path in out.rglob("*"):
        assert not path.name.endswith(".tmp"), f"{path} was left by the killed build"
        if path.is_file():
            assert _complete(path)


def test_plain_progress_when_output_is_not_a_terminal(starter_course: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "coursegen", "build", "-j", "1", "--only",
                             "decks,lms", str(starter_course)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("building ")
    assert any(line.startswith("[1/") for line in lines)
    assert "\x1b[" not in result.stdout
    assert lines[-1].endswith("0 up to date, 0 failed in " + lines[-1].split(" in ")[-1])
    # What an export format had to leave out is said by the build too, with its place.
    assert "quizzes/getting-started.yaml:" in result.stderr
    assert "question 'safeguard-order': GIFT cannot express ordering questions" in result.stderr


def test_a_progress_bar_on_a_terminal(starter_course: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "coursegen", "build", "-j", "1", "--only",
                                           "decks,lms", str(starter_course)], timeout=300,
                          dimensions=(24, 100), env={**os.environ, "TERM": "xterm"})
    child.expect(r"\d+ built \(\d+ files\), 0 up to date, 0 failed")
    shown = child.before.decode()
    child.expect(pexpect.EOF)
    assert "building" in shown
    assert "\x1b[" in shown  # the live bar redraws itself
    assert "[1/" not in shown  # not the plain log lines


def test_watch_rebuilds_when_a_lesson_is_saved(starter_course: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    # Generous waits: on a busy machine the first build alone can take a while.
    child = pexpect.spawn(sys.executable, ["-m", "coursegen", "watch", "--only", "lms",
                                           str(starter_course)], timeout=120)
    child.expect("watching .* for changes")
    lesson = starter_course / "modules/getting-started/02-safeguards.yaml"
    lesson.write_text(lesson.read_text().replace("title: Safeguards first", "title: Safety first"))
    child.expect("changed: modules/getting-started/02-safeguards.yaml")
    child.expect(r"2 built \(\d+ files\), 0 up to date, 0 failed")
    lesson.write_text(lesson.read_text().replace("duration: 25", "duration: soon"))
    child.expect("duration: expected a whole number")
    child.expect("nothing was written")
    child.sendintr()  # once is enough
    child.expect("coursegen: interrupted", timeout=30)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130


def test_temporaries_left_by_a_killed_build_are_removed_by_the_next(starter_course: Path) -> None:
    built_keys(starter_course)
    out = starter_course / "build"
    # What a build killed while writing leaves: empty temporaries beside the outputs.
    left = [out / "handouts" / ".course.pdf.k3x9_q2a.tmp",
            out / "lms" / ".my-course.zip.0ab1c2d3.tmp", out / ".coursegen-build.json.zz9y8x7w.tmp"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    kept = out / "lms" / "notes.tmp"  # not a name coursegen gives a temporary
    kept.write_text("mine")
    lesson = starter_course / "modules/getting-started/02-safeguards.yaml"
    lesson.write_text(lesson.read_text().replace("title: Safeguards first", "title: Safety first"))
    assert built_keys(starter_course)
    assert [path for path in left if path.exists()] == []
    assert kept.read_text() == "mine"


def test_no_platform_only_date_codes(tmp_path: Path) -> None:
    # "%-d" exists only in glibc's strftime: on Windows it raises. One formatter writes dates.
    package = Path(coursegen.__file__).parent
    offenders = [f"{path.relative_to(package)}:{number}"
                 for path in package.rglob("*") if path.suffix in {".py", ".html", ".css", ".js"}
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"(?<!\{)%[-#][A-Za-z]", line)]
    assert offenders == []
    root = tmp_path / "course"
    create_course(root)
    course_yaml = root / "course.yaml"
    course_yaml.write_text(course_yaml.read_text() + "date: 2026-03-05\n")
    from coursegen.render.deck import render_decks

    deck = Presentation(str(render_decks(load_checked(root)[0], root / "build",
                                         RenderOptions())[0]))
    title_slide = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes
                           if shape.has_text_frame)
    assert "5 March 2026" in title_slide


def test_ctrl_c_stops_watch_started_with_ctrl_c_ignored(starter_course: Path) -> None:
    # A background job of a script (`make test &`, a CI runner) starts with Ctrl-C ignored;
    # in its own terminal, watch must still stop on it.
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "coursegen", "watch", "--only", "lms",
                                           str(starter_course)], timeout=120,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    child.expect("watching .* for changes")
    child.sendintr()
    child.expect("coursegen: interrupted", timeout=30)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130

