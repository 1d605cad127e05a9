"""How questions, feedback and results look in a terminal (rich renderables, no input).

Everything here degrades to plain text when output is piped: no colour is
needed to understand it, and marks are spelled out, not only shown as symbols.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coursegen.i18n.locale_format import format_number
from coursegen.i18n.ui import Interface, course_language, plural_count
from coursegen.model import Course, Module
from coursegen.model.citing import full_citation
from coursegen.model.quiz import Matching, MultipleResponse, Ordering, SingleChoice
from coursegen.quiz.answers import letter
from coursegen.quiz.engine import AttemptResult, Score
from coursegen.quiz.paper import Presented
from coursegen.quiz.review import ItemLevel
from coursegen.quiz.scoring import match_choices
from coursegen.text import parse_inline


def rich_text(markdown: str, style: str = "") -> Text:
    """Inline Markdown as styled rich Text (bold, italic, code; links show their address)."""
    text = Text(style=style)
    for run in parse_inline(markdown or ""):
        styles = [s for s, on in (("bold", run.bold), ("italic", run.italic),
                                  ("cyan", run.code)) if on]
        text.append(run.text, style=" ".join(styles))
        if run.href and run.href != run.text:
            text.append(f" <{run.href}>", style="dim")
    return text


def header(position: int, total: int, answered: int, time_left: float | None,
           ui: Interface | None = None) -> RenderableType:
    """'Question 3 of 10', a progress bar and the time left."""
    ui = ui or Interface("en")
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(width=24)
    grid.add_column()
    status = ui.ngettext("{n} of {total} answered", "{n} of {total} answered", answered,
                         total=total)
    if time_left is not None:
        minutes, seconds = divmod(max(0, int(time_left)), 60)
        clock = format(minutes, "02d") + ":" + format(seconds, "02d")
        status += " · " + ui._("time left {time}", time=clock)
    grid.add_row(Text(ui._("Question {number} of {total}", number=position, total=total),
                      style="bold"),
                 progress_bar(answered, total, 24), Text(status))
    return grid


def progress_bar(done: int, total: int, width: int) -> Text:
    """A bar that reads the same with or without colour: ━ for done, ─ for to do."""
    filled = round(width * done / total) if total else width
    return Text("━" * filled, style="green").append("─" * (width - filled), style="dim")


def question_view(question: Any, presented: Presented,
                  ui: Interface | None = None) -> RenderableType:
    """The question as shown: scenario, stem and its options, choices or items."""
    ui = ui or Interface("en")
    parts: list[RenderableType] = []
    if question.scenario:
        parts.append(Panel(rich_text(question.scenario), title=ui._("Scenario"),
                           title_align="left"))
    parts.append(rich_text(question.stem, "bold"))
    if isinstance(question, SingleChoice | MultipleResponse):
        parts += [_labelled(letter(k), question.options[i].text)
                  for k, i in enumerate(presented.order or range(len(question.options)))]
    elif isinstance(question, Matching):
        choices = match_choices(question)
        table = Table(box=None, show_edge=False, padding=(0, 2))
        table.add_column(ui._("Items"))
        table.add_column(ui._("Choices"))
        order = presented.order or tuple(range(len(choices)))
        for row in range(max(len(question.pairs), len(order))):
            left = _labelled(str(row + 1), question.pairs[row].left) \
                if row < len(question.pairs) else Text("")
            right = _labelled(letter(row), choices[order[row]]) if row < len(order) else Text("")
            table.add_row(left, right)
        parts.append(table)
    elif isinstance(question, Ordering):
        parts += [_labelled(letter(k), question.items[i])
                  for k, i in enumerate(presented.order or range(len(question.items)))]
    return Group(*parts)


def feedback_view(item: Score, course: Course, question: Any,
                  level: ItemLevel = "key") -> RenderableType:
    """What the learner sees of an answer: verdict and their answer; at level 'key' also the
    per-choice feedback, the key and the explanation (see quiz.review). Worded in the
    course's language."""
    ui = Interface(course_language(course))
    parts: list[RenderableType] = [verdict(item, ui)]
    if question is not None and isinstance(question, Matching | Ordering):
        parts += [Text("  " + (ui._("right: {choice}", choice=f.choice) if f.correct
                               else ui._("wrong: {choice}", choice=f.choice)))
                  for f in item.feedback]
    elif level != "key":  # option feedback often names the right option
        parts += [Text("  " + ui._("You answered: {choice}", choice=_word(f.choice, ui)))
                  for f in item.feedback]
    else:
        for feedback in item.feedback:
            line = Text("  " + ui._("You answered: {choice}", choice=_word(feedback.choice, ui)))
            if feedback.text:
                line.append(" — ")
                line.append_text(rich_text(feedback.text))
            parts.append(line)
    if level == "key" and not item.correct:
        parts.append(Text("  " + ui._("Correct answer:") + " ")
                     .append_text(rich_text(_word(item.key, ui))))
    if level == "key":
        parts.append(Text("  " + ui._("Why:") + " ").append_text(rich_text(item.explanation)))
    parts += [Text("  " + ui._("Source: {reference}", reference=line), style="dim")
              for line in sources(course, item.cite)]
    return Group(*parts)


