"""`coursegen translate extract|status|import`: the catalogs translators work in."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coursegen.errors import UsageError

COURSE_DIR = click.Path(file_okay=False, path_type=Path)


def target_languages(course: object, asked: tuple[str, ...]) -> list[str]:
    """The languages asked for; "all" (or nothing) means every language course.yaml lists
    under `languages:` other than its own `language:`."""
    info = course.info
    listed = [lang for lang in info.languages if lang != info.language]
    if not asked or "all" in asked:
        if not listed:
            raise UsageError("course.yaml lists no further languages; add e.g. "
                             "'languages: [fr, ar]' or give --lang fr")
        return listed
    return list(dict.fromkeys(asked))


@click.group()
def translate() -> None:
    """Catalogs for translators: extract the course's strings, see what is translated."""


@translate.command()
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--lang", "languages", multiple=True, metavar="LANG",
              help="Language to extract for (repeatable); 'all' or none: every language "
                   "listed in course.yaml 'languages'.")
def extract(directory: Path, languages: tuple[str, ...]) -> None:
    """Write or update translations/LANG/<module>.po and .xlf, keeping every translation."""
    from coursegen.load import load_course_located
    from coursegen.translation.content_extract import extract as run_extract

    course, locations = load_course_located(directory)
    for language in target_languages(course, languages):
        updates = run_extract(course, language, locations)
        strings = sum(u.strings for u in updates)
        written = sum(len(u.written) for u in updates)
        new = sum(u.new for u in updates)
        changed = sum(u.changed for u in updates)
        obsolete = sum(u.obsoleted for u in updates)
        from coursegen.translation.catalog_files import shown

        folder = shown(updates[0].po.parent) if updates else directory
        click.echo(f"{language}: {strings} strings in {len(updates)} catalogs under {folder}; "
                   f"{new} new, {changed} to review, {obsolete} now obsolete; "
                   f"{written} file{'s' * (written != 1)} written")


@translate.command(name="import")
@click.argument("xliff_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("directory", type=COURSE_DIR, default=".")
def import_xliff(xliff_file: Path, directory: Path) -> None:
    """Bring the translations of an XLIFF file back from a CAT tool into its PO catalog."""
    from coursegen.load import load_course
    from coursegen.translation.catalog_import import import_xliff as run_import

    course = load_course(directory)
    result = run_import(course, xliff_file)
    for warning in result.warnings:
        click.echo(warning, err=True)
    from coursegen.translation.catalog_files import shown

    click.echo(f"{shown(result.po)}: {result.updated} translation"
               f"{'s' * (result.updated != 1)} imported, {result.unchanged} units without "
               "a new translation")


@translate.command()
@click.argument("directory", type=COURSE_DIR, default=".")
@click.option("--lang", "languages", multiple=True, metavar="LANG",
              help="Language to report (repeatable); default: every language with catalogs "
                   "or listed in course.yaml.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table")
def status(directory: Path, languages: tuple[str, ...], output_format: str) -> None:
    """Per module and language: strings translated, needing review, and missing."""
    from coursegen.load import load_course
    from coursegen.translation.content_status import course_status, status_languages

    course = load_course(directory)
    wanted = status_languages(course, languages)
    if not wanted:
        raise UsageError("no translations yet: course.yaml lists no 'languages' and there is "
                         "no translations/ folder; start with 'coursegen translate extract "
                         "--lang fr'")
    rows = course_status(course, wanted)
    if output_format == "json":
        click.echo(json.dumps([row.as_dict() for row in rows], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Translation status",
                  caption="catalogs: translations/<language>/<catalog>.po")
    for column in ("language", "catalog", "status", "strings", "translated", "review",
                   "missing"):
        numeric = column in ("strings", "translated", "review", "missing")
        table.add_column(column, justify="right" if numeric else "left",
                         no_wrap=column == "catalog")
    for row in rows:
        table.add_row(row.language, row.catalog, row.status, str(row.strings),
                      str(row.translated), str(row.review), str(row.missing),
                      end_section=row.catalog == "total")
    Console(width=max(Console().width, 100)).print(table)
