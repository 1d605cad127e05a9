"""JSON Schema of each course file kind, for editors (e.g. VS Code's YAML extension)."""

from __future__ import annotations

from typing import Any

from coursegen.model import CourseInfo, Lesson, Module, QuestionBank, SourceList
from coursegen.model.base import Node

FILE_MODELS: dict[str, type[Node]] = {
    "course": CourseInfo,
    "sources": SourceList,
    "module": Module,
    "lesson": Lesson,
    "quiz": QuestionBank,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, without the fields the loader fills in."""
    model = FILE_MODELS[kind]
    schema = model.model_json_schema()
    for name in model.internal_fields():
        schema["properties"].pop(name, None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"coursegen {kind} file"
    return schema