def _word(text: str, ui: Interface) -> str:
    """The engine's 'True'/'False' in the course's language; other text as written."""
    return {"True": ui._("True"), "False": ui._("False")}.get(text, text)


def verdict(item: Score, ui: Interface | None = None) -> Text:
    """'Correct', 'Partly correct' or 'Incorrect' with the points, styled but readable plain."""
    ui = ui or Interface("en")
    points = ui.ngettext("{earned} of {points} point", "{earned} of {points} points",
                         plural_count(item.points), earned=_number(item.earned, ui.lang),
                         points=_number(item.points, ui.lang))
    if not item.answered:
        return Text("✗ " + ui._("Not answered ({points})", points=points), style="bold red")
    if item.correct:
        return Text("✓ " + ui._("Correct ({points})", points=points), style="bold green")
    if item.fraction > 0:
        return Text("◐ " + ui._("Partly correct ({points})", points=points), style="bold yellow")
    return Text("✗ " + ui._("Incorrect ({points})", points=points), style="bold red")


def sources(course: Course, cite: tuple[str, ...]) -> list[str]:
    """Each citation as a reference line: the source's reference and the paragraph or page."""
    return [full_citation(course, citation) for citation in cite]


def result_view(result: AttemptResult, module: Module,
                ui: Interface | None = None) -> RenderableType:
    """The final score, pass/fail and the breakdown per objective."""
    ui = ui or Interface("en")
    outcome = Text(ui._("PASSED"), style="bold green") if result.passed \
        else Text(ui._("NOT PASSED"), style="bold red")
    summary = Table.grid(padding=(0, 2))
    summary.add_row(ui._("Score"), ui.ngettext(
        "{earned} of {possible} point ({percent} %)", "{earned} of {possible} points ({percent} %)",
        plural_count(result.possible), earned=_number(result.earned, ui.lang),
        possible=_number(result.possible, ui.lang), percent=format(result.percent, ".0f")))
    summary.add_row(ui._("Pass mark"), f"{_number(result.pass_mark, ui.lang)} %")
    summary.add_row(ui._("Result"), outcome)
    table = Table(title=ui._("By objective"), title_justify="left", show_lines=False)
    table.add_column(ui._("Objective"))
    table.add_column(ui._("Points"), justify="right")
    table.add_column("%", justify="right")
    for objective in result.objectives:
        found = module.objective(objective.objective)
        table.add_row(found.text if found else objective.objective,
                      f"{_number(objective.earned, ui.lang)}/"
                      f"{_number(objective.possible, ui.lang)}",
                      f"{objective.percent:.0f}")
    return Group(summary, Text(""), table)


def _labelled(label: str, markdown: str) -> Text:
    return Text(f"  {label}. ").append_text(rich_text(markdown))


def _number(value: float, lang: str = "en") -> str:
    """A mark as people write it in `lang`: 2, 1.5 (French 1,5)."""
    return format_number(round(value, 2), lang)
