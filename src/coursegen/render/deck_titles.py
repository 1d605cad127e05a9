"""Slide titles that are unique in a deck and say which lesson they belong to."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from coursegen.model import Module
from coursegen.model.slides import SlideBase
from coursegen.render.deck_spec_types import SlideSpec
from coursegen.text import Run, plain_text


def distinct_headings(module: Module) -> dict[int, tuple[str, str]]:
    """id(slide) → (heading, lesson suffix): a heading that repeats names its lesson.

    A "Summary" in lessons 2 and 3 becomes "Summary – <lesson 2 title>" and "Summary –
    <lesson 3 title>"; a heading repeated within one lesson is numbered there ("(2)").
    """
    where: dict[str, list[tuple[int, SlideBase]]] = {}
    for number, lesson in enumerate(module.lessons):
        for slide in lesson.slides:
            where.setdefault(slide.heading, []).append((number, slide))
    titles = {}
    for heading, uses in where.items():
        lessons = {number for number, _ in uses}
        seen: Counter[int] = Counter()
        for number, slide in uses:
            seen[number] += 1
            title = heading if seen[number] == 1 else f"{heading} ({seen[number]})"
            suffix = f" – {plain_text(module.lessons[number].title)}" if len(lessons) > 1 else ""
            titles[id(slide)] = (title, suffix)
    return titles


def unique_titles(slides: list[SlideSpec]) -> list[SlideSpec]:
    """Number any title still repeated (a heading equal to a lesson's title, say)."""
    counts = Counter(s.title_text for s in slides)
    seen: Counter[str] = Counter()
    result = []
    for slide in slides:
        text = slide.title_text
        seen[text] += 1
        if counts[text] > 1 and seen[text] > 1:
            slide = replace(slide, title=(*slide.title, Run(f" ({seen[text]})")))
        result.append(slide)
    return result
