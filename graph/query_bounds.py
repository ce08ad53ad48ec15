"""Static bounds on user Cypher: refuse the work Neo4j cannot interrupt, before it starts.

Neo4j checks for termination between rows and inside graph operations, so a timeout or
`TERMINATE TRANSACTION` stops `UNWIND`, `MATCH`, paths, sorts and collects (the memory limits catch
the last two sooner). It does not check inside one expression: a `reduce`, list comprehension or
quantifier over a huge list, a string or list grown step by step, or a catastrophic regular
expression keeps a core busy until it finishes, minutes or hours after its transaction was
"terminated" (measured: tests/security/bombs.py). Those are refused here by general rules on the
query's text and parameters, each with its reason:

- `range()` takes integer literals or integer parameters and yields at most `MAX_RANGE` values;
- a loop inside an expression (`[x IN list ...]`, `reduce`, `any`/`all`/`none`/`single`) nested in
  the body of another one needs two lists of known size whose product is at most `MAX_NESTED_STEPS`;
- `reduce` folds a list of known size up to `MAX_REDUCE_STEPS` (or a path's `nodes`/`relationships`)
  and names its accumulator once in its step, so it can neither double nor grow quadratically;
- `=~` takes a literal or parameter pattern without nested or alternated quantifiers, backreferences,
  large counted repetitions or more than `MAX_UNBOUNDED_QUANTIFIERS` unbounded quantifiers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryRefused
from graph.readonly import Token, lex

__all__ = ["MAX_NESTED_STEPS", "MAX_RANGE", "MAX_REDUCE_STEPS", "check_bounds"]

MAX_RANGE = 1_000_000
MAX_NESTED_STEPS = 1_000_000
MAX_REDUCE_STEPS = 10_000
MAX_PATTERN_CHARS = 500
MAX_UNBOUNDED_QUANTIFIERS = 2
MAX_REPEAT = 100

QUANTIFIERS = frozenset({"ANY", "ALL", "NONE", "SINGLE"})
PATH_LISTS = frozenset({"NODES", "RELATIONSHIPS"})
# Lists of one path or one entity: their length is not known before the query runs, but it is the
# length of a path or the number of labels or keys, so they count as this many values.
ENTITY_LISTS = PATH_LISTS | {"LABELS", "KEYS"}
ENTITY_LIST_SIZE = 1_000
_OPEN = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class Loop:
    """An iteration inside one expression: its list's token span and its body's span."""

    kind: str  # "comprehension", "reduce", "quantifier"
    start: int
    end: int  # index of the closing bracket
    list_span: tuple[int, int]
    body_span: tuple[int, int]
    size: int | None  # statically known length of the list
    variable: str = ""
    accumulator: str = ""


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the bracket closing the one at `i` (the lexer already proved the text well formed)."""
    opener, depth = tokens[i].text, 0
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t.kind != "punct":
            continue
        if t.text == opener:
            depth += 1
        elif t.text == _OPEN[opener]:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1  # unbalanced: Neo4j refuses it anyway


def _top_level(tokens: list[Token], lo: int, hi: int, words: set[str], puncts: set[str]) -> list[int]:
    """Indexes in [lo, hi) of the given keywords or punctuation outside any bracket."""
    out, depth = [], 0
    for j in range(lo, hi):
        t = tokens[j]
        if t.kind == "punct" and t.text in _OPEN:
            depth += 1
        elif t.kind == "punct" and t.text in _OPEN.values():
            depth -= 1
        elif depth == 0 and (t.upper in words if t.kind == "word" else t.text in puncts):
            out.append(j)
    return out


def _is_call(tokens: list[Token], i: int, names: frozenset[str] | set[str]) -> bool:
    t = tokens[i]
    return (t.kind == "word" and t.upper in names and i + 1 < len(tokens) and tokens[i + 1].text == "("
            and not (i > 0 and tokens[i - 1].text == "."))


