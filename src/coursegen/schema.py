"""JSON Schema of each course file kind, for editors (e.g. VS Code's YAML extension).

The schema accepts the shapes the loader accepts: text written as a number
(`value: 16`), a bare text for a point or an answer, a slide without `kind`
(a bullets slide). Slide kinds and question types are chosen by `if`/`then`
on `kind` and `type`, so an editor reports the problems of the one kind
written instead of a list of every alternative. What a schema cannot see —
the characters behind a value, like `012` or `yes` where text is expected —
`coursegen check` reports.
"""

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

# The key that picks the model of a union's member, and the member used when it is absent.
_TAGS = {"kind": "bullets", "type": None}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, without the fields the loader fills in."""
    model = FILE_MODELS[kind]
    schema = model.model_json_schema()
    for name in model.internal_fields():
        schema["properties"].pop(name, None)
    defs = schema.pop("$defs", {})
    shorthand = {cls.__name__ for cls in _node_models() if _takes_scalar(cls)}
    schema = _rewrite(schema, defs)
    defs = {name: _rewrite(body, defs) for name, body in defs.items()}
    for name in shorthand & set(defs):
        defs[name] = {"anyOf": [_TEXT, _without_anyof_text(defs[name])]}
    used = _reachable(schema, defs)
    if used:
        schema["$defs"] = {name: defs[name] for name in sorted(used)}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"coursegen {kind} file"
    return schema


_TEXT = {"type": ["string", "number"]}


def _rewrite(node: Any, defs: dict[str, Any]) -> Any:
    """Text also as a number (the loader keeps `16` as "16"); tagged unions as if/then."""
    if isinstance(node, list):
        return [_rewrite(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "oneOf" in node and _tag_of(node["oneOf"], defs):
        return _tagged_union(node, defs)
    node = {key: _rewrite(value, defs) for key, value in node.items()}
    if node.get("type") == "string" and not {"format", "const", "enum"} & set(node):
        node["type"] = ["string", "number"]
    if node.get("format") == "date":  # editors do not all check formats
        node["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    return node


def _tag_of(members: list, defs: dict[str, Any]) -> str | None:
    """The property (kind or type) that every member of a union fixes to a constant."""
    for tag in _TAGS:
        if all(
            "$ref" in m and "const" in defs[_ref(m)].get("properties", {}).get(tag, {})
            for m in members
        ):
            return tag
    return None


def _tagged_union(node: dict, defs: dict[str, Any]) -> dict[str, Any]:
    tag = _tag_of(node["oneOf"], defs)
    assert tag is not None
    values = {defs[_ref(m)]["properties"][tag]["const"]: m["$ref"] for m in node["oneOf"]}
    default = _TAGS[tag]
    branches: list[dict[str, Any]] = [
        {
            "if": {"properties": {tag: {"const": value}}, "required": [tag]},
            "then": {"$ref": ref},
        }
        for value, ref in values.items()
    ]
    if default is not None:
        branches.append({"if": {"not": {"required": [tag]}}, "then": {"$ref": values[default]}})
    what = "slide kind" if tag == "kind" else "question type"
    union: dict[str, Any] = {
        "type": "object",
        "properties": {
            tag: {"enum": list(values), "description": f"The {what}: one of {', '.join(values)}"}
        },
        "allOf": branches,
    }
    if default is None:
        union["required"] = [tag]
    return union


def _ref(member: dict) -> str:
    return member["$ref"].rsplit("/", 1)[-1]


def _without_anyof_text(schema: dict) -> dict:
    """A model that already allowed a bare string (Point) keeps only its mapping form."""
    if "anyOf" in schema:
        return next(s for s in schema["anyOf"] if s.get("type") == "object")
    return schema


def _reachable(schema: dict, defs: dict[str, Any]) -> set[str]:
    """The $defs the schema refers to, directly or through other $defs."""
    found: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and _ref(node) not in found:
                found.add(_ref(node))
                pending.append(defs[_ref(node)])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def _node_models() -> list[type[Node]]:
    found, pending = [], [Node]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def _takes_scalar(cls: type[Node]) -> bool:
    """Whether a bare text stands for this model (a point, an accepted answer)."""
    return cls.from_scalar.__func__ is not Node.from_scalar.__func__
