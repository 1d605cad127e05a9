"""The terminal view of `coursegen stats`: rich tables a trainer reads to fix the question bank."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from coursegen.stats.analysis import FormStats, ModuleStats
from coursegen.stats.wording import number, pct, reliability_verdict, share, signed


def print_stats(stats: ModuleStats, heading: str, console: Console) -> None:
    """Print every form's summary, items, objectives and flags, then the learning gain."""
    console.print(Text(heading, style="bold"))
    if not stats.forms:
        console.print("No finished attempts match; nothing to analyse yet.")
        return
    for form in stats.forms:
        console.print(_form_view(form))
    if stats.gain is not None:
        console.print(_gain_table(stats))


def _form_view(form: FormStats) -> Group:
    o = form.overall
    summary = Table(title=f"{form.title}: {o.attempts} attempt{'s' * (o.attempts != 1)}",
                    show_header=False, title_justify="left", box=None, padding=(0, 2))
    summary.add_column(style="dim")
    summary.add_column(justify="right")
    rows = [
        ("Mean / median", f"{pct(o.mean, 1)} / {pct(o.median, 1)}"),
        ("Standard deviation", pct(o.sd, 1)),
        ("Skewness / kurtosis", f"{number(o.skewness)} / {number(o.kurtosis)}"),
        ("Cronbach's alpha", f"{number(o.alpha)} ({reliability_verdict(o.alpha)})"),
        ("Error ratio / standard error", f"{pct(o.error_ratio, 1)} / {pct(o.standard_error, 1)}"),
    ]
    if o.pass_mark is not None:
        rows.append((f"Pass rate (pass mark {o.pass_mark:g} %)", pct(o.pass_rate, 1)))
    for label, value in rows:
        summary.add_row(label, value)
    items = Table(title="Questions", title_justify="left")
    for name, justify in (("Question", "left"), ("Type", "left"), ("n", "right"),
                          ("Facility", "right"), ("SD", "right"), ("Discr.", "right"),
                          ("Disc. eff.", "right"), ("Eff. wt", "right"), ("Flags", "left")):
        items.add_column(name, justify=justify)
    for item in form.items:
        flags = form.flags_for(item.question_id)
        style = "red" if any(f.severity == "error" for f in flags) else (
            "yellow" if flags else "")
        items.add_row(item.question_id, item.kind, str(item.attempts), share(item.facility),
                      share(item.sd), number(item.discrimination, 0),
                      number(item.efficiency, 0), pct(item.effective_weight),
                      ", ".join(f.code for f in flags), style=style)
    parts: list = [summary, items]
    if form.objectives:
        objectives = Table(title="Objectives", title_justify="left")
        for name in ("Objective", "Questions", "Attempts", "Mean", "At pass mark"):
            objectives.add_column(name, justify="left" if name == "Objective" else "right")
        for obj in form.objectives:
            objectives.add_row(obj.objective, str(obj.questions), str(obj.attempts),
                               pct(obj.mean), pct(obj.mastered))
        parts.append(objectives)
    if form.flags:
        fixes = Table(title="What to fix", title_justify="left", show_header=False)
        fixes.add_column("Question")
        fixes.add_column("Finding")
        for flag in form.flags:
            fixes.add_row(flag.question_id, flag.message,
                          style="red" if flag.severity == "error" else "yellow")
        parts.append(fixes)
    else:
        parts.append(Text("No question flagged.", style="green"))
    return Group(*parts, Text(""))


def _gain_table(stats: ModuleStats) -> Table:
    assert stats.gain is not None
    table = Table(title="Learning gain (pre-test → post-test, matched by learner)",
                  title_justify="left")
    for name in ("Cohort", "Matched", "Pre", "Post", "Raw gain", "Hake <g>", "Mean g",
                 "Improved", "Effect size"):
        table.add_column(name, justify="left" if name == "Cohort" else "right")
    for cohort in (stats.gain.overall, *stats.gain.sessions):
        table.add_row(cohort.cohort, str(cohort.matched), pct(cohort.mean_pre, 1),
                      pct(cohort.mean_post, 1), signed(cohort.mean_raw), number(cohort.hake),
                      number(cohort.mean_normalised), share(cohort.improved),
                      number(cohort.effect_size))
    overall = stats.gain.overall
    if overall.pre_only or overall.post_only:
        table.caption = (f"{overall.pre_only} learner(s) took only the pre-test and "
                         f"{overall.post_only} only the post-test; they are left out.")
    return table
