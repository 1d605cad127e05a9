"""`coursegen build --clean` removes what coursegen wrote, and nothing a trainer wrote."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursegen.build_manifest import MANIFEST

pytestmark = pytest.mark.slow  # builds handouts, decks and packages

def coursegen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursegen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_clean_with_the_course_folder_as_out_is_refused_and_the_course_kept(
    starter_course: Path,
) -> None:
    first = coursegen("build", "--out", ".", "--only", "lms", cwd=starter_course)
    assert first.returncode == 0, first.stderr
    before = {name: data for name, data in contents(starter_course).items()
              if name.endswith(".yaml")}
    cleaned = coursegen("build", "--out", ".", "--clean", "--only", "lms", cwd=starter_course)
    assert cleaned.returncode == 2
    assert "holds the course itself" in cleaned.stderr
    assert "Traceback" not in cleaned.stderr
    after = contents(starter_course)
    assert {name: after.get(name) for name in before} == before
    assert (starter_course / "lms" / "getting-started.gift").is_file()


def test_clean_of_an_out_folder_holding_other_files_removes_nothing(
    starter_course: Path, tmp_path: Path,
) -> None:
    desk = tmp_path / "desk"
    (desk / "photos").mkdir(parents=True)
    (desk / "thesis.docx").write_bytes(b"PK\x03\x04 a thesis")
    (desk / "photos" / "raid.jpg").write_bytes(b"\xff\xd8 a photo")
    assert coursegen("build", "--out", str(desk), "--only", "lms",
                     str(starter_course)).returncode == 0
    before = contents(desk)
    cleaned = coursegen("build", "--out", str(desk), "--clean", "--only", "lms",
                        str(starter_course))
    assert cleaned.returncode == 2
    assert "holds 2 files coursegen did not write (photos/raid.jpg, thesis.docx)" \
        in cleaned.stderr
    assert contents(desk) == before


def test_clean_of_one_target_keeps_the_other_targets_outputs(starter_course: Path) -> None:
    assert coursegen("build", "-j", "1", "--only", "decks,lms",
                     str(starter_course)).returncode == 0
    out = starter_course / "build"
    decks = contents(out / "decks")
    gift = out / "lms" / "getting-started.gift"
    gift.write_text("stale")  # as an older build left it
    cleaned = coursegen("build", "--clean", "--only", "lms", str(starter_course))
    assert cleaned.returncode == 0, cleaned.stderr
    assert contents(out / "decks") == decks
    assert gift.read_text() != "stale"
    again = coursegen("build", "-j", "1", "--only", "decks,lms", str(starter_course))
    assert again.stdout.splitlines()[-1].startswith("0 built (0 files), 3 up to date")


def test_clean_removes_what_earlier_builds_wrote_under_other_names(starter_course: Path) -> None:
    assert coursegen("build", "--only", "lms", str(starter_course)).returncode == 0
    lms = starter_course / "build" / "lms"
    course_yaml = starter_course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("id: my-course", "id: evidence"))
    assert coursegen("build", "--only", "lms", str(starter_course)).returncode == 0
    assert (lms / "my-course-scorm12.zip").is_file()  # the old name, left by the rename
    # A job that fails half way has still written files: coursegen knows them too.
    (starter_course / "templates" / "site").mkdir(parents=True)
    # (an attribute no course has: `check` cannot see it, the build fails half way)
    (starter_course / "templates" / "site" / "lesson.html").write_text("{{ course.no_such }}")
    failed = coursegen("build", "--only", "site", str(starter_course))
    assert failed.returncode == 1
    assert (starter_course / "build" / "site" / "index.html").is_file()
    cleaned = coursegen("build", "--clean", "--only", "lms", str(starter_course))
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (lms / "my-course-scorm12.zip").exists()
    assert (lms / "evidence-scorm12.zip").is_file()


def test_clean_with_a_broken_course_removes_nothing(starter_course: Path) -> None:
    assert coursegen("build", "--only", "lms", str(starter_course)).returncode == 0
    out = starter_course / "build"
    before = contents(out)
    lesson = starter_course / "modules/getting-started/02-safeguards.yaml"
    lesson.write_text(lesson.read_text().replace("duration: 25", "duration: soon"))
    cleaned = coursegen("build", "--clean", "--only", "lms", str(starter_course))
    assert cleaned.returncode == 1
    assert "nothing was written" in cleaned.stderr
    assert contents(out) == before


def test_clean_never_reaches_outside_the_out_folder(starter_course: Path) -> None:
    assert coursegen("build", "--only", "lms", str(starter_course)).returncode == 0
    manifest = starter_course / "build" / MANIFEST
    entries = json.loads(manifest.read_text())
    entries["lms:(course)"]["outputs"].append("../course.yaml")  # a manifest edited by hand
    manifest.write_text(json.dumps(entries))
    course_yaml = (starter_course / "course.yaml").read_bytes()
    cleaned = coursegen("build", "--clean", "--only", "lms", str(starter_course))
    assert cleaned.returncode == 0, cleaned.stderr
    assert (starter_course / "course.yaml").read_bytes() == course_yaml


def read_only(folder: Path) -> list[str]:
    """Make the folder read-only for the command that follows the returned prefix."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    # Permissions do not stop root: mount the folder read-only in a mount namespace of its own.
    prefix = ["unshare", "-m", "sh", "-c",
              'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"', str(folder)]
    if shutil.which("unshare") is None or subprocess.run([*prefix, "true"]).returncode != 0:
        pytest.skip("cannot make a folder read-only here")
    return prefix


@pytest.mark.skipif(os.name != "posix", reason="read-only folders are made the POSIX way")
def test_clean_of_a_read_only_folder_is_a_clear_error(starter_course: Path) -> None:
    assert coursegen("build", "--only", "lms", str(starter_course)).returncode == 0
    lms = starter_course / "build" / "lms"
    before = contents(lms)
    prefix = read_only(lms)
    try:
        cleaned = subprocess.run([*prefix, sys.executable, "-m", "coursegen", "build", "--clean",
                                  "--only", "lms", str(starter_course)],
                                 capture_output=True, text=True, timeout=300)
    finally:
        lms.chmod(0o755)
    assert cleaned.returncode == 1
    assert "internal error" not in cleaned.stderr
    assert f"coursegen: cannot remove {lms}/" in cleaned.stderr
    assert "; make the folder writable or choose another --out" in cleaned.stderr
    assert contents(lms) == before
