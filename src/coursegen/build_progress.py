"""How a build reports progress: a live bar on a terminal, plain lines in a log."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol

import click

from coursegen.build_jobs import BuildResult, Job, JobOutcome

if TYPE_CHECKING:
    from rich.console import Console


class BuildProgress(Protocol):
    """What the build tells whoever is watching."""

    def start(self, total: int, skipped: int) -> None:
        """The build is about to run `total` jobs; `skipped` are up to date."""

    def begin(self, job: Job) -> None:
        """A job has started."""

    def finish_job(self, outcome: JobOutcome) -> None:
        """A job has finished (or failed)."""

    def close(self) -> None:
        """The build is over."""


class PlainProgress:
    """One line per finished job, for CI logs and pipes."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.done = self.total = 0

    def start(self, total: int, skipped: int) -> None:
        """Announce the work."""
        self.total = total
        if not self.quiet:
            click.echo(f"building {total} target{'s' * (total != 1)} ({skipped} up to date)")

    def begin(self, job: Job) -> None:
        """Say which job started, in verbose mode."""
        if self.verbose:
            click.echo(f"  start {job.key}")

    def finish_job(self, outcome: JobOutcome) -> None:
        """One line per job: its place, name, time, and the error if it failed."""
        self.done += 1
        if outcome.error:
            click.echo(
                f"[{self.done}/{self.total}] FAILED {outcome.job.key}: {outcome.error}", err=True
            )
        elif not self.quiet:
            files = len(outcome.outputs)
            click.echo(
                f"[{self.done}/{self.total}] {outcome.job.key}: {files} "
                f"file{'s' * (files != 1)} in {outcome.seconds:.1f}s"
            )
            if self.verbose:
                for path in outcome.outputs:
                    click.echo(f"    {path}")

    def close(self) -> None:
        """Nothing to tear down."""


class BarProgress(PlainProgress):
    """A rich progress bar naming the current target, for an interactive terminal."""

    def __init__(self, verbose: bool = False, console: Console | None = None) -> None:
        super().__init__(quiet=False, verbose=verbose)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        # Job keys and error texts are shown as written: no [markup], no :emoji: codes.
        self.progress = Progress(
            TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
            transient=True, console=console or Console(emoji=False, highlight=False),
        )
        self.task = None

    def start(self, total: int, skipped: int) -> None:
        """Show the bar."""
        self.total = total
        if total:
            self.progress.start()
            self.task = self.progress.add_task(f"building ({skipped} up to date)", total=total)

    def begin(self, job: Job) -> None:
        """Name the job being built."""
        if self.task is not None:
            self.progress.update(self.task, description=f"building {job.key}")

    def finish_job(self, outcome: JobOutcome) -> None:
        """Advance the bar; print failures above it."""
        from rich.markup import escape

        self.done += 1
        if outcome.error:
            self.progress.console.print(
                f"[red]FAILED[/red] {escape(outcome.job.key)}: {escape(outcome.error)}",
                markup=True, emoji=False, highlight=False, soft_wrap=True,  # paths stay whole
            )
        elif self.verbose:
            self.progress.console.print(f"{outcome.job.key}: {outcome.seconds:.1f}s",
                                        markup=False, emoji=False, highlight=False, soft_wrap=True)
        if self.task is not None:
            self.progress.update(self.task, advance=1, description=f"built {outcome.job.key}")

    def close(self) -> None:
        """Remove the bar."""
        if self.task is not None:
            self.progress.stop()


def choose_progress(quiet: bool, verbose: bool) -> PlainProgress:
    """A bar on an interactive terminal, plain lines otherwise (or nothing when quiet)."""
    if not quiet and sys.stdout.isatty():
        return BarProgress(verbose)
    return PlainProgress(quiet, verbose)


def summary_line(result: BuildResult) -> str:
    """The final line: built, up to date, failed, and the time taken."""
    files = sum(len(o.outputs) for o in result.built)
    return (
        f"{len(result.built)} built ({files} files), {len(result.skipped)} up to date, "
        f"{len(result.failed)} failed in {result.seconds:.1f}s"
    )
