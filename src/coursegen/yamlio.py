"""Safe YAML reading that keeps the line and column of every key and value.

Stricter than PyYAML's defaults, because course files are written by hand:
duplicate keys, anchors/aliases, huge files and deep nesting are refused with
a located message instead of being silently accepted (or hanging).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coursegen.errors import Diagnostic, Location
from coursegen.model.base import ORIGIN, Origin
from coursegen.yaml_errors import YamlProblem, decode_text, explain
from coursegen.yaml_scalars import LocatedStr, locate

__all__ = ["LocatedStr", "YamlDocument", "YamlProblem", "path_text", "read_yaml"]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed file: plain data (mappings carry their Origin) and the location of every value."""

    file: str
    data: Any
    locations: dict[PathKey, Location]
    typed: dict[PathKey, str] = field(default_factory=dict)
    """The characters of each unquoted scalar YAML read as true/false or a date."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """Authoring slips the file reads fine with but probably does not mean (a cut sentence)."""


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.depth = 0
        self.anchor: YamlProblem | None = None

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                _location(self.file, event.start_mark),
                "anchors and aliases (*name) are not supported in course files; "
                "write the value out in full",
            )
        anchor = getattr(self.peek_event(), "anchor", None)
        if anchor and self.anchor is None:  # reported after the file, unless an alias uses it
            self.anchor = YamlProblem(
                _location(self.file, self.peek_event().start_mark),
                f"'&{anchor}' is a YAML anchor, and YAML drops it from the text; anchors are "
                "not supported in course files — if the & is part of the text, put the text "
                "in quotes",
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlProblem(
                _location(self.file, self.peek_event().start_mark),
                f"nested more than {MAX_DEPTH} levels deep; flatten the structure",
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


class _NeedsStrictReading(Exception):
    """The fast reading met something only the strict reader can locate exactly (an alias)."""


class _FastLoader(yaml.CSafeLoader):
    """libyaml's parser and composer: about fifty times faster than the pure-Python ones.

    It is used only for files whose flow nesting is shallow (libyaml's composer
    recurses in C and crashes on pathological nesting); aliases and depth are
    then checked while walking the composed tree.
    """


_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)
_BRACKETS = re.compile(r"[^\[\]{}]+")


def _flow_depth(text: str) -> int:
    """The deepest nesting of [ ] and { } (an overestimate when brackets sit in quotes)."""
    depth = deepest = 0
    for char in _BRACKETS.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


_MERGE = "tag:yaml.org,2002:merge"


def _merge_key(where: Location) -> YamlProblem:
    return YamlProblem(
        where, "merge keys ('<<:') are not supported in course files; write the keys out in full"
    )


def _location(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def path_text(path: PathKey) -> str:
    """Render a path as `slides[2].points`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Read one YAML file; raises YamlProblem with a located, actionable message."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            Location(display),
            f"file is {size / 1048576:.1f} MB; course files must be under "
            f"{MAX_FILE_BYTES // 1048576} MB — split it into several lessons",
        )
    text = decode_text(path.read_bytes(), display)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem(Location(display, 1, 1), "file is empty; expected a mapping of keys")
    # libyaml's composer does not say where an anchor was: leave such files to the strict reader.
    if _flow_depth(text) <= MAX_DEPTH and not _MAYBE_ANCHOR.search(text):
        try:
            return _parse(_FastLoader(text), text, display)
        except _NeedsStrictReading:
            pass
    return _parse(_StrictLoader(text, display), text, display)


