"""The base of every model node: frozen, strict about keys, and aware of where it came from.

The loader hands each YAML mapping to pydantic with an extra `ORIGIN` entry
(an :class:`Origin`, keyed by an object no YAML file can spell). The wrap
validator below takes it out before validation and attaches it to the node,
and reports unknown keys itself so that every one is found, with the nearest
valid key suggested.
"""

from __future__ import annotations

import difflib
import types
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationInfo, model_validator

from coursegen.errors import Diagnostic, Location
from coursegen.yaml_scalars import colon_message, text_problem


class _OriginKey:
    """The key under which the loader passes an :class:`Origin` inside a mapping."""

    def __repr__(self) -> str:
        return "ORIGIN"


ORIGIN = _OriginKey()

INTERNAL = {"internal": True}
"""Marks fields the loader fills in; a YAML file may not set them."""


@dataclass(frozen=True)
class Origin:
    """Where a mapping was written: its own location, its path, and where each key and value sit."""

    location: Location
    path: str = ""
    keys: dict[str, Location] = field(default_factory=dict)
    values: dict[str, Location] = field(default_factory=dict)


def suggest(word: str, choices: list[str]) -> str:
    """A "; did you mean 'x'?" hint for a misspelt word, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class Node(BaseModel):
    """A frozen model node that remembers its file, line and column."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, coerce_numbers_to_str=True,
        defer_build=True,
        allow_inf_nan=False,  # YAML's .nan and .inf are no answer, tolerance or pass mark
    )

    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_origin(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        origin = None
        sink = (info.context or {}).get("diagnostics") if info else None
        converted = cls.from_scalar(data)
        location = getattr(data, "location", None)
        if converted is not data and sink is not None:
            _report_text(data, sink)
        if converted is not data and isinstance(converted, dict) and location is not None:
            converted = {
                **converted,
                ORIGIN: Origin(location, values=dict.fromkeys(converted, location)),
            }
        data = converted
        if isinstance(data, dict) and ORIGIN in data:
            data = dict(data)
            origin = data.pop(ORIGIN)
            data = cls._as_text(data, origin, sink)
            data = cls._drop_unknown_keys(data, origin, info)
            if sink is not None:
                for name, depth in _text_fields(cls).items():
                    for value in _scalars(data.get(name), depth):
                        _report_text(value, sink)
        node = handler(data)
        if origin is not None:
            node._origin = origin
        return node

    @classmethod
    def _drop_unknown_keys(cls, data: dict, origin: Origin, info: ValidationInfo) -> dict:
        internal = cls.internal_fields()
        # A field written under its alias (an edge's `from`) is known by that name.
        known = {f.alias or n for n, f in cls.model_fields.items() if n not in internal}
        # Internal fields are filled in by the loader; only a key written in the file is wrong.
        unknown = [
            key
            for key in data
            if key not in known and (key not in internal or str(key) in origin.keys)
        ]
        sink = (info.context or {}).get("diagnostics") if info else None
        if not unknown or sink is None:
            return data
        for key in unknown:
            where = origin.keys.get(str(key), origin.location)
            path = f"{origin.path}.{key}" if origin.path else str(key)
            sink.append(
                Diagnostic(
                    where,
                    f"unknown key '{key}'{suggest(str(key), sorted(known))}",
                    path=path,
                    code="unknown-key",
                )
            )
        return {k: v for k, v in data.items() if k not in unknown}

    @classmethod
    def _as_text(cls, data: dict, origin: Origin, sink: list | None) -> dict:
        """`- Note: always record` where a bare text is allowed: the ': ' made it a mapping."""
        if sink is None or cls.from_scalar.__func__ is Node.from_scalar.__func__ or len(data) != 1:
            return data
        key, value = next(iter(data.items()))
        key_at, value_at = origin.keys.get(str(key)), origin.values.get(str(key))
        if key in cls.model_fields or not isinstance(value, str) or not key_at or not value_at:
            return data
        if key_at.line != value_at.line:
            return data
        sink.append(
            Diagnostic(key_at, colon_message(key, value), path=origin.path, code="text-reading")
        )
        return cls.from_scalar(f"{key}: {value}")

    @classmethod
    def internal_fields(cls) -> set[str]:
        """Names of fields the loader fills in, which YAML files may not set."""
        return {
            name for name, field in cls.model_fields.items() if field.json_schema_extra == INTERNAL
        }

    @classmethod
    def from_scalar(cls, data: Any) -> Any:
        """Turn a shorthand scalar into the mapping it stands for (subclasses override)."""
        return data

    @property
    def location(self) -> Location | None:
        """Where this node starts in its YAML file, or None for a node built in code."""
        return self._origin.location if self._origin else None

    @property
    def path(self) -> str:
        """The node's field path inside its file, e.g. ``slides[2]``."""
        return self._origin.path if self._origin else ""

    def location_of(self, name: str) -> Location | None:
        """Where the value of field `name` is written, falling back to the node's own location."""
        if self._origin is None:
            return None
        return self._origin.values.get(name, self._origin.location)

    def path_of(self, name: str) -> str:
        """The field path of field `name`, e.g. ``slides[2].cite``."""
        return f"{self.path}.{name}" if self.path else name


def _report_text(value: Any, sink: list) -> None:
    """Report text that YAML changed (a number, a cut comment) where the model expects text."""
    problem = text_problem(value)
    if problem:
        location = getattr(value, "location", None)
        found = Diagnostic(
            location, problem, path=getattr(value, "path", ""), code="text-reading"
        )
        if found not in sink:  # pydantic may validate a shorthand twice
            sink.append(found)


def _scalars(value: Any, depth: int) -> list[Any]:
    """The scalars of a value that is text (depth 0), a list of texts (1), a list of lists (2)."""
    if depth == 0:
        return [value]
    if isinstance(value, list | tuple):
        return [item for part in value for item in _scalars(part, depth - 1)]
    return []


def _text_depth(annotation: Any) -> int | None:
    """0 for text, 1 for a list of texts, 2 for a list of lists; None for anything else."""
    if annotation is str:
        return 0
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _text_depth(args[0])
    if origin in (Union, types.UnionType):
        # Only `str | None`: where a date or a number is accepted too, YAML's reading is wanted.
        others = [a for a in args if a is not type(None)]
        return _text_depth(others[0]) if len(others) == 1 else None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _text_depth(args[0])
        return None if inner is None else inner + 1
    return None


@cache
def _text_fields(model: type[Node]) -> dict[str, int]:
    """The fields of a model that hold text, with how deep in lists the text sits."""
    found = {}
    for name, info in model.model_fields.items():
        depth = _text_depth(info.annotation)
        if depth is not None:
            found[name] = depth
    return found
