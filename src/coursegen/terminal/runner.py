"""`coursegen quiz`: a learner takes a module's quiz in a terminal (or with piped input).

Each answer is saved the moment it is accepted; a killed or interrupted run is
resumed by running the same command again. The time limit is enforced with a
timer that interrupts the waiting prompt, and rechecked after every answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from coursegen.attempts.certificate import certificate_code, certifies, render_certificate
from coursegen.attempts.lifecycle import (
    AttemptGone,
    Progress,
    finish_attempt,
    open_attempt,
    progress,
    result_of,
    save_answer,
    seconds_left,
    seconds_to_expiry,
    start_attempt,
)
from coursegen.attempts.store import AttemptRecord, AttemptStore
from coursegen.errors import CoursegenError
from coursegen.i18n.ui import Interface, course_language, plural_count
from coursegen.model import Course, Module
from coursegen.quiz.answers import AnswerInvalid, input_rule, parse_answer
from coursegen.quiz.engine import AttemptResult, score
from coursegen.quiz.paper import Form, Paper
from coursegen.quiz.review import Review, what_to_show
from coursegen.terminal import display


class QuizPaused(CoursegenError):
    """The run stopped before the end (input closed, Ctrl-C); the attempt can be resumed."""


class TimeUp(Exception):
    """The attempt's time limit has passed."""


@dataclass(frozen=True)
class QuizOptions:
    """How to run the quiz: the command-line choices."""

    practice: bool = False
    seed: int | None = None
    form: Form = "exam"
    learner: str | None = None
    time_limit: float | None = None
    certificate: Path | None = None


