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


def load_quiz_module(directory: Path, module_id: str, language: str | None = None):
    """The course and the module whose quiz is asked for; the bank must pass its checks.

    With `language`, the course is translated from its catalogs (English where a
    translation is missing); question ids stay, so results are one cohort."""
    from coursegen.checks import check_course
    from coursegen.load import load_course

    course = load_course(directory)
    module = quiz_module(course, module_id)
    # Only problems in this bank stop a quiz: a draft lesson elsewhere must not block learners.
    problems = [d for d in check_course(course) if d.severity == "error"
                and d.location is not None and d.location.file == module.bank.file]
    if problems:
        raise CourseInvalid(problems)
    if language is not None:
        from coursegen.translation.content_apply import in_language

        course = in_language(course, language)
        module = course.module(module.id)
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
@click.option("--lang", "language", metavar="LANG",
              help="Take the quiz in this language (from translations/LANG/; English where "
                   "a translation is missing).")
@DB_OPTION
def quiz(module_id: str, directory: Path, practice: bool, seed: int | None, form: str | None,
         learner: str | None, time_limit: float | None, certificate: Path | None,
         language: str | None, db: str | None) -> None:
    """Take MODULE's quiz in the terminal; an interrupted attempt resumes where it stopped."""
    from rich.console import Console

    from coursegen.attempts.store import open_store
    from coursegen.i18n.ui import course_language
    from coursegen.terminal.direction import require_readable_direction
    from coursegen.terminal.runner import QuizOptions, QuizRun

    course, module = load_quiz_module(directory, module_id, language)
    console = Console(highlight=False)
    require_readable_direction(course_language(course), str(directory), console.is_terminal)
    store = open_store(db)
    options = QuizOptions(practice=practice, seed=seed, form=form or "exam",
                          learner=learner.strip() if learner else None,
                          time_limit=time_limit, certificate=certificate)
    try:
        record = QuizRun(course, module, store, options, console).run()
    finally:
        store.close()
    sys.exit(0 if record.passed or record.practice else 3)


@click.command()
@click.argument("module_id", metavar="MODULE")
@click.argument("responses", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results CSV here (default: print it).")
@click.option("--form", type=click.Choice(["pre", "post"]),
              help="The printed test the responses answer (needed to store them with --db).")
@click.option("--session", help="Session code to store the paper attempts under.")
@click.option("--date", "taken", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
              help="When the paper was taken (YYYY-MM-DD; default now).")
@DB_OPTION
def grade(module_id: str, responses: Path, directory: Path, output: Path | None,
          form: str | None, session: str | None, taken: dt.datetime | None,
          db: str | None) -> None:
    """Score RESPONSES (CSV: a learner column, one column per printed question id, answers as
    printed) for MODULE; with --db and --form, store each row as a paper attempt."""
    from coursegen.attempts.csv_export import csv_text
    from coursegen.output import write_text
    from coursegen.quiz.batch import grade_file, results_table

    if db and not form:
        raise UsageError("storing paper attempts needs the form they answer: add --form pre "
                         "or --form post")
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
    if db:
        stored = _store_papers(course, module, batch, form, session, taken, db)
        click.echo(f"stored {stored} paper attempt{'s' * (stored != 1)} ({form}-test)",
                   err=True)
    sys.exit(1 if batch.skipped else 0)


def _store_papers(course, module, batch, form: str, session: str | None,
                  taken: dt.datetime | None, db: str) -> int:
    from coursegen.attempts.lifecycle import record_paper
    from coursegen.attempts.store import open_store

    when = taken.astimezone(dt.UTC) if taken else None
    store = open_store(db)
    try:
        for row in batch.graded:
            record_paper(store, course, module, row.learner, form, row.responses, when, session)
    finally:
        store.close()
    return len(batch.graded)


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


@click.command()
@click.argument("module_id", metavar="MODULE")
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--form", type=click.Choice(["pre", "post"]), default="post", show_default=True,
              help="Which printed test.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default DIRECTORY/build); the PDF goes in its handouts/.")
@click.option("--paper", "paper_size", type=click.Choice(["A4", "Letter"]),
              help="Paper size (default: the course's).")
def paper(module_id: str, directory: Path, form: str, out: Path | None,
          paper_size: str | None) -> None:
    """Print MODULE's pre- or post-test: the questions with their ids and a grading grid."""
    from coursegen.render.options import RenderOptions
    from coursegen.render.paper import render_papers

    course, _ = load_quiz_module(directory, module_id)
    options = RenderOptions(modules=(module_id,), course_outputs=False, paper=paper_size)
    written = render_papers(course, out or directory / "build", options, forms=(form,))
    if not written:
        raise UsageError(f"the question bank of '{module_id}' has no {form}-test form; add "
                         f"forms.{form} to {course.module(module_id).bank.file}")
    click.echo(f"{form}-test written to {written[0]}")
