"""`coursegen export FORMAT MODULE [DIR]`: one LMS file for one module."""

from __future__ import annotations

from pathlib import Path

import click

from coursegen.errors import UsageError

FORMAT_NAMES = ("scorm12", "gift", "moodle-xml", "qti21")


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMAT_NAMES))
@click.argument("module_id", metavar="MODULE")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write to (default: DIR/build/lms).")
def export(fmt: str, module_id: str, directory: Path, out: Path | None) -> None:
    """Export one module as a SCORM 1.2 package, GIFT, Moodle XML or a QTI 2.1 package."""
    from coursegen.export.lms import export_module
    from coursegen.load import load_checked

    course, diagnostics = load_checked(directory)
    try:
        module = course.module(module_id)
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None
    folder = out if out is not None else course.root / "build" / "lms"
    written, warnings = export_module(course, module, fmt, folder)
    for diagnostic in [*diagnostics, *warnings]:
        click.echo(str(diagnostic), err=True)
    if written is None:
        raise UsageError(f"module '{module_id}' has no question bank to export as {fmt}")
    click.echo(f"wrote {written} ({len(warnings)} export warning{'s' * (len(warnings) != 1)})")
