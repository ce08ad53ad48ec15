"""The hostile texts of issue 8, shared by the API and CLI tests. Each is (name, text, bytes-or-None)."""

from __future__ import annotations

import random

TEN_MB = 10 * 1024 * 1024


def _words(n: int) -> str:
    rng = random.Random(8)
    vocab = ["the", "Commission", "said", "Vestager", "policy", "and", "funds", "AI", "of", "regulation",
             "Google", "France", "new", "rules", "for", "chips", "which", "would", "help", "citizens"]
    return " ".join(rng.choice(vocab) for _ in range(n)) + "."


def _html() -> str:
    row = ('<p class="x">Margrethe Vestager, Executive Vice-President of the European Commission, said: '
           '&ldquo;The AI Act protects citizens.&rdquo;</p><script>alert("x")</script>\n')
    return f"<!doctype html><html><head><title>t</title></head><body>{row * 200}</body></html>"


def _binary() -> bytes:
    rng = random.Random(1)
    return bytes(rng.randrange(256) for _ in range(4096))


# Texts that are valid Unicode; each must give a clear error or a sane result.
TEXTS: dict[str, str] = {
    "empty": "",
    "whitespace": " \n\t \r\n   ",
    "control_characters": "".join(chr(c) for c in range(1, 32)) * 50,
    "html": _html(),
    "quotes_100": '"' * 100,
    "quotes_100k": '"' * 100_000,
    "curly_quotes_100k": "“”" * 50_000,
    "quotes_spaced_100k": '" ' * 50_000,
    "nested_brackets": "(" * 10_000 + ")" * 10_000,
    "nested_mixed_brackets": "Vestager said " + "([{<" * 5_000 + "x" + ">}])" * 5_000,
    "sentence_50k_words": _words(50_000),
}
# Byte strings that are not UTF-8 text.
BYTES: dict[str, bytes] = {
    "binary": _binary(),
    "invalid_utf8": "Vestager said “rules”.".encode("cp1252") + b"\xff\xfe\xc3\x28",
}
SLOW = {"sentence_50k_words"}