def _parse(loader: Any, text: str, display: str) -> YamlDocument:
    try:
        node = loader.get_single_node()
        if getattr(loader, "anchor", None):
            raise loader.anchor
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        raise explain(error, display, text) from None
    except RecursionError:
        raise YamlProblem(
            Location(display, 1, 1), "nested too deeply to read; flatten the structure"
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(Location(display, 1, 1), "file is empty; expected a mapping of keys")
    walk = _Walk(display, loader, text.splitlines())
    data = walk.to_data(node, ())
    return YamlDocument(display, data, walk.locations, walk.typed, walk.warnings)


def _cut_sentence(node: SequenceNode) -> bool:
    """A [flow, list] of unquoted words that reads as one sentence cut at its commas:
    '[It feeds fraud, phishing, identity theft]' (a capitalised phrase, then lower-case ones)."""
    items = node.value
    plain = all(isinstance(i, ScalarNode) and not i.style for i in items)  # libyaml: ""
    if len(items) < 2 or not plain:
        return False
    first, rest = items[0].value, [i.value for i in items[1:]]
    return (first[:1].isupper() and " " in first.strip()
            and all(text[:1].islower() for text in rest))


def _cut_sentence_warning(node: SequenceNode, here: Location) -> Diagnostic:
    parts = [i.value for i in node.value]
    joined = ", ".join(parts)
    return Diagnostic(
        here,
        f"[{joined}] is a YAML list of {len(parts)} items ({' / '.join(parts)}), not one "
        f"sentence; if you meant one point, write it without brackets or in quotes: "
        f"- \"{joined}\"",
        severity="warning",
        code="flow-list-sentence",
    )


class _Walk:
    """Turns composed nodes into plain data, noting every location; refuses aliases and depth."""

    def __init__(self, file: str, loader: Any, lines: list[str]) -> None:
        self.file = file
        self.loader = loader
        self.lines = lines
        self.locations: dict[PathKey, Location] = {}
        self.typed: dict[PathKey, str] = {}
        self.seen: set[int] = set()
        self.warnings: list[Diagnostic] = []

    def to_data(self, node: Node, path: PathKey) -> Any:
        here = _location(self.file, node.start_mark)
        if id(node) in self.seen:  # libyaml composed an alias as a shared node
            raise _NeedsStrictReading
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise YamlProblem(
                here, f"nested more than {MAX_DEPTH} levels deep; flatten the structure"
            )
        self.locations[path] = here
        if isinstance(node, MappingNode):
            return self._mapping(node, path, here)
        if isinstance(node, SequenceNode):
            if node.flow_style and _cut_sentence(node):
                self.warnings.append(_cut_sentence_warning(node, here))
            return [self.to_data(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return self._scalar(node, here, path)
        raise YamlProblem(here, "unsupported YAML node")

    def _scalar(self, node: ScalarNode, here: Location, path: PathKey) -> Any:
        if node.tag == _MERGE:
            raise _merge_key(here)
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise YamlProblem(
                here,
                f"YAML tags like '{node.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed "
                "in course files; remove the tag",
            ) from None
        except ValueError:  # looks like a date but is none, e.g. 2027-02-30: keep the text
            value = node.value
        if node.style:  # quoted or a block (libyaml gives '' for plain, PyYAML None)
            return locate(value, here, path_text(path), node.value, None)
        if isinstance(value, bool | dt.date) or (value is None and node.value):
            self.typed[path] = node.value
        return locate(value, here, path_text(path), node.value, self._comment_after(node))

    def _comment_after(self, node: ScalarNode) -> str | None:
        """A ' # ...' comment after an unquoted scalar on its last line (it may be cut text)."""
        end = node.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        rest = line[end.column :]
        return rest.strip() if re.match(r"\s+#", rest) else None

    def _mapping(self, node: MappingNode, path: PathKey, here: Location) -> dict:
        result: dict[Any, Any] = {}
        keys: dict[str, Location] = {}
        values: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_location = _location(self.file, key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_location, "a key must be plain text, not a list or map")
            if key_node.tag == _MERGE:
                raise _merge_key(key_location)
            key = self.loader.construct_object(key_node)
            key_text = str(key).lower() if isinstance(key, bool) else str(key)
            if key_text in keys:
                first = keys[key_text]
                raise YamlProblem(
                    key_location,
                    f"duplicate key '{key_text}' (first given at line {first.line}); "
                    "keep one and delete the other",
                )
            keys[key_text] = key_location
            child_path = (*path, key_text)
            result[key_text] = self.to_data(value_node, child_path)
            values[key_text] = self.locations[child_path]
        result[ORIGIN] = Origin(here, path_text(path), keys, values)
        return result
