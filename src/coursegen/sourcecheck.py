"""`check --sources DIR`: every figure must appear in the cited paragraph; no copied sentences.

Source texts are plain-text copies named by each source's `text` field. A
`#N` citation finds paragraph N: in a `numbered` source the block that starts
"N. "; in a `counted` source the N-th non-empty block from the top. A bare
source id or a page citation stands for the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from coursegen.errors import Diagnostic
from coursegen.model import Course, Module, Source, parse_citation
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.model.slides import QuoteSlide
from coursegen.model.walk import CitedText, slide_texts
from coursegen.text import plain_text

# A figure: digits with inner separators, not glued to letters (G7, 3D are names, not figures).
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_NUMBERED = re.compile(r"^(\d+)\.\s", re.MULTILINE)
_BLOCKS = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
COPY_RUN = 8


def figures_in(text: str) -> list[str]:
    """The figures written with digits in a text, as written ('42', '36.2', '100,000')."""
    return [match.group(0).rstrip(".,") for match in _FIGURE.finditer(text)]


def normalise(figure: str) -> str:
    """One spelling per number: thousands separators dropped ('100,000' → '100000')."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", figure):
        figure = figure.replace(",", "")
    return figure


@dataclass
class SourceText:
    """A source's plain text, split into citable paragraphs."""

    source: Source
    text: str

    @cached_property
    def paragraphs(self) -> dict[int, str]:
        if self.source.paragraphs == "counted":
            blocks = [b.strip() for b in _BLOCKS.split(self.text) if b.strip()]
            return {i + 1: block for i, block in enumerate(blocks)}
        starts = [(int(m.group(1)), m.start()) for m in _NUMBERED.finditer(self.text)]
        found: dict[int, str] = {}
        expected = 1
        for index, (number, start) in enumerate(starts):
            if number != expected:  # a list inside a paragraph, not a new paragraph
                continue
            end = next((s for n, s in starts[index + 1 :] if n == expected + 1), len(self.text))
            found[number] = self.text[start:end]
            expected += 1
        return found

    @cached_property
    def figures(self) -> set[str]:
        return {normalise(f) for f in figures_in(self.text)}

    def passage(self, paragraph: int | None) -> str | None:
        """The text of a paragraph (None if it does not exist), or the whole text."""
        return self.text if paragraph is None else self.paragraphs.get(paragraph)

    @cached_property
    def shingles(self) -> set[tuple[str, ...]]:
        words = [w.lower() for w in _WORD.findall(self.text)]
        return {tuple(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)}


def read_source_texts(
    course: Course, folder: Path
) -> tuple[dict[str, SourceText], list[Diagnostic]]:
    """Load the text copy of every source that names one; report those not found."""
    texts, found = {}, []
    for source in course.sources:
        if not source.text:
            continue
        path = folder / source.text
        if not path.is_file():
            found.append(
                Diagnostic(
                    source.location_of("text"),
                    f"source text '{path}' not found",
                    path=source.path_of("text"),
                    severity="warning",
                    code="source-text-missing",
                )
            )
            continue
        texts[source.id] = SourceText(source, path.read_text(encoding="utf-8"))
    return texts, found


def check_against_sources(course: Course, folder: Path) -> list[Diagnostic]:
    """Figures not found in their cited paragraphs (errors) and copied passages (warnings)."""
    texts, found = read_source_texts(course, folder)
    for module in course.modules:
        for item in cited_texts(module):
            found.extend(_check_item(item, texts))
    return found


def cited_texts(module: Module) -> Iterator[CitedText]:
    """Every piece of learner-facing text in a module with the citations that back it."""
    for lesson in module.lessons:
        if lesson.handout:
            yield CitedText(lesson, "handout", lesson.handout, lesson.cite)
        for slide in lesson.slides:
            for item in slide_texts(slide):
                copied_ok = isinstance(slide, QuoteSlide)
                yield (
                    CitedText(item.node, item.field, item.text, item.cites)
                    if not copied_ok
                    else CitedText(item.node, "quote", item.text, item.cites)
                )
    for term in module.glossary:
        yield CitedText(term, "definition", term.definition, term.cite)
    if module.bank:
        for question in module.bank.questions:
            yield from _question_texts(question)


