"""A build's warnings are shown every time, with -q too, and fail a --strict build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GIFT_WARNING = ("quizzes/getting-started.yaml:85:5: questions[6]: warning: question "
                "'safeguard-order': GIFT cannot express ordering questions")


def build(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursegen", "build", "-j", "1", "--only", "lms",
                           *args, str(course)], capture_output=True, text=True, timeout=300)


def test_quiet_keeps_the_warnings(starter_course: Path) -> None:
    quiet = build(starter_course, "-q")
    assert quiet.returncode == 0, quiet.stderr
    assert GIFT_WARNING in quiet.stderr
    assert quiet.stdout.splitlines() == [quiet.stdout.splitlines()[-1]]  # only the summary


def test_strict_fails_on_a_warning_the_build_raises(starter_course: Path) -> None:
    strict = build(starter_course, "--strict")
    assert strict.returncode == 1
    assert GIFT_WARNING in strict.stderr
    assert "coursegen: --strict fails on warnings, and this build raised 3" in strict.stderr


def test_the_warnings_of_up_to_date_jobs_are_shown_again(starter_course: Path) -> None:
    assert GIFT_WARNING in build(starter_course).stderr
    again = build(starter_course)
    assert again.stdout.splitlines()[-1].startswith("0 built (0 files), 2 up to date, 0 failed")
    assert GIFT_WARNING in again.stderr
    strict = build(starter_course, "--strict")
    assert strict.stdout.splitlines()[-1].startswith("0 built (0 files), 2 up to date")
    assert strict.returncode == 1


def test_the_course_checks_warnings_are_shown_again(starter_course: Path) -> None:
    lesson = starter_course / "modules/getting-started/02-safeguards.yaml"
    lesson.write_text(lesson.read_text().replace("review_by: 2030-01-01",
                                                 "review_by: 2020-01-01"))
    overdue = ("modules/getting-started/02-safeguards.yaml:5:12: review_by: warning: content "
               "was due for review on 2020-01-01")
    assert overdue in build(starter_course).stderr
    again = build(starter_course)
    assert again.stdout.splitlines()[-1].startswith("0 built (0 files), 2 up to date")
    assert overdue in again.stderr
    strict = build(starter_course, "--strict")
    assert strict.returncode == 1
    assert overdue in strict.stderr
    assert "nothing was written" in strict.stderr
