"""A small interpreter of QTI 2.1 response processing: the subset of the spec our items use.

Written from the QTI 2.1 information model (section "Response Processing"), so the tests can
score a response against an exported item without trusting the exporter's own notion of it.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}


def _tag(element: Any) -> str:
    return etree.QName(element).localname


class Item:
    """An assessmentItem with its declarations, ready to process responses."""

    def __init__(self, xml: bytes) -> None:
        self.root = etree.fromstring(xml)
        self.declaration = self.root.find("q:responseDeclaration", NS)
        self.cardinality = self.declaration.get("cardinality")
        self.base_type = self.declaration.get("baseType")

    def correct_response(self) -> Any:
        """The keyed response as written in correctResponse."""
        values = [v.text for v in self.declaration.findall("q:correctResponse/q:value", NS)]
        return values[0] if self.cardinality == "single" else values

    def outcome_default(self, name: str) -> float:
        """The default value of an outcome variable, as a number."""
        for outcome in self.root.findall("q:outcomeDeclaration", NS):
            if outcome.get("identifier") == name:
                value = outcome.find("q:defaultValue/q:value", NS)
                return float(value.text) if value is not None else 0.0
        raise KeyError(name)

    def score(self, response: Any) -> float:
        """Run responseProcessing on `response` and return SCORE."""
        self.outcomes: dict[str, Any] = {"SCORE": self.outcome_default("SCORE")}
        self.response = response
        for rule in self.root.find("q:responseProcessing", NS):
            self._rule(rule)
        return float(self.outcomes["SCORE"])

    def feedback(self, response: Any) -> list[str]:
        """The texts of the modalFeedback a learner sees after `response`: those whose
        identifier is the value (or one of the values) of their outcome, when showHide=show."""
        self.score(response)
        shown = []
        for feedback in self.root.findall("q:modalFeedback", NS):
            value = self.outcomes.get(feedback.get("outcomeIdentifier"))
            values = value if isinstance(value, list) else [value]
            if (feedback.get("identifier") in values) == (feedback.get("showHide") == "show"):
                shown.append("".join(feedback.itertext()))
        return shown

    def _rule(self, rule: Any) -> None:
        kind = _tag(rule)
        if kind == "setOutcomeValue":
            self.outcomes[rule.get("identifier")] = self._expr(rule[0])
        elif kind == "responseCondition":
            for branch in rule:
                if _tag(branch) == "responseElse" or self._expr(branch[0]):
                    body = list(branch) if _tag(branch) == "responseElse" else list(branch)[1:]
                    for inner in body:
                        self._rule(inner)
                    return
        else:
            raise NotImplementedError(kind)

    def _mapping(self) -> tuple[dict[str, float], Any]:
        table = self.declaration.find("q:mapping", NS)
        entries = {}
        for entry in table.findall("q:mapEntry", NS):
            key = entry.get("mapKey")
            if entry.get("caseSensitive") == "false":
                key = key.lower()
            entries[key] = float(entry.get("mappedValue"))
        return entries, table

    def _map_response(self) -> float:
        entries, table = self._mapping()
        response = self.response
        values = [response] if self.cardinality == "single" else list(dict.fromkeys(response))
        insensitive = any(e.get("caseSensitive") == "false" for e in table)
        total = 0.0
        for value in values:
            key = value.lower() if insensitive and isinstance(value, str) else value
            total += entries.get(key, float(table.get("defaultValue", 0)))
        lower, upper = table.get("lowerBound"), table.get("upperBound")
        if lower is not None:
            total = max(total, float(lower))
        if upper is not None:
            total = min(total, float(upper))
        return total

    def _expr(self, e: Any) -> Any:
        kind = _tag(e)
        if kind == "variable":
            name = e.get("identifier")
            return self.response if name == "RESPONSE" else self.outcomes[name]
        if kind == "correct":
            return self.correct_response()
        if kind == "baseValue":
            return float(e.text) if e.get("baseType") == "float" else e.text
        if kind == "isNull":
            value = self._expr(e[0])
            return value is None or value == [] or value == ""
        if kind == "stringMatch":
            a, b = self._expr(e[0]), self._expr(e[1])
            if a is None:
                return False
            if e.get("caseSensitive") == "false":
                a, b = a.lower(), b.lower()
            return a == b
        if kind == "mapResponse":
            return self._map_response()
        if kind == "sum":
            return sum(float(self._expr(x)) for x in e)
        if kind == "index":
            values = self._expr(e[0])
            n = int(e.get("n"))
            return values[n - 1] if values and len(values) >= n else None
        if kind == "match":
            a, b = self._expr(e[0]), self._expr(e[1])
            if self.cardinality == "multiple" and isinstance(a, list) and isinstance(b, list):
                return sorted(a) == sorted(b)
            return a == b
        if kind == "equal":
            a, b = float(self._expr(e[0])), float(self._expr(e[1]))
            mode = e.get("toleranceMode", "exact")
            if mode == "exact":
                return a == b
            t0, t1 = (float(t) for t in (e.get("tolerance").split() * 2)[:2])
            if mode == "absolute":
                return b - t0 <= a <= b + t1
            return b * (1 - t0 / 100) <= a <= b * (1 + t1 / 100)
        raise NotImplementedError(kind)