def _question_texts(question) -> Iterator[CitedText]:
    cites = question.cite
    yield CitedText(question, "stem", question.stem, cites)
    yield CitedText(question, "explanation", question.explanation, cites)
    if isinstance(question, SingleChoice | MultipleResponse):
        for option in question.options:
            yield CitedText(option, "text", option.text, cites)
            if option.feedback:
                yield CitedText(option, "feedback", option.feedback, cites)
    if isinstance(question, TrueFalse):
        for name in ("feedback_true", "feedback_false"):
            if getattr(question, name):
                yield CitedText(question, name, getattr(question, name), cites)
    if isinstance(question, Numeric) and not question.is_fictional():
        # the answer to a fictional case is worked out from the case, not read in a source
        yield CitedText(question, "answer", f"{question.answer:g}", cites)
    if isinstance(question, Matching):
        for pair in question.pairs:
            yield CitedText(pair, "left", f"{pair.left} | {pair.right}", cites)
    if isinstance(question, Ordering):
        yield CitedText(question, "items", " | ".join(question.items), cites)
    if isinstance(question, ShortAnswer):
        for answer in question.answers:
            if not answer.regex:
                yield CitedText(answer, "text", answer.text, cites)


def _check_item(item: CitedText, texts: dict[str, SourceText]) -> Iterator[Diagnostic]:
    text = plain_text(item.text)
    figures = figures_in(text)
    passages = []
    for cite in item.cites:
        ref = parse_citation(cite)
        source = texts.get(ref.source)
        if source is None:
            continue
        passage = source.passage(ref.paragraph)
        if passage is None:
            yield Diagnostic(
                item.node.location_of("cite"),
                f"{ref.source} has no paragraph {ref.anchor}",
                path=item.node.path_of("cite"),
                code="no-paragraph",
            )
            continue
        passages.append(passage)
    checkable = item.cites and all(parse_citation(c).source in texts for c in item.cites)
    if figures and not item.cites:
        yield Diagnostic(
            item.node.location_of(item.field),
            f"figure {figures[0]} has no citation; cite the paragraph it comes from",
            path=item.node.path_of(item.field),
            code="uncited-figure",
        )
    elif figures and checkable:
        available = {normalise(f) for p in passages for f in figures_in(p)}
        # "the 2020 UNODC paper": a cited source's own year dates a finding
        available |= {_year(texts[parse_citation(c).source].source) for c in item.cites}
        for figure in figures:
            if normalise(figure) not in available:
                cited = ", ".join(item.cites)
                yield Diagnostic(
                    item.node.location_of(item.field),
                    f"figure {figure} does not appear in {cited}",
                    path=item.node.path_of(item.field),
                    code="figure-not-in-source",
                )
    if item.field != "quote":
        yield from _copied(item, text, texts)


def _year(source: Source) -> str:
    match = re.match(r"\d{4}", str(source.date))
    return match.group(0) if match else ""


def _is_name(words: list[str]) -> bool:
    """Mostly capitalised words are a name or a title, which may be given as the source has it."""
    return sum(w[0].isupper() for w in words) * 2 >= len(words)


def _copied(item: CitedText, text: str, texts: dict[str, SourceText]) -> Iterator[Diagnostic]:
    original = _WORD.findall(text)
    words = [w.lower() for w in original]
    for cite in item.cites:
        source = texts.get(parse_citation(cite).source)
        if source is None:
            continue
        for i in range(len(words) - COPY_RUN + 1):
            run_words = original[i : i + COPY_RUN]
            if tuple(words[i : i + COPY_RUN]) in source.shingles and not _is_name(run_words):
                run = " ".join(words[i : i + COPY_RUN])
                yield Diagnostic(
                    item.node.location_of(item.field),
                    f"'{run} …' is copied from {source.source.id}; say it in your own words",
                    path=item.node.path_of(item.field),
                    severity="warning",
                    code="copied-text",
                )
                return
