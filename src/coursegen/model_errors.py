"""Turns pydantic validation errors into located diagnostics a trainer can act on."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from pydantic import ValidationError

from coursegen.errors import Diagnostic, Location
from coursegen.model.base import ORIGIN, suggest
from coursegen.yaml_scalars import colon_message, reading_message
from coursegen.yamlio import PathKey, YamlDocument, path_text


def diagnostics_from(error: ValidationError, document: YamlDocument) -> list[Diagnostic]:
    """One diagnostic per validation error, located at the offending value in the file."""
    found = []
    items = error.errors(include_url=False)
    failed_inside = {item["loc"][:-1] for item in items if len(item["loc"]) > 1}
    for item in items:
        # A list whose items failed also fails its min_length: that echo says nothing new.
        if item["type"] == "too_short" and any(
            loc[: len(item["loc"])] == item["loc"] for loc in failed_inside
        ):
            continue
        path, missing = _data_path(document.data, item["loc"], item["type"])
        if item["type"] == "union_tag_invalid":
            path = next(
                (p for p in ((*path, "kind"), (*path, "type")) if p in document.locations), path
            )
        location = (
            document.locations.get(path) or document.locations.get(()) or Location(document.file)
        )
        shown = (*path, missing) if missing is not None else path
        reading = _reading(item, document.typed.get(path))
        message = reading or _message(item, missing)
        code = "text-reading" if reading else item["type"]
        found.append(Diagnostic(location, message, path=path_text(shown), code=code))
    return found


def _data_path(data: Any, loc: tuple, kind: str) -> tuple[PathKey, str | None]:
    """Follow pydantic's loc through the data, dropping union tags and validator names."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and part in current and not last \
                and not isinstance(current[part], dict | list):
            continue  # a union tag that is also a key (`chart: bar` on a chart slide)
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and part < len(current)
        ):
            current = current[part]
            path.append(part)
        elif last and kind == "missing":
            return tuple(path), str(part)
    return tuple(path), None


def _reading(item: dict, typed: str | None) -> str | None:
    """Text that YAML read as something else (yes → true, a date), or a real date that is none."""
    value = _clean(item.get("input"))
    if typed is not None and item["type"] in {"string_type", "model_type", "model_attributes_type"}:
        return reading_message(typed, value)
    if item["type"] == "string_type" and isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if isinstance(inner, str):
            return colon_message(key, inner)
    if item["type"].startswith("date") and re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
        return (
            f"'{value}' is not a day in the calendar; check the month and the day "
            "(written YYYY-MM-DD)"
        )
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value}"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k is not ORIGIN}
    return value


def _message(item: dict, missing: str | None) -> str:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    value = _clean(item.get("input"))
    got = _describe(value)
    if kind == "missing":
        return f"missing required key '{missing}'"
    if kind == "union_tag_invalid":
        what = "slide kind" if "slide" in str(ctx.get("discriminator")) else "question type"
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        tag = str(ctx.get("tag"))
        return f"unknown {what} '{tag}'{suggest(tag, tags)} (one of: {', '.join(tags)})"
    if kind == "union_tag_not_found":
        return (
            "missing required key 'type' (single, multiple, true-false, short-answer, "
            "numeric, matching or ordering)"
        )
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a mapping of keys to values, got {got}"
    if kind in {"tuple_type", "list_type"}:
        return f"expected a list, got {got}"
    if kind == "string_type":
        return f"expected text, got {got}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got {got}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {got}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {got}"
    if kind == "finite_number":
        if not isinstance(value, float):
            return f"expected a finite number, got {got}"
        if math.isnan(value):
            return "expected a number, got .nan, which YAML reads as 'not a number'"
        sign = "" if value > 0 else "-"
        return f"expected a number, got {sign}.inf, which YAML reads as infinity"
    if kind.startswith("date"):
        return f"expected a date written YYYY-MM-DD, got {got}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return f"{got} is not allowed; expected {expected}{suggest(str(value), choices)}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        plural = "s" if need != 1 else ""
        return f"needs at least {need} item{plural}, got {ctx.get('actual_length', 0)}"
    if kind == "string_pattern_mismatch":
        return f"{got} is not in the expected form ({ctx.get('pattern')})"
    if kind == "value_error":
        return str(item["msg"]).removeprefix("Value error, ")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return f"{got} is out of range: {item['msg'].lower()}"
    return str(item["msg"])
