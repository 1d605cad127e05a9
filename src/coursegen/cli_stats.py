"""`coursegen stats`: item statistics, reliability, mastery and learning gain of a module's quiz."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from coursegen.errors import UsageError

COURSE_DIR = click.Path(file_okay=False, path_type=Path)
FORMATS = ("table", "csv", "json", "html", "pdf")


@click.command()
@click.argument("module_id", metavar="MODULE")
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--db", help="Attempts database: a file path or a URL (postgresql+psycopg://...); "
                           "default $COURSEGEN_DB, else a file in your user data folder.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
              help="Only attempts started on or after this date (YYYY-MM-DD).")
@click.option("--session", "session_code", metavar="CODE",
              help="Only attempts started in this web session code.")
@click.option("--all-attempts", is_flag=True,
              help="Use every finished attempt, not only each learner's first at each test.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table",
              help="table (terminal), csv (one row per question), json, or an html/pdf report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write; default: standard output, or "
                   "DIRECTORY/build/stats/MODULE.html|pdf for reports.")
def stats(module_id: str, directory: Path, db: str | None, since: dt.datetime | None,
          session_code: str | None, all_attempts: bool,
          output_format: str, output: Path | None) -> None:
    """Show what to fix in MODULE's question bank and how much learners gained."""
    from coursegen.attempts.store import open_store
    from coursegen.cli_quiz import quiz_module
    from coursegen.load import load_course
    from coursegen.stats.analysis import analyse
    from coursegen.stats.load import load_matrix

    course = load_course(directory)
    module = quiz_module(course, module_id)
    since_utc = since.astimezone(dt.UTC) if since else None
    store = open_store(db)
    try:
        if session_code:
            from coursegen.attempts.sessions import SessionBook

            if SessionBook(store).session(session_code) is None:
                raise UsageError(f"there is no session '{session_code}' in {store.display_url}; "
                                 "the trainer creates session codes in `coursegen serve`")
        matrix = load_matrix(store, module.id, module.bank, since_utc, session_code,
                             first_only=not all_attempts)
    finally:
        store.close()
    pass_mark = course.pass_mark(module)
    result = analyse(matrix, pass_mark)
    filters = {"module": module.id, "module_title": module.title,
               "since": since.date().isoformat() if since else None,
               "session": session_code.upper() if session_code else None,
               "first_only": not all_attempts, "pass_mark": pass_mark}
    _emit(course, module, result, filters, output_format, output, directory)


def _emit(course, module, result, filters, output_format: str, output: Path | None,
          directory: Path) -> None:
    if output_format == "table":
        from rich.console import Console

        from coursegen.stats.table import print_stats

        heading = f"{module.title} ({module.id}): quiz statistics"
        print_stats(result, heading, Console(highlight=False, width=120))
        return
    if output_format in ("html", "pdf"):
        from coursegen.stats.report import write_report

        target = output or directory / "build" / "stats" / f"{module.id}.{output_format}"
        write_report(course, module, result, filters, target, pdf=output_format == "pdf")
        click.echo(f"report written to {target}")
        return
    from coursegen.stats.export import stats_csv, stats_json

    text = stats_csv(result) if output_format == "csv" else stats_json(result, filters)
    if output:
        from coursegen.output import write_text

        write_text(output, text)
        click.echo(f"statistics written to {output}", err=True)
    else:
        click.echo(text, nl=False)
