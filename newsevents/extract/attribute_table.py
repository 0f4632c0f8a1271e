"""A table-driven stand-in for the model's ``attribute_ruler``, with the same output.

The English pipelines map every fine tag to its coarse POS and morphology, plus a
few word exceptions, with about 180 ``Matcher`` patterns. Running the ``Matcher``
over every token costs about a tenth of the whole parse. The patterns are plain
tests (equality, ``IN``, ``NOT_IN``, ``REGEX``) of a token's tag, lowercase form,
dependency label or whitespace flag, so a single-token rule's outcome follows
from those four values and is worked out once per combination. Rules apply in
the ruler's own order (later rules win), exactly as
``AttributeRuler.set_annotations`` does.

:func:`compile_rules` refuses any pattern it cannot reproduce exactly (other
operators or attributes); the pipeline then keeps the original component.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# Matcher pattern keys this module reproduces, and the Token attribute each compares.
_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


class Unsupported(ValueError):
    """A ruler pattern that the table cannot reproduce exactly."""


@dataclass(frozen=True)
class Test:
    """One Matcher test of a token attribute: equality or ``IN``, ``NOT_IN`` or ``REGEX``."""

    attr: str
    op: str  # "in" (equality is a one-value "in"), "not_in" or "regex"
    values: frozenset[Any] = frozenset()
    pattern: re.Pattern[str] | None = None

    def __call__(self, tok: Token) -> bool:
        value = getattr(tok, self.attr)
        if self.op == "in":
            return value in self.values
        if self.op == "not_in":
            return value not in self.values
        return self.pattern is not None and self.pattern.search(value) is not None


@dataclass(frozen=True)
class Rule:
    """One pattern of the ruler: token tests, the target token and the attributes it sets."""

    order: int
    tests: tuple[tuple[Test, ...], ...]
    index: int
    attrs: dict[Any, Any]

    def matches(self, doc: Doc, start: int) -> bool:
        """Whether the pattern matches the tokens from ``start``."""
        if start + len(self.tests) > len(doc):
            return False
        return all(test(doc[start + k]) for k, tests in enumerate(self.tests) for test in tests)

    def first(self, attr: str) -> frozenset[Any] | None:
        """The values the first token's ``attr`` must take, if it is tested that way."""
        return next((t.values for t in self.tests[0] if t.attr == attr and t.op == "in"), None)


def _test(key: str, value: Any) -> Test:
    attr, flag = _KEYS[key], key == "IS_SPACE"  # a flag's values are bools, others strings
    op, values = "in", value
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
            raise Unsupported(f"{key} operator {sorted(value)}")
        op, values = next(iter(value.items()))
        op = op.lower()
    if op == "regex":
        if flag or not isinstance(values, str):
            raise Unsupported(f"{key} REGEX {values!r}")
        return Test(attr, op, pattern=re.compile(values))
    values = values if isinstance(values, list) else [values]
    # bool is not a subclass of str nor subclassable, so this rejects 1 for True and True for
    # "True" just as an exact type test would
    if not all(isinstance(v, bool if flag else str) for v in values):
        raise Unsupported(f"{key}={value!r}")
    return Test(attr, op, frozenset(values))


def _tests(token_pattern: dict[str, Any]) -> tuple[Test, ...]:
    for key in token_pattern:
        if key not in _KEYS:
            raise Unsupported(f"pattern key {key}")
    return tuple(_test(key, value) for key, value in token_pattern.items())


def compile_rules(ruler: AttributeRuler) -> list[Rule]:
    """The ruler's patterns as :class:`Rule` objects, in the ruler's order."""
    rules = []
    for order, attrs in enumerate(ruler.attrs):
        for pattern in ruler.matcher.get(ruler.vocab.strings[str(order)])[1]:
            if not pattern:
                raise Unsupported("empty pattern")
            tests = tuple(_tests(tok) for tok in pattern)
            index = ruler.indices[order]
            if not -len(tests) <= index < len(tests):
                raise Unsupported(f"index {index} outside a {len(tests)}-token pattern")
            rules.append(Rule(order, tests, index % len(tests), attrs))
    return rules


class AttributeTable:
    """The ruler's rules, answered from a memo for single-token rules.

    A single-token rule's outcome depends only on the token's tag, lowercase form,
    dependency label and whitespace flag, so each distinct combination is worked out
    once. The few multi-token rules are indexed by their first token's tag or word.
    """

    MEMO_SIZE = 200_000  # distinct (tag, word, label, space) keys kept before starting over

    def __init__(self, rules: list[Rule] | None = None) -> None:
        self.set_rules(rules or [])

    def set_rules(self, rules: list[Rule]) -> None:
        """Index ``rules`` (they replace any held before)."""
        self.single = [r for r in rules if len(r.tests) == 1]
        self.memo: dict[tuple[str, str, str, bool], tuple[tuple[int, dict[Any, Any]], ...]] = {}
        self.by_tag: dict[str, list[Rule]] = defaultdict(list)
        self.by_lower: dict[str, list[Rule]] = defaultdict(list)
        self.other: list[Rule] = []
        for rule in rules:
            if len(rule.tests) == 1:
                continue
            tags, words = rule.first("tag_"), rule.first("lower_")
            if tags is not None:
                for tag in tags:
                    self.by_tag[tag].append(rule)
            elif words is not None:
                for word in words:
                    self.by_lower[word].append(rule)
            else:
                self.other.append(rule)

    def _single_hits(self, tok: Token) -> tuple[tuple[int, dict[Any, Any]], ...]:
        key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
        hits = self.memo.get(key)
        if hits is None:
            if len(self.memo) >= self.MEMO_SIZE:
                self.memo.clear()
            hits = self.memo[key] = tuple(
                (r.order, r.attrs) for r in self.single if all(t(tok) for t in r.tests[0])
            )
        return hits

    def __call__(self, doc: Doc) -> Doc:
        hits: list[tuple[int, int, int, dict[Any, Any]]] = []
        for tok in doc:
            for order, attrs in self._single_hits(tok):
                hits.append((order, tok.i, tok.i, attrs))
            for bucket in (
                self.by_tag.get(tok.tag_, ()),
                self.by_lower.get(tok.lower_, ()),
                self.other,
            ):
                for rule in bucket:
                    if rule.matches(doc, tok.i):
                        hits.append((rule.order, tok.i, tok.i + rule.index, rule.attrs))
        # the ruler's order: by rule, then by position; a later rule overrides an earlier one
        hits.sort(key=lambda h: (h[0], h[1]))
        for _, _, target, attrs in hits:
            set_token_attrs(doc[target], attrs)
        return doc


@Language.factory("attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """An empty table; :func:`replace_ruler` fills it from the model's ruler."""
    return AttributeTable()


def replace_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's ``attribute_ruler`` for an :class:`AttributeTable` of its rules.

    Returns False, leaving the pipeline as it was, when there is no such ruler or a
    pattern cannot be reproduced exactly.
    """
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        rules = compile_rules(ruler)
    except Unsupported:
        return False
    table = nlp.add_pipe("attribute_table", name="attribute_table", before=name)
    table.set_rules(rules)
    nlp.remove_pipe(name)
    return True