@dataclass
class QuizRun:
    """One run of the terminal quiz for one learner and module."""

    course: Course
    module: Module
    store: AttemptStore
    options: QuizOptions
    console: Console

    @property
    def ui(self) -> Interface:
        """The interface strings in the course's language."""
        return Interface(course_language(self.course))

    def run(self) -> AttemptRecord:
        """Take (or resume) the attempt to the end and return the finished record."""
        bank = self.module.bank
        ui = self.ui
        self.console.print(Rule(f"{self.course.title} — {self.module.title}"))
        learner = self.options.learner or self._ask_learner()
        attempt = self._resume_or_start(learner)
        timed_out = False
        try:
            state = progress(self.store, self.course, attempt)
        except AttemptGone:  # its time ran out while the learner was away
            state = None
            timed_out = True
            self.console.print(Text(ui._("Time is up for this attempt. Your saved answers are "
                                         "being marked."), style="bold red"))
        immediate = attempt.practice or bank.settings.feedback == "immediate"
        review = what_to_show(bank, attempt.form, attempt.practice)
        paper = Paper.from_dict(attempt.paper)
        saved = state.responses if state else self.store.responses(attempt.id)
        try:
            if state is not None:
                self._introduce(attempt, paper, saved)
                for number, presented in enumerate(paper.questions, start=1):
                    if presented.question_id in saved:
                        continue
                    response = self._ask_question(state, number)
                    self._show_after_answer(bank, presented.question_id, response,
                                            review if immediate else None)
        except TimeUp:
            timed_out = True
            self.console.print(Text("\n" + ui._("Time is up. Your saved answers are being marked."),
                                    style="bold red"))
        except (EOFError, KeyboardInterrupt) as stop:
            self.console.print()
            count = len(saved)
            raise QuizPaused(ui.ngettext(
                "quiz paused: {n} answer saved in attempt {id}; run the same command again to "
                "resume", "quiz paused: {n} answers saved in attempt {id}; run the same command "
                "again to resume", count, id=attempt.id)) from stop
        finished = finish_attempt(self.store, self.course, attempt, timed_out=timed_out)
        self._conclude(finished, result_of(self.store, self.course, finished),
                       None if immediate else review)
        return finished

    # -- starting -------------------------------------------------------------------------

    @property
    def echo_input(self) -> bool:
        """True when a terminal shows what the learner types (stdin is a TTY)."""
        return sys.stdin.isatty()

    def _ask_learner(self) -> str:
        while True:
            name = self._input(None, self.ui._("Your name or learner ID: ")).strip()
            if name:
                return name
            self.console.print(self.ui._("Please type your name or learner ID, then press Enter."))

    def _resume_or_start(self, learner: str) -> AttemptRecord:
        module, options = self.module, self.options
        found = open_attempt(self.store, module, learner, options.form, options.practice)
        if found.abandoned:
            self.console.print(self.ui._(
                "The question bank has changed since your unfinished attempt {id} began; "
                "starting a new attempt.", id=found.abandoned.id))
        if found.record:
            self.console.print(self.ui._("Resuming attempt {id}, started {time}.",
                                         id=found.record.id,
                                         time=_local(found.record.started_at)))
            return found.record
        return start_attempt(self.store, self.course, module, learner, options.form,
                             options.practice, options.seed, options.time_limit)

    def _introduce(self, attempt: AttemptRecord, paper: Paper, saved: dict[str, Any]) -> None:
        ui = self.ui
        kinds = {"exam": ui._("Quiz"), "pre": ui._("Pre-test"), "post": ui._("Post-test")}
        kind = ui._("Practice quiz") if attempt.practice else kinds[attempt.form]
        count = len(paper.questions)
        facts = [ui.ngettext("{kind}: {n} question", "{kind}: {n} questions", count, kind=kind),
                 ui._("pass mark {pass_mark} %", pass_mark=format(attempt.pass_mark, "g"))]
        if attempt.deadline:
            minutes = attempt.time_limit / 60
            facts.append(ui.ngettext("time limit {minutes} minute", "time limit {minutes} minutes",
                                     plural_count(minutes), minutes=format(minutes, "g")))
        self.console.print(ui._("{facts}.", facts=ui._(", ").join(facts)))
        if saved:
            self.console.print(ui.ngettext(
                "{saved} of {n} answer is already saved; continuing with the next question.",
                "{saved} of {n} answers are already saved; continuing with the next question.",
                count, saved=len(saved)))
        self.console.print(ui._("Type your answer and press Enter. Each answer is saved at once; "
                                "if you stop, run the same command to resume."))

    # -- asking ---------------------------------------------------------------------------

    def _ask_question(self, state: Progress, number: int) -> Any:
        attempt, paper = state.record, state.paper
        presented = paper.questions[number - 1]
        question = self.module.bank.question(presented.question_id)
        self.console.print()
        ui = self.ui
        self.console.print(display.header(number, len(paper.questions), len(state.responses),
                                          seconds_left(attempt), ui))
        self.console.print(display.question_view(question, presented, ui))
        rule = input_rule(question, presented.order, ui.lang)
        self.console.print(Text(rule, style="dim"))
        while True:
            text = self._input(attempt, ui._("Answer: "))
            try:
                response = parse_answer(question, text, presented.order)
            except AnswerInvalid as problem:
                self.console.print(Text(ui._("Not accepted: {problem}. {rule}",
                                             problem=problem.translated(ui.lang), rule=rule),
                                        style="yellow"))
                continue
            if response is None or response == []:
                self.console.print(Text(ui._("Please give an answer. {rule}", rule=rule),
                                        style="yellow"))
                continue
            break
        try:
            save_answer(self.store, self.course, state, number, response)
        except AttemptGone:  # typed after the deadline and its grace: not accepted
            raise TimeUp from None
        return response

    def _show_after_answer(self, bank: Any, question_id: str, response: Any,
                           review: Review | None) -> None:
        """Feedback on the answer just saved if the feedback is immediate, else 'saved'."""
        question = bank.question(question_id)
        if review is not None:
            item = score(question, response, bank.settings.scoring)
            self.console.print(display.feedback_view(item, self.course, question,
                                                     review.item(question_id)))
        else:
            self.console.print(Text(self.ui._("Answer saved."), style="dim"))

    def _input(self, attempt: AttemptRecord | None, prompt: str) -> str:
        # The prompt waits until the deadline and its grace have passed: the same rule as
        # every runner (attempts.lifecycle), checked again when the answer is saved.
        left = seconds_to_expiry(attempt) if attempt else None
        if left is not None and left <= 0:
            raise TimeUp
        with _alarm(left):
            text = self.console.input(prompt)
        if not self.echo_input:
            # Piped input is not echoed by a terminal; print it so the transcript reads right.
            self.console.print(text, markup=False, highlight=False)
        return text

    # -- ending ---------------------------------------------------------------------------

    def _conclude(self, record: AttemptRecord, result: AttemptResult,
                  review: Review | None) -> None:
        """The score, then the review the bank allows (none after immediate feedback)."""
        console, ui = self.console, self.ui
        console.print()
        console.print(Rule(ui._("Result")))
        console.print(display.result_view(result, self.module, ui))
        if review is not None and review.lists_answers:
            console.print()
            console.print(Rule(ui._("Review: explanations and sources") if review.level == "key"
                               else ui._("Review: your answers")))
            for number, item in enumerate(result.scores, start=1):
                question = self.module.bank.question(item.question_id)
                console.print(Text(f"\n{number}. ").append_text(display.rich_text(question.stem)))
                console.print(display.feedback_view(item, self.course, question,
                                                    review.item(item.question_id)))
        console.print()
        console.print(ui._("Attempt {id} saved; verification code {code}.", id=record.id,
                           code=record.verification))
        if certifies(record):
            # soft_wrap: one unbroken line, so the code can be copied whole.
            console.print(ui._("Certificate code: {code}", code=certificate_code(record)),
                          soft_wrap=True)
        certificate = self.options.certificate
        if certificate and certifies(record):
            path = render_certificate(record, certificate, self.course.root,
                                      course_language(self.course))
            console.print(ui._("Certificate written to {path}", path=path))
        elif certificate:
            console.print(ui._("No certificate: certificates are given for a passed post-test or "
                               "exam (a pre-test is a diagnostic)."))


@contextlib.contextmanager
def _alarm(seconds: float | None):
    """Interrupt a waiting prompt with TimeUp after `seconds` (where the platform allows)."""
    usable = seconds is not None and hasattr(signal, "setitimer") \
        and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _expire(_signum, _frame):
        raise TimeUp

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