def _integer(tokens: list[Token], params: Mapping[str, Any]) -> int | None:
    """The value of an argument that is an integer literal (maybe negative) or an integer parameter."""
    sign = 1
    if len(tokens) == 2 and tokens[0].text in "-+" and tokens[0].kind == "punct":
        sign, tokens = (-1 if tokens[0].text == "-" else 1), tokens[1:]
    if len(tokens) != 1:
        return None
    t = tokens[0]
    if t.kind == "number":
        try:
            return sign * int(t.text.replace("_", ""), 0)
        except ValueError:
            return None
    if t.kind == "param":
        value = params.get(t.text)
        if isinstance(value, int) and not isinstance(value, bool):
            return sign * value
    return None


def _range_size(tokens: list[Token], i: int, params: Mapping[str, Any]) -> int:
    """Length of the `range(...)` call at `i`; refuses bounds that are not known integers or too many."""
    close = _closing(tokens, i + 1)
    commas = _top_level(tokens, i + 2, close, set(), {","})
    bounds = [i + 1, *commas, close]
    args = [tokens[a + 1 : b] for a, b in itertools.pairwise(bounds)]
    values = [_integer(arg, params) for arg in args]
    if len(values) not in (2, 3) or any(v is None for v in values):
        raise QueryRefused(
            "range() needs integer literals or integer parameters as bounds, so its size is known before "
            "the query runs")
    start, end, step = values[0], values[1], values[2] if len(values) == 3 else 1
    assert start is not None and end is not None and step is not None
    if step == 0:
        raise QueryRefused("range() needs a step other than 0")
    size = max(0, (end - start) // step + 1)
    if size > MAX_RANGE:
        raise QueryRefused(
            f"range() of {size:,} values is refused: at most {MAX_RANGE:,}; Neo4j cannot interrupt an "
            "expression that iterates over it")
    return size


def _list_size(tokens: list[Token], lo: int, hi: int, params: Mapping[str, Any]) -> int | None:
    """The length of the list expression tokens[lo:hi] when it is a range, a literal list or a parameter."""
    span = tokens[lo:hi]
    if not span:
        return None
    if len(span) == 1 and span[0].kind == "param":
        value = params.get(span[0].text)
        return len(value) if isinstance(value, list | tuple | str) else None
    if _is_call(tokens, lo, {"RANGE"}) and _closing(tokens, lo + 1) == hi - 1:
        return _range_size(tokens, lo, params)
    if _is_call(tokens, lo, ENTITY_LISTS) and _closing(tokens, lo + 1) == hi - 1:
        return ENTITY_LIST_SIZE
    if span[0].text == "[" and _closing(tokens, lo) == hi - 1:
        inner = tokens[lo + 1 : hi - 1]
        if not inner:
            return 0
        if len(inner) > 1 and inner[1].kind == "word" and inner[1].upper == "IN":
            return None  # a comprehension, not a literal
        if inner[0].text == "(":
            return None  # a pattern comprehension
        return len(_top_level(tokens, lo + 1, hi - 1, set(), {","})) + 1
    return None


def _loops(tokens: list[Token], params: Mapping[str, Any]) -> list[Loop]:
    loops = []
    for i, t in enumerate(tokens):
        if t.kind == "punct" and t.text == "[" and i + 2 < len(tokens) and tokens[i + 1].kind in (
                "word", "quoted") and tokens[i + 2].kind == "word" and tokens[i + 2].upper == "IN":
            close = _closing(tokens, i)
            stops = _top_level(tokens, i + 3, close, {"WHERE"}, {"|"})
            list_end = stops[0] if stops else close
            loops.append(Loop("comprehension", i, close, (i + 3, list_end), (list_end, close),
                              _list_size(tokens, i + 3, list_end, params), tokens[i + 1].text))
        elif _is_call(tokens, i, QUANTIFIERS) and i + 3 < len(tokens) and tokens[i + 3].upper == "IN":
            close = _closing(tokens, i + 1)
            stops = _top_level(tokens, i + 4, close, {"WHERE"}, set())
            list_end = stops[0] if stops else close
            loops.append(Loop("quantifier", i, close, (i + 4, list_end), (list_end, close),
                              _list_size(tokens, i + 4, list_end, params), tokens[i + 2].text))
        elif _is_call(tokens, i, {"REDUCE"}):
            loops.append(_reduce(tokens, i, params))
    headers = {lp.list_span[0] - 1 for lp in loops}  # the IN of each loop's header
    for i, t in enumerate(tokens):
        if t.kind == "word" and t.upper == "IN" and i not in headers:
            loops.append(_membership(tokens, i, params))
        elif _is_call(tokens, i, {"RANGE"}):  # building a range walks it once
            close = _closing(tokens, i + 1)
            size = _range_size(tokens, i, params)
            loops.append(Loop("range", i, close, (i, close + 1), (close, close), size))
    return loops


def _membership(tokens: list[Token], i: int, params: Mapping[str, Any]) -> Loop:
    """`x IN list` walks the list: a loop over its right operand, when that is a single term."""
    lo = i + 1
    if lo >= len(tokens):
        return Loop("membership", i, i, (lo, lo), (i, i), None)
    t = tokens[lo]
    if t.kind == "param":
        hi = lo + 1
    elif t.text == "[":
        hi = _closing(tokens, lo) + 1
    elif tokens[lo].kind == "word" and lo + 1 < len(tokens) and tokens[lo + 1].text == "(":
        hi = _closing(tokens, lo + 1) + 1
    else:
        hi = lo + 1
    return Loop("membership", i, hi - 1, (lo, hi), (i, i), _list_size(tokens, lo, hi, params))


def _reduce(tokens: list[Token], i: int, params: Mapping[str, Any]) -> Loop:
    """`reduce(acc = init, x IN list | step)`; refused unless bounded as the module docstring says."""
    close = _closing(tokens, i + 1)
    comma = _top_level(tokens, i + 2, close, set(), {","})
    bar = _top_level(tokens, i + 2, close, set(), {"|"})
    if not comma or not bar or comma[0] + 2 >= bar[0] or tokens[comma[0] + 2].upper != "IN":
        raise QueryRefused("reduce() must have the form reduce(acc = initial, x IN list | step)")
    accumulator, variable = tokens[i + 2].text, tokens[comma[0] + 1].text
    list_lo, list_hi = comma[0] + 3, bar[0]
    size = _list_size(tokens, list_lo, list_hi, params)
    over_path = _is_call(tokens, list_lo, PATH_LISTS) and _closing(tokens, list_lo + 1) == list_hi - 1
    if not over_path and (size is None or size > MAX_REDUCE_STEPS):
        raise QueryRefused(
            f"reduce() may fold at most {MAX_REDUCE_STEPS:,} values from a range, a list literal, a "
            "parameter or a path's nodes/relationships: Neo4j cannot interrupt a longer fold")
    step = tokens[bar[0] + 1 : close]
    uses = sum(1 for t in step if t.kind in ("word", "quoted") and t.text == accumulator)
    if uses > 1:
        raise QueryRefused(
            f"reduce() names its accumulator {accumulator!r} {uses} times in its step; it may appear once, "
            "or the value can double at every step")
    return Loop("reduce", i, close, (list_lo, list_hi), (bar[0], close), size, variable, accumulator)


def _check_nesting(loops: list[Loop]) -> None:
    """The steps of loops nested in each other's bodies multiply; each chain must be known and bounded."""
    for inner in loops:
        chain = [o for o in loops
                 if o is not inner and o.body_span[0] <= inner.start and inner.end < o.body_span[1]]
        if not chain:
            continue
        outer = max(chain, key=lambda o: o.start)  # the innermost enclosing loop, for the message
        if inner.size is None or any(o.size is None for o in chain):
            raise QueryRefused(
                f"a {inner.kind} inside a {outer.kind} needs lists of known size (a range, a list literal or "
                "a parameter): Neo4j cannot interrupt nested loops in one expression")
        steps = inner.size
        for o in chain:
            steps *= o.size or 1
        if steps > MAX_NESTED_STEPS:
            raise QueryRefused(
                f"nested loops of {steps:,} steps in one expression are refused (at most "
                f"{MAX_NESTED_STEPS:,})")


# -- regular expressions ------------------------------------------------------------------------------------

_COUNTED = re.compile(r"\{(\d+)(,(\d*))?\}")


def check_pattern(pattern: str) -> None:
    """Refuse a Java regular expression that can backtrack catastrophically."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise QueryRefused(f"a regular expression may have at most {MAX_PATTERN_CHARS} characters")
    if re.search(r"\\[1-9]|\\k<", pattern):
        raise QueryRefused("backreferences in a regular expression are refused (exponential time)")
    # stack of groups: does the group contain a quantifier or an alternation?
    groups: list[dict[str, bool]] = [{"quantified": False, "alternation": False}]
    unbounded, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class is one atom: skip to its end
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            quantifier = _quantifier(pattern, i)
        elif c == "(":
            groups.append({"quantified": False, "alternation": False})
            i += 1
            continue
        elif c == ")":
            inner = groups.pop() if len(groups) > 1 else {"quantified": False, "alternation": False}
            i += 1
            quantifier = _quantifier(pattern, i)
            if quantifier and (inner["quantified"] or inner["alternation"]):
                raise QueryRefused(
                    "a quantifier on a group that holds a quantifier or an alternation is refused "
                    "(nested quantifiers make a regular expression take exponential time)")
            if inner["quantified"]:
                groups[-1]["quantified"] = True
        elif c == "|":
            groups[-1]["alternation"] = True
            i += 1
            continue
        else:
            i += 1
            quantifier = _quantifier(pattern, i)
        if quantifier:
            text, is_unbounded = quantifier
            groups[-1]["quantified"] = True
            unbounded += is_unbounded
            i += len(text)
    if unbounded > MAX_UNBOUNDED_QUANTIFIERS:
        raise QueryRefused(
            f"a regular expression may have at most {MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers "
            f"(*, +, {{n,}}); it has {unbounded}. Use CONTAINS, STARTS WITH or ENDS WITH instead")


def _quantifier(pattern: str, i: int) -> tuple[str, bool] | None:
    """The quantifier starting at `i` (with a lazy/possessive suffix) and whether it is unbounded."""
    if i >= len(pattern):
        return None
    text, unbounded = "", False
    if pattern[i] in "*+":
        text, unbounded = pattern[i], True
    elif pattern[i] == "?":
        text = "?"
    elif m := _COUNTED.match(pattern, i):
        text = m.group()
        low, upper = int(m.group(1)), m.group(3)
        unbounded = m.group(2) is not None and not upper
        if max(low, int(upper) if upper else 0) > MAX_REPEAT:
            raise QueryRefused(f"counted repetition above {MAX_REPEAT} in a regular expression is refused")
    else:
        return None
    if i + len(text) < len(pattern) and pattern[i + len(text)] in "?+":
        text += pattern[i + len(text)]
    return text, unbounded


def _check_regex(tokens: list[Token], params: Mapping[str, Any]) -> None:
    for i in range(len(tokens) - 1):
        if not (tokens[i].text == "=" and tokens[i + 1].text == "~"):
            continue
        operand = tokens[i + 2] if i + 2 < len(tokens) else None
        after = tokens[i + 3] if i + 3 < len(tokens) else None
        if operand is None or operand.kind not in ("string", "param") or (
                after is not None and after.kind == "punct" and after.text in "+[.("):
            raise QueryRefused("the pattern of =~ must be a string literal or a parameter, to be checked")
        if operand.kind == "param":
            value = params.get(operand.text)
            if not isinstance(value, str):
                raise QueryRefused(f"the pattern parameter ${operand.text} of =~ must be a string")
            check_pattern(value)
        else:
            check_pattern(_unescape(operand.text))


def _unescape(body: str) -> str:
    """A Cypher string literal's value: `\\uXXXX` decoded (it could hide a bracket), `\\x` is x."""
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5 else m.group(1), body)


def check_bounds(text: str, params: Mapping[str, Any] | None = None) -> None:
    """Raise `QueryRefused` when `text` holds work Neo4j could not interrupt (see the module docstring)."""
    params = params or {}
    tokens = lex(text)
    for i in range(len(tokens)):
        if _is_call(tokens, i, {"RANGE"}):
            _range_size(tokens, i, params)
    _check_nesting(_loops(tokens, params))
    _check_regex(tokens, params)
