"""Slide titles that are unique in a deck and say which lesson they belong to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from coursegen.model import Module
from coursegen.model.slides import SlideBase
from coursegen.render.deck_fit import Fitter, Para, Sizes
from coursegen.render.deck_geometry import LayoutBoxes
from coursegen.render.deck_spec_types import SlideSpec
from coursegen.render.deck_theme import DeckTheme
from coursegen.render.text_fit import FontMetrics
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


def title_kind(layout: str) -> str:
    """Which theme size a layout's title starts at: cover, section, or slide title."""
    return {"Title": "cover_title", "Section": "section_title"}.get(layout, "title")


@dataclass(frozen=True)
class TitleFace:
    """How a deck's titles are set: the heading font, its weight, the boxes and the sizes."""

    metrics: FontMetrics
    bold: bool
    layouts: dict[str, LayoutBoxes]
    theme: DeckTheme

    def sizes(self, layout: str) -> Sizes:
        """The size a title on `layout` starts at and the least it may shrink to."""
        base = self.theme.size(title_kind(layout))
        return Sizes(base, min(base, self.theme.size("title_min")))

    def size(self, slides: list[SlideSpec], nodes: list[object],
             warn: Callable[[object, str], None]) -> list[SlideSpec]:
        """One title size per kind of title (cover, section, slide) across the whole deck.

        Each title is measured in the face it is shown in (bold when the master's titles
        are); the deck uses the smallest size every title of the kind fits at, and a title
        that fits at no size is a warning at its slide (`nodes` hold each slide's origin).
        """
        fitter = Fitter(self.metrics)
        best = []
        for spec in slides:
            runs = tuple(replace(r, bold=r.bold or self.bold) for r in spec.title)
            best.append(fitter.best_size([Para(runs, style="plain")],
                                         self.layouts[spec.layout].title,
                                         self.sizes(spec.layout)))
        common: dict[str, float] = {}
        for spec, size in zip(slides, best, strict=True):
            sizes, key = self.sizes(spec.layout), title_kind(spec.layout)
            common[key] = min(common.get(key, sizes.base), size or sizes.minimum)
        result = []
        for spec, size, node in zip(slides, best, nodes, strict=True):
            if size is None:
                warn(node, f"title '{spec.title_text}' does not fit its box even at "
                           f"{self.sizes(spec.layout).minimum:g} pt; shorten it")
            result.append(replace(spec, title_size=common[title_kind(spec.layout)]))
        return result
