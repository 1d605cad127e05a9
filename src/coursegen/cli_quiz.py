"""The quiz commands: `quiz` (take a module's quiz), `grade` (score a CSV), `results` (list)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from coursegen.errors import CourseInvalid, UsageError

COURSE_DIR = click.Path(file_okay=False, path_type=Path)
DB_OPTION = click.option(
    "--db", help="Attempts database: a file path or a URL (postgresql+psycopg://user@host/db); "
                 "default $COURSEGEN_DB, else a file in your user data folder.")


def quiz_module(course, module_id: str):
    """The module with this id, which must have a question bank; else a one-line usage error."""
    try:
        module = course.module(module_id)
    except KeyError as error:
        raise UsageError(error.args[0]) from None
    if module.bank is None:
        raise UsageError(f"module '{module_id}' has no question bank; add quizzes/{module_id}.yaml")
    return module


def load_quiz_module(directory: Path, module_id: str):
    """The course and the module whose quiz is asked for; the bank must pass its checks."""
    from coursegen.checks import check_course
    from coursegen.load import load_course

    course = load_course(directory)
    module = quiz_module(course, module_id)
    # Only problems in this bank stop a quiz: a draft lesson elsewhere must not block learners.
    problems = [d for d in check_course(course) if d.severity == "error"
                and d.location is not None and d.location.file == module.bank.file]
    if problems:
        raise CourseInvalid(problems)
    return course, module


@click.command()
@click.argument("module_id", metavar="MODULE")
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--practice", is_flag=True, help="Practice: feedback after each answer, no time "
              "limit, not counted as an attempt.")
@click.option("--seed", type=int, help="Seed for drawing and shuffling (reproduces an attempt).")
@click.option("--pre", "form", flag_value="pre", help="Take the pre-test form.")
@click.option("--post", "form", flag_value="post", help="Take the post-test form.")
@click.option("--learner", help="Learner name or ID (asked for if not given).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), metavar="MINUTES",
              help="Override the bank's time limit, e.g. extra time as an accommodation.")
@click.option("--certificate", type=click.Path(dir_okay=False, path_type=Path),
              help="On a pass, write a PDF certificate here.")
@DB_OPTION
def quiz(module_id: str, directory: Path, practice: bool, seed: int | None, form: str | None,
         learner: str | None, time_limit: float | None, certificate: Path | None,
         db: str | None) -> None:
    """Take MODULE's quiz in the terminal; an interrupted attempt resumes where it stopped."""
    from rich.console import Console

    from coursegen.attempts.store import open_store
    from coursegen.terminal.runner import QuizOptions, QuizRun

    course, module = load_quiz_module(directory, module_id)
    store = open_store(db)
    options = QuizOptions(practice=practice, seed=seed, form=form or "exam",
                          learner=learner.strip() if learner else None,
                          time_limit=time_limit, certificate=certificate)
    try:
        record = QuizRun(course, module, store, options, Console(highlight=False)).run()
    finally:
        store.close()
    sys.exit(0 if record.passed or record.practice else 3)


@click.command()
@click.argument("module_id", metavar="MODULE")
@click.argument("responses", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results CSV here (default: print it).")
def grade(module_id: str, responses: Path, directory: Path, output: Path | None) -> None:
    """Score RESPONSES (CSV: a learner column, one column per question id) for MODULE."""
    from coursegen.attempts.csv_export import csv_text
    from coursegen.output import write_text
    from coursegen.quiz.batch import grade_file, results_table

    course, module = load_quiz_module(directory, module_id)
    batch = grade_file(course, module, responses)
    for skipped in batch.skipped:
        click.echo(skipped.message, err=True)
    text = csv_text(*results_table(batch))
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)
    passed = sum(row.result.passed for row in batch.graded)
    summary = (f"graded {len(batch.graded)} row{'s' * (len(batch.graded) != 1)} "
               f"({passed} passed), skipped {len(batch.skipped)}")
    click.echo(summary + (f"; results in {output}" if output else ""), err=True)
    sys.exit(1 if batch.skipped else 0)


@click.command()
@click.option("--module", "module_id", help="Only this module.")
@click.option("--learner", help="Only this learner.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
              help="Only attempts started on or after this date (YYYY-MM-DD).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table")
@click.option("--certificate", "certificate_id", type=int, metavar="ATTEMPT_ID",
              help="Write the PDF certificate of this passed attempt.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the certificate (default certificate-ATTEMPT_ID.pdf) "
                   "or the CSV/JSON export.")
@click.option("--verify", "code", help="Check a certificate's verification code.")
@click.option("--course", "course_dir", type=COURSE_DIR,
              help="Course folder whose templates/certificate/ overrides the built-in template.")
@DB_OPTION
def results(module_id: str | None, learner: str | None, since: dt.datetime | None,
            output_format: str, certificate_id: int | None, output: Path | None,
            code: str | None, course_dir: Path | None, db: str | None) -> None:
    """List quiz attempts (filter by module, learner, date) or export them as CSV/JSON."""
    from coursegen.attempts.listing import attempts_csv, attempts_json, attempts_table
    from coursegen.attempts.store import open_store

    store = open_store(db)
    try:
        if certificate_id is not None:
            from coursegen.attempts.certificate import render_certificate

            target = output or Path(f"certificate-{certificate_id}.pdf")
            render_certificate(store.get(certificate_id), target, course_dir)
            click.echo(f"certificate written to {target}")
            return
        if code:
            record = store.find_by_code(code)
            if record is None:
                raise UsageError(f"no finished attempt has the verification code {code}")
            from coursegen.attempts.certificate import certifies

            kind = "practice" if record.practice else record.form
            click.echo(f"valid: attempt {record.id}, {record.learner}, {record.module_title}, "
                       f"{record.percent:.0f} %, {'passed' if record.passed else 'not passed'}, "
                       f"finished {record.finished_at:%Y-%m-%d %H:%M} UTC"
                       + ("" if certifies(record) else f"; a {kind} attempt, which gives "
                          "no certificate"))
            return
        since_utc = since.astimezone(dt.UTC) if since else None
        records = store.list_attempts(module_id, learner, since_utc)
    finally:
        store.close()
    if output_format == "table":
        from rich.console import Console

        Console(highlight=False).print(attempts_table(records))
        return
    text = attempts_csv(records) if output_format == "csv" else json.dumps(
        attempts_json(records), indent=2, ensure_ascii=False) + "\n"
    if output:
        from coursegen.output import write_text

        write_text(output, text)
        click.echo(f"{len(records)} attempts written to {output}", err=True)
    else:
        click.echo(text, nl=False)
