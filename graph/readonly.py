"""Static half of the read-only Cypher guard: a small lexer and the checks EXPLAIN cannot make.

EXPLAIN reports `LOAD CSV` and procedures such as `dbms.listConfig` as reads, so they are refused
here, before Neo4j sees the query. The other halves are the EXPLAIN query-type check and the READ
transaction (see `graph.user_cypher`). Neo4j's parser decodes `\\uXXXX` escapes anywhere in
the text, so every check runs on both the raw and the decoded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import ReadOnlyViolation

__all__ = ["ALLOWED_PROCEDURES", "Token", "check_read_only", "lex"]

# Schema introspection and the full-text index queries; nothing that reads files, config or users.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
    }
)
# Namespaced built-in functions; anything else dotted and called (apoc.*, gds.*, custom) is refused.
ALLOWED_FUNCTION_NAMESPACES = ("date.", "datetime.", "localdatetime.", "localtime.", "time.",
                               "duration.", "point.", "vector.")
ALLOWED_FUNCTIONS = frozenset({"db.nameFromElementId".lower()})
START_KEYWORDS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW"})
SHOW_WORDS = frozenset({"ALL", "RANGE", "FULLTEXT", "TEXT", "POINT", "VECTOR", "LOOKUP", "UNIQUE",
                        "UNIQUENESS", "EXIST", "EXISTENCE", "NODE", "RELATIONSHIP", "REL", "KEY",
                        "PROPERTY", "TYPE"})
SHOW_TARGETS = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
MAX_QUERY_CHARS = 20_000

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_WORD = re.compile(r"[^\W\d]\w*", re.UNICODE)
_NUMBER = re.compile(r"\d[\w.]*")


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted (backtick identifier), string, param, number, punct
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper()


def _scan_quoted(text: str, i: int, quote: str) -> int:
    """Index just past the literal opening at `i`; backslash escapes, and doubled backticks."""
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\" and quote != "`":
            j += 2
            continue
        if c == quote:
            if quote == "`" and text.startswith("``", j):
                j += 2
                continue
            return j + 1
        j += 1
    raise ReadOnlyViolation(f"unterminated {quote} literal")


def lex(text: str) -> list[Token]:
    """Tokens of `text` without whitespace and comments; raises on anything it cannot read."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ReadOnlyViolation("unterminated comment")
            i = end + 2
        elif c in "'\"`":
            j = _scan_quoted(text, i, c)
            body = text[i + 1 : j - 1]
            tokens.append(Token("quoted", body.replace("``", "`")) if c == "`" else Token("string", body))
            i = j
        elif c == "$":
            m = _WORD.match(text, i + 1) or _NUMBER.match(text, i + 1)
            if m is None:
                raise ReadOnlyViolation("a `$` must start a parameter name")
            tokens.append(Token("param", m.group()))
            i = m.end()
        elif m := _WORD.match(text, i):
            tokens.append(Token("word", m.group()))
            i = m.end()
        elif m := _NUMBER.match(text, i):
            tokens.append(Token("number", m.group()))
            i = m.end()
        elif c == "\\":
            raise ReadOnlyViolation("escapes are only allowed inside string literals")
        else:
            tokens.append(Token("punct", c))
            i += 1
    return tokens


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """Read `a.b.c` (words or backtick identifiers) from `i`; returns the name and the next index."""
    parts: list[str] = []
    while i < len(tokens) and tokens[i].kind in ("word", "quoted"):
        parts.append(tokens[i].text)
        if i + 1 < len(tokens) and tokens[i + 1].text == ".":
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def _check_tokens(tokens: list[Token]) -> None:
    while tokens and tokens[-1].text == ";":
        tokens = tokens[:-1]
    if not tokens:
        raise ReadOnlyViolation("the query is empty")
    if any(t.text == ";" for t in tokens if t.kind == "punct"):
        raise ReadOnlyViolation("only one statement per request")
    first = tokens[0]
    if first.kind != "word" or first.upper not in START_KEYWORDS:
        raise ReadOnlyViolation(
            f"a query must start with one of {', '.join(sorted(START_KEYWORDS))} (got {first.text!r})"
        )
    if first.upper == "SHOW":
        # Which command it is comes before YIELD/WHERE/RETURN; the clauses after it get the checks below.
        target = next((t for t in tokens[1:] if not (t.kind == "word" and t.upper in SHOW_WORDS)), None)
        if target is None or target.kind != "word" or target.upper not in SHOW_TARGETS:
            raise ReadOnlyViolation("only SHOW INDEXES and SHOW CONSTRAINTS are allowed")
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        if tok.kind != "word" or (prev is not None and prev.text == "."):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.upper == "LOAD" and nxt is not None and nxt.upper == "CSV":
            raise ReadOnlyViolation("LOAD CSV is not allowed")
        if tok.upper in ("EXPLAIN", "PROFILE", "USE") and (nxt is None or nxt.text not in (":", ".")):
            raise ReadOnlyViolation(f"{tok.upper} is not allowed here")
        if tok.upper == "CALL" and nxt is not None and nxt.text not in ("{", "("):
            name, _ = _dotted_name(tokens, i + 1)
            if name.lower() not in ALLOWED_PROCEDURES:
                raise ReadOnlyViolation(f"procedure {name!r} is not on the allow-list")
    for i, tok in enumerate(tokens):
        if tok.kind in ("word", "quoted") and (i == 0 or tokens[i - 1].text != "."):
            name, j = _dotted_name(tokens, i)
            called = j < len(tokens) and tokens[j].text == "("
            if "." in name and called and not _function_allowed(name, tokens, i):
                raise ReadOnlyViolation(f"function {name!r} is not allowed")


def _function_allowed(name: str, tokens: list[Token], i: int) -> bool:
    low = name.lower()
    if i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].upper == "CALL":
        return True  # a procedure: already checked against the allow-list
    return low in ALLOWED_FUNCTIONS or low.startswith(ALLOWED_FUNCTION_NAMESPACES)


def check_read_only(text: str) -> None:
    """Raise `ReadOnlyViolation` unless `text` is one statement free of LOAD CSV and unlisted calls."""
    if len(text) > MAX_QUERY_CHARS:
        raise ReadOnlyViolation(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if "\x00" in text:
        raise ReadOnlyViolation("the query contains a NUL character")
    decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for variant in {text, decoded}:
        _check_tokens(lex(variant))
