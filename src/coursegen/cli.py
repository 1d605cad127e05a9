"""The `coursegen` command line: each command parses its options and calls the library.

Heavy libraries (python-pptx, WeasyPrint) are imported inside the commands
that need them, never at start-up.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from coursegen import __version__
from coursegen.errors import CoursegenError, CourseInvalid, Diagnostic

COURSE_DIR = click.Path(file_okay=False, path_type=Path)


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


class _Group(click.Group):
    """Turns coursegen errors into one-line messages and exit codes, never tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CourseInvalid as error:
            _print_diagnostics(error.diagnostics)
            click.echo(f"coursegen: {_summary(error.diagnostics)}; nothing was written", err=True)
            ctx.exit(error.exit_code)
        except CoursegenError as error:
            click.echo(f"coursegen: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("coursegen: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:  # the last guard: a bug must not show a traceback
            if os.environ.get("COURSEGEN_DEBUG"):
                raise
            click.echo(
                f"coursegen: internal error: {type(error).__name__}: {error} "
                "(set COURSEGEN_DEBUG=1 for details and please report it)",
                err=True,
            )
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coursegen")
def cli() -> None:
    """Write a training course once in YAML; build decks, handouts, quizzes and LMS packages."""


@cli.command()
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of source texts: check every figure against them.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def check(directory: Path, strict: bool, sources_dir: Path | None, output_format: str) -> None:
    """Load the course, run the content rules, and report every problem."""
    from coursegen.checks import check_course
    from coursegen.load import read_course

    course, diagnostics = read_course(directory)
    if course is not None:
        diagnostics = diagnostics + check_course(course)
        if (course.root / "translations").is_dir():
            from coursegen.translation.catalog_checks import check_catalogs

            diagnostics += check_catalogs(course)
        if sources_dir is not None:
            from coursegen.sourcecheck import check_against_sources

            diagnostics += check_against_sources(course, sources_dir)
    failed = any(d.severity == "error" or strict for d in diagnostics) or course is None
    if output_format == "json":
        click.echo(
            json.dumps(
                {"ok": not failed, "diagnostics": [d.as_dict() for d in diagnostics]}, indent=2
            )
        )
    else:
        _print_diagnostics(diagnostics)
        verdict = "failed" if failed else "ok"
        click.echo(f"{verdict}: {_summary(diagnostics)}", err=failed)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--only", help="Comma-separated targets: decks,handouts,site,lms (a plain "
              "build), papers (printed pre- and post-tests, on demand).")
@click.option("--module", "modules", multiple=True, help="Build only this module (repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel workers (default: cores).")
@click.option("--clean", is_flag=True,
              help="Remove the files earlier builds wrote for these targets, then rebuild them.")
@click.option("--no-notes", is_flag=True, help="Leave speaker notes out of the decks.")
@click.option("--paper", type=click.Choice(["A4", "Letter"]), help="Handout paper size.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--lang", "languages", multiple=True, metavar="LANG",
              help="Build in this language (repeatable) from translations/LANG/, into "
                   "build/LANG/; default and 'all': the course's language into build/ and "
                   "every language course.yaml lists under 'languages'.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Print every file written.")
def build(
    directory: Path,
    only: str | None,
    modules: tuple[str, ...],
    out: Path | None,
    jobs: int | None,
    clean: bool,
    no_notes: bool,
    paper: str | None,
    strict: bool,
    languages: tuple[str, ...],
    quiet: bool,
    verbose: bool,
) -> None:
    """Check the course, then build what changed into DIRECTORY/build (and build/LANG/)."""
    from coursegen.build import build as run_build
    from coursegen.build_progress import choose_progress, summary_line
    from coursegen.load import course_languages
    from coursegen.render.options import RenderOptions

    targets = [t.strip() for t in only.split(",") if t.strip()] if only else None
    options = RenderOptions(modules=modules or None, notes=not no_notes, paper=paper)
    listed = course_languages(directory)
    wanted = listed if not languages or "all" in languages else list(dict.fromkeys(languages))
    failed = False
    for language in wanted or [None]:
        progress = choose_progress(quiet, verbose)
        try:
            result = run_build(directory, out, targets, options, strict, jobs, clean, progress,
                               language=language)
        finally:
            progress.close()
        _print_diagnostics(result.diagnostics)  # even when quiet: warnings are problems
        prefix = f"{language}: " if len(wanted) > 1 and language else ""
        click.echo(prefix + summary_line(result))
        if result.translation is not None:
            from coursegen.translation.content_apply import coverage_line

            click.echo(coverage_line(result.translation))
        if strict and result.diagnostics:
            count = len(result.diagnostics)
            click.echo(f"coursegen: --strict fails on warnings, and this build raised {count}",
                       err=True)
        failed = failed or bool(result.failed) or (strict and bool(result.diagnostics))
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--only", help="Comma-separated targets: decks,handouts,site,lms (a plain "
              "build), papers (printed pre- and post-tests, on demand).")
@click.option("--module", "modules", multiple=True, help="Build only this module (repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel workers (default: cores).")
def watch(
    directory: Path, only: str | None, modules: tuple[str, ...], out: Path | None, jobs: int | None
) -> None:
    """Build, then rebuild what changed each time a course file is saved (Ctrl-C stops)."""
    from coursegen.build import build as run_build
    from coursegen.build import preload_renderers
    from coursegen.build_progress import PlainProgress, summary_line
    from coursegen.render.options import RenderOptions
    from coursegen.watch import changes, snapshot, take_ctrl_c

    take_ctrl_c()
    targets = [t.strip() for t in only.split(",") if t.strip()] if only else None
    options = RenderOptions(modules=modules or None)

    def rebuild() -> None:
        try:
            result = run_build(
                directory, out, targets, options, False, jobs, False, PlainProgress()
            )
        except CourseInvalid as error:  # keep watching: the next save may fix it
            _print_diagnostics(error.diagnostics)
            click.echo(f"coursegen: {_summary(error.diagnostics)}; nothing was written", err=True)
            return
        _print_diagnostics(result.diagnostics)
        click.echo(summary_line(result))

    before = snapshot(directory.resolve())  # taken first, so a save during the build counts
    rebuild()
    preload_renderers(targets)
    click.echo(f"watching {directory.resolve()} for changes (Ctrl-C to stop)")
    for changed in changes(directory.resolve(), before):
        click.echo(f"changed: {', '.join(changed)}")
        rebuild()


@cli.command()
@click.argument(
    "kind", type=click.Choice(["lesson", "module", "quiz", "course", "sources"]), default="lesson"
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a course file kind, for editor autocompletion."""
    from coursegen.schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
def new(directory: Path) -> None:
    """Create a small working course in DIRECTORY to start from."""
    from coursegen.scaffold import create_course

    written = create_course(directory)
    click.echo(f"created {len(written)} files in {directory}; next: coursegen check {directory}")


from coursegen.cli_quiz import grade, paper, quiz, results  # noqa: E402

cli.add_command(quiz)
cli.add_command(grade)
cli.add_command(paper)
cli.add_command(results)

from coursegen.cli_certificate import certificate  # noqa: E402

cli.add_command(certificate)

from coursegen.cli_export import export  # noqa: E402

cli.add_command(export)

from coursegen.cli_stats import stats  # noqa: E402

cli.add_command(stats)

from coursegen.cli_serve import serve  # noqa: E402

cli.add_command(serve)

from coursegen.cli_translate import translate  # noqa: E402

cli.add_command(translate)


def main() -> None:
    """Entry point of the `coursegen` console script."""
    cli(prog_name="coursegen")
