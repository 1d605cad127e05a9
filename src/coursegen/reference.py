"""Writes docs/yaml-reference.md from the model, so the reference documents every field.

Run `python -m coursegen.reference > docs/yaml-reference.md` after changing the model;
a test fails when the committed reference and the model disagree.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from coursegen.model import course, quiz, slides, source
from coursegen.model.base import Node

SECTIONS: list[tuple[str, str, list[type[Node]]]] = [
    (
        "course.yaml",
        "The course: title, organisation, modules in order, settings.",
        [course.CourseInfo, course.Branding],
    ),
    ("sources.yaml", "Every document the course may cite.", [source.SourceList, source.Source]),
    (
        "modules/&lt;id&gt;/module.yaml",
        "A module: summary, objectives and glossary.",
        [course.Module, course.Objective, course.Term],
    ),
    (
        "modules/&lt;id&gt;/NN-&lt;lesson&gt;.yaml",
        "A lesson, ordered by file name.",
        [course.Lesson, *slides.SLIDE_KINDS.values(), slides.Point, slides.Column, slides.Exhibit,
         slides.ChartSeries, slides.DiagramNode, slides.DiagramEdge],
    ),
    (
        "quizzes/&lt;module-id&gt;.yaml",
        "A module's question bank.",
        [
            quiz.QuestionBank,
            quiz.BankSettings,
            quiz.ItemLint,
            quiz.Forms,
            *quiz.QUESTION_TYPES.values(),
            quiz.Option,
            quiz.AcceptedAnswer,
            quiz.Pair,
        ],
    ),
]

INTRO = """# YAML reference

Every file of a course, every key, its type, default and meaning. Generated from the
model (`python -m coursegen.reference`); `coursegen schema KIND` prints the same as JSON
Schema for editors. Text fields accept inline Markdown: `**bold**`, `*italic*`,
`` `code` `` and `[links](https://example.org)`. Citations read `SOURCE-ID`,
`SOURCE-ID#PARAGRAPH` (e.g. `unodc-ws4-2020#8`, `unodc-ws4-2020#82(c)`) or
`SOURCE-ID#p.PAGE`. `coursegen new DIR` writes a small course that uses most keys.
"""


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if isinstance(annotation, type):
        names = {str: "text", int: "whole number", float: "number", bool: "true/false"}
        if annotation.__name__ == "date":
            return "date (YYYY-MM-DD)"
        return names.get(annotation, annotation.__name__)
    return str(annotation).replace("typing.", "")


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        return "(see below)"
    value = field.default
    if value is None or value is PydanticUndefined or value == ():
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def model_table(model: type[Node]) -> str:
    """A Markdown table of one model's fields (fields the loader fills in are left out)."""
    doc = (model.__doc__ or "").strip().splitlines()[0]
    lines = [
        f"### {model.__name__}",
        "",
        doc,
        "",
        "| key | type | default | meaning |",
        "|---|---|---|---|",
    ]
    internal = model.internal_fields()
    for name, field in model.model_fields.items():
        if name in internal:
            continue
        description = (field.description or "").replace("|", "\\|")
        if name == "cite" and not description:
            description = "Citations backing this text"
        key = field.alias or name  # the key as a YAML file spells it (an edge's `from`)
        lines.append(
            f"| `{key}` | {_type_name(field.annotation)} | {_default(field)} | {description} |"
        )
    return "\n".join(lines)


def yaml_reference() -> str:
    """The whole reference document as Markdown."""
    parts = [INTRO]
    for title, blurb, models in SECTIONS:
        parts.append(f"## {title}\n\n{blurb}\n")
        parts.extend(model_table(m) + "\n" for m in models)
    return "\n".join(parts)


if __name__ == "__main__":
    print(yaml_reference(), end="")
