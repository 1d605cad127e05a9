"""Safe YAML reading that keeps the line and column of every key and value.

Stricter than PyYAML's defaults, because course files are written by hand:
duplicate keys, anchors/aliases, huge files and deep nesting are refused with
a located message instead of being silently accepted (or hanging).
"""

from __future__ import annotations

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

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed file: plain data (mappings carry their Origin) and the location of every value."""

    file: str
    data: Any
    locations: dict[PathKey, Location]
    warnings: list[Diagnostic] = field(default_factory=list)
    """Authoring slips the file reads fine with but probably does not mean (a cut sentence)."""


class LocatedStr(str):
    """A string from a YAML file that remembers where it was written.

    Pydantic turns it into a plain `str` on validation; before that, a model that
    accepts a bare string as shorthand (a point, an answer) reads its location.
    """

    __slots__ = ("location",)

    def __reduce__(self) -> tuple:
        return (str, (str(self),))


class YamlProblem(Exception):
    """A file that cannot be read as course YAML, with the place and the fix."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(location, message, code="yaml")


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                _location(self.file, event.start_mark),
                "anchors and aliases (*name) are not supported in course files; "
                "write the value out in full",
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


_BRACKETS = re.compile(r"[^\[\]{}]+")


def _flow_depth(text: str) -> int:
    """The deepest nesting of [ ] and { } (an overestimate when brackets sit in quotes)."""
    depth = deepest = 0
    for char in _BRACKETS.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem(
            Location(display, line, column),
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem(Location(display, 1, 1), "file is empty; expected a mapping of keys")
    if _flow_depth(text) <= MAX_DEPTH:
        try:
            return _parse(_FastLoader(text), text, display)
        except _NeedsStrictReading:
            pass
    return _parse(_StrictLoader(text, display), text, display)


def _parse(loader: Any, text: str, display: str) -> YamlDocument:
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        raise _explain(error, display, text) from None
    except RecursionError:
        raise YamlProblem(
            Location(display, 1, 1), "nested too deeply to read; flatten the structure"
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(Location(display, 1, 1), "file is empty; expected a mapping of keys")
    locations: dict[PathKey, Location] = {}
    walk = _Walk(display, loader, locations)
    data = walk.to_data(node, ())
    return YamlDocument(display, data, locations, walk.warnings)


def _explain(error: yaml.MarkedYAMLError, file: str, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    location = _location(file, mark) if mark else Location(file)
    problem = error.problem or error.context or "is not valid YAML"
    if "'\\t'" in problem or "\t" in _line(text, mark):
        message = "tab character in indentation; YAML indents with spaces only — replace tabs"
    elif "expected a single document" in (error.context or ""):
        message = "more than one YAML document ('---'); keep one document per file"
    elif "mapping values are not allowed" in problem:
        message = (
            "unexpected ':' — a value containing ': ' must be quoted, "
            "or the indentation of this line is off"
        )
    elif "could not find expected ':'" in problem:
        message = "expected 'key: value' here; check the indentation and quoting"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        message = "indentation does not match the lines above; line up keys at the same column"
    elif "found undefined tag" in problem or "could not determine a constructor" in problem:
        message = "custom YAML tags (!tag) are not allowed in course files"
    else:
        message = f"not valid YAML: {problem}"
    return YamlProblem(location, message)


def _line(text: str, mark: Any) -> str:
    if not mark:
        return ""
    lines = text.splitlines()
    return lines[mark.line] if mark.line < len(lines) else ""


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

    def __init__(self, file: str, loader: Any, locations: dict[PathKey, Location]) -> None:
        self.file = file
        self.loader = loader
        self.locations = locations
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
            return self._scalar(node, here)
        raise YamlProblem(here, "unsupported YAML node")

    def _scalar(self, node: ScalarNode, here: Location) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise YamlProblem(
                here,
                f"YAML tags like '{node.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed "
                "in course files; remove the tag",
            ) from None
        if isinstance(value, str):
            value = LocatedStr(value)
            value.location = here
        return value

    def _mapping(self, node: MappingNode, path: PathKey, here: Location) -> dict:
        result: dict[Any, Any] = {}
        keys: dict[str, Location] = {}
        values: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_location = _location(self.file, key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_location, "a key must be plain text, not a list or map")
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
