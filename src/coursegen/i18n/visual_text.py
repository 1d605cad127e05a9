"""Right-to-left text for renderers that draw one letter at a time.

WeasyPrint lays out SVG `<text>` letter by letter, so Arabic in a diagram printed in a
handout would show unjoined letters in reverse order. For that path alone the text is
shaped into Arabic presentation forms (arabic-reshaper) and put in visual order (python-bidi,
the Unicode bidirectional algorithm); browsers and office programs get the logical text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Arabic, Hebrew…)."""
    return any(unicodedata.bidirectional(char) in {"R", "AL"} for char in text)


@lru_cache(maxsize=4096)
def visual_order(text: str) -> str:
    """`text` shaped and in the order its glyphs stand on a line, left to right; text without
    right-to-left letters is returned as it is."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))
