"""Property test over the shapes of real texts: sentences of ../shared/corpus recombined with the shapes
that broke extraction before (lists of names with party tags, nested parentheses, quotes inside
quotes, headline-only documents). No text may raise, no rule may fail on a sentence, and every offset
must point at its evidence. The shared texts are read from ../shared at run time, never copied here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.test_extractor_properties import run

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# Shapes written for this test (fictional names).
SHAPES = [
    "U.S. Representatives Ann Vale (R-WI), Bo Kerr (R-WY), Cy Dunn (D-CA), and Di Moss (D-AZ) are "
    "introducing a bill.",
    "Senators Ed Pike (D-CT) and Flo Marsh (R-MO), Chair and Ranking Member of the Subcommittee on Privacy, "
    "Technology, and the Law, will hold a hearing.",
    "The agency (NTIA (the National Telecommunications and Information Administration)) said (in a note) "
    "it would act.",
    "“He told me ‘we will “never” give up’ on this,” said Gus Hale.",
    "Hale Vows Action On Chips\n\nSecond Headline Without A Full Stop",
    "CHAIRMAN HALE: “This bill is not a ban.”",
    "Ivy Lund, Jo Park and Kai Roe released the following statement:",
    "“First paragraph of a long quotation.\n\n“Second paragraph,” said Ivy Lund.",
    "Lou Tam – $372,450 in support of (a project (with parentheses)), toward a total of $1.2 million.",
    "between $15 million and $40 million; $77,512,304.19; £400million; (R-",
    "Sec. Tam, Sen. Lund and Rep. Park (D- NY) spoke.",
]


@lru_cache(maxsize=1)
def shared_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SHARED.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            out.extend(s for s in re.split(r"(?<=[.!?”])\s+", para) if len(s) > 3)
    return out


def pieces() -> st.SearchStrategy[str]:
    sentences = shared_sentences()
    if not sentences:
        pytest.skip(f"shared corpus not found at {SHARED} (expected beside the repo in ../shared)")
    return st.one_of(st.sampled_from(sentences), st.sampled_from(SHAPES))


@pytest.fixture(scope="module", autouse=True)
def _needs_shared() -> None:
    if not shared_sentences():
        pytest.skip(f"shared corpus not found at {SHARED} (expected beside the repo in ../shared)")


SEPARATORS = st.sampled_from([" ", "\n", "\n\n", " — ", "; "])
RECOMBINED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@RECOMBINED
@given(st.lists(st.tuples(st.deferred(pieces), SEPARATORS), min_size=1, max_size=8))
def test_recombined_sentences_never_break_extraction(parts: list[tuple[str, str]]) -> None:
    run("".join(text + sep for text, sep in parts))


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_alone(shape: str) -> None:
    run(shape)
