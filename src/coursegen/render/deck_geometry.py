"""Where text goes on a slide: layout names, their text boxes in points, and their fallbacks.

The built-in template is generated from these numbers (`deck_template.py`); for an
organisation's own template the deck adapter measures the real placeholders and
hands the spec builder the same kind of `LayoutBoxes`.
"""

from __future__ import annotations

from dataclasses import dataclass

SLIDE_WIDTH = 960.0
"""Slide width in points (13.333 in: 16:9)."""
SLIDE_HEIGHT = 540.0
"""Slide height in points (7.5 in)."""

INSET_X = 7.2
"""Left and right inner margin of a text box in points (PowerPoint's default 0.1 in)."""
INSET_Y = 3.6
"""Top and bottom inner margin of a text box in points (0.05 in)."""

BULLET_INDENT = (27.0, 54.0, 81.0, 108.0)
"""Left margin of bulleted text per level, in points (the built-in master's marL)."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from the top-left corner."""

    x: float
    y: float
    width: float
    height: float

    def mirrored(self, width: float) -> Box:
        """The box reflected left to right within `width` points (a right-to-left layout)."""
        return Box(round(width - self.x - self.width, 3), self.y, self.width, self.height)

    def shrunk(self, bottom: float) -> Box:
        """The box with `bottom` points taken off its lower edge."""
        return Box(self.x, self.y, self.width, max(0.0, self.height - bottom))


@dataclass(frozen=True)
class LayoutBoxes:
    """A layout's title box and its other text boxes, in placeholder order."""

    name: str
    title: Box
    bodies: tuple[Box, ...]


LAYOUT_ROLES: dict[str, tuple[str, ...]] = {
    "Title": ("subtitle",),
    "Section": ("subtitle",),
    "Content": ("body",),
    "Two Content": ("left_heading", "left", "right_heading", "right"),
    "Key Figure": ("figure", "label", "context"),
    "Quote": ("quote", "attribution"),
    "Picture": ("picture", "caption"),
    "Case": ("left", "right"),
    "Question": ("stem", "options"),
    "References": ("body",),
}
"""What each body placeholder of a layout holds, in placeholder (idx) order."""

ROLE_GROUPS: dict[str, dict[int, tuple[tuple[str, ...], ...]]] = {
    "Two Content": {2: (("left_heading", "left"), ("right_heading", "right"))},
    "Key Figure": {2: (("figure",), ("label", "context"))},
}
"""How roles share placeholders when a template's layout has fewer than the built-in one."""

LAYOUT_FALLBACKS: dict[str, tuple[str, ...]] = {
    "Title": ("Title Slide",),
    "Section": ("Section Header", "Title Only"),
    "Content": ("Title and Content", "Object"),
    "Two Content": ("Comparison", "Content"),
    "Key Figure": ("Content",),
    "Quote": ("Content",),
    "Picture": ("Picture with Caption", "Content"),
    "Case": ("Two Content", "Content"),
    "Question": ("Content",),
    "References": ("Content",),
}
"""Layouts to try, in order, when a template has no layout of the built-in name."""


def role_groups(layout: str, boxes: int) -> tuple[tuple[str, ...], ...]:
    """Which roles go into each of `boxes` placeholders of `layout` (extra roles are merged)."""
    roles = LAYOUT_ROLES[layout]
    if boxes >= len(roles):
        return tuple((role,) for role in roles)
    if boxes <= 1:
        return (roles,)
    special = ROLE_GROUPS.get(layout, {}).get(boxes)
    if special:
        return special
    return (*((role,) for role in roles[: boxes - 1]), roles[boxes - 1 :])


_TITLE = Box(44, 28, 872, 70)
_MAIN = Box(44, 118, 872, 372)

BUILT_IN: dict[str, LayoutBoxes] = {
    "Title": LayoutBoxes("Title", Box(64, 130, 832, 150), (Box(64, 296, 832, 150),)),
    "Section": LayoutBoxes("Section", Box(64, 170, 832, 130), (Box(64, 312, 832, 110),)),
    "Content": LayoutBoxes("Content", _TITLE, (_MAIN,)),
    "Two Content": LayoutBoxes("Two Content", _TITLE, (
        Box(44, 118, 424, 40), Box(44, 162, 424, 328),
        Box(492, 118, 424, 40), Box(492, 162, 424, 328),
    )),
    "Key Figure": LayoutBoxes("Key Figure", _TITLE, (
        Box(44, 122, 872, 136), Box(44, 262, 872, 112), Box(44, 380, 872, 110),
    )),
    "Quote": LayoutBoxes("Quote", _TITLE, (Box(110, 126, 740, 250), Box(110, 382, 740, 84))),
    "Picture": LayoutBoxes("Picture", _TITLE, (Box(44, 118, 872, 326), Box(44, 448, 872, 42))),
    "Case": LayoutBoxes("Case", _TITLE, (Box(44, 118, 488, 372), Box(552, 118, 364, 372))),
    "Question": LayoutBoxes("Question", _TITLE, (Box(44, 118, 872, 104), Box(44, 230, 872, 260))),
    "References": LayoutBoxes("References", _TITLE, (_MAIN,)),
}
"""The built-in template's boxes, by layout name."""

FOOTER_BOXES = {
    "marking": Box(44, 504, 300, 24),
    "footer": Box(350, 504, 460, 24),
    "number": Box(816, 504, 100, 24),
}
"""The built-in master's date (used for the handling marking), footer and slide-number boxes."""

SOURCE_LINE_HEIGHT = 24.0
"""Points taken from the bottom of the main box for a slide's source line."""
