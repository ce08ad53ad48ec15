"""Quote attribution, one test per hard case of issue 3, including texts that must yield nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from graph.model import Document, Extraction
from ingest.pipeline import extract_doc


def said(ex: Extraction) -> list[tuple[str, str]]:
    return [(q.speaker.name, q.text) for q in ex.of_kind("quote")]


def test_quote_before_the_cue(run: Callable) -> None:
    assert said(run("“We will act,” said Director Marisol Quenby.")) == [("Marisol Quenby", "We will act,")]


def test_quote_after_the_cue(run: Callable) -> None:
    ex = run('Maria Lindqvist said: "We will expand the program next year."')
    assert said(ex) == [("Maria Lindqvist", "We will expand the program next year.")]


def test_cue_inside_a_split_quote(run: Callable) -> None:
    ex = run('Ana Torres spoke first. "We are ready," she said, "and we will act quickly."')
    assert said(ex) == [("Ana Torres", "We are ready,"), ("Ana Torres", "and we will act quickly.")]


def test_multi_sentence_quote_and_a_following_uncued_one(run: Callable) -> None:
    ex = run("“One sentence. Two sentences,” said Odile Farrant. “A third that nobody cued.”")
    assert [s for s, _ in said(ex)] == ["Odile Farrant", "Odile Farrant"]
    assert said(ex)[0][1] == "One sentence. Two sentences,"


def test_multi_paragraph_quote(run: Callable) -> None:
    ex = run("Odile Farrant spoke.\n\n“Access is concentrated.\n\n“Clusters are public goods,” Farrant said.")
    # one quotation per paragraph, as the shared gold counts them, both from the one cue
    assert said(ex) == [
        ("Odile Farrant", "Access is concentrated."),
        ("Odile Farrant", "Clusters are public goods,"),
    ]


def test_nested_title_and_bracketed_insertions(run: Callable) -> None:
    ex = run("“I read ‘The Silicon Wall’ twice and [it] changed my mind,” said Paul Okafor.")
    assert said(ex) == [("Paul Okafor", "I read ‘The Silicon Wall’ twice and [it] changed my mind,")]


def test_several_speakers_then_they(run: Callable) -> None:
    ex = run(
        "“Allies must coordinate,” Jonas Berg, of the Northbridge Institute, and Priya Natarajan, "
        "of the Meridian Center, said.\n\n“Controls alone will not work,” they wrote."
    )
    assert sorted(said(ex)) == [
        ("Jonas Berg", "Allies must coordinate,"),
        ("Jonas Berg", "Controls alone will not work,"),
        ("Priya Natarajan", "Allies must coordinate,"),
        ("Priya Natarajan", "Controls alone will not work,"),
    ]


def test_pronoun_surname_and_title_resolve_to_the_full_name(run: Callable) -> None:
    ex = run(
        "Teodor Lisk runs the Kestrel Data Institute. “Markets will not fix this,” he said.\n\n"
        "“Nor will subsidies alone,” Lisk added.\n\n"
        "“We need both,” Chairman Lisk said."
    )
    assert [s for s, _ in said(ex)] == ["Teodor Lisk"] * 3


def test_pronoun_prefers_the_subject_over_a_later_possessive(run: Callable) -> None:
    ex = run(
        "Jiang Lin is the new director of the Policy Office. In a speech, he praised "
        "President Wu Hao’s ruling party.\n\n“We must rely on ourselves in technology,” he wrote."
    )
    assert said(ex)[-1][0] == "Jiang Lin"


def test_according_to(run: Callable) -> None:
    ex = run("Chip demand “will double by 2030 and keep rising,” according to the Meridian Center.")
    assert said(ex) == [("Meridian Center", "will double by 2030 and keep rising,")]


def test_partial_quote_carried_by_a_reporting_verb(run: Callable) -> None:
    ex = run("Paul Okafor outlined a vision of an “open research commons” for the region.")
    assert said(ex) == [("Paul Okafor", "open research commons")]


def test_organisations_as_speakers(run: Callable) -> None:
    ex = run(
        "The Joint Committee on Technology Trade (JCTT) met on Monday. The backlog “has grown for three "
        "years,” the committee said. The office “lacks the staff,” according to the JCTT."
    )
    assert [s for s, _ in said(ex)] == ["Joint Committee on Technology Trade"] * 2


@pytest.mark.parametrize(
    "text",
    [
        "‘Core mission’\n\nThe agency met on Monday.",
        "China’s ‘techno-nationalism’ and the innovation war",
        "His views illustrate China’s idea of “sharing technology.”",
        "Supporters of the “Shared Labs” program describe it as a success.",
        "Critics call it the so-called “open science” push.",
        "The policy is part of the “Made in China 2025” plan.",
        "The report, titled “Chips and Consequences,” said the Harbor Foundation was wrong.",
    ],
)
def test_headings_scare_quotes_and_labels_yield_nothing(run: Callable, text: str) -> None:
    assert said(run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes.',
        "”Backwards“ marks, said Ann Lee.",
        "'''\"\"\"«»‹›„‟",
        "“Unclosed at the end, said Ann Lee",
        "«Nous agirons», said Claire Dubois. ‹Petit›",
        '" " “ ” ‘ ’',
    ],
)
def test_unbalanced_or_unusual_marks_never_crash(nlp: Language, text: str) -> None:
    # Straight to the extractors: `extract` itself refuses mark-only texts as not prose.
    quotes = extract_doc(Document(source="odd.txt", text=text), nlp(text)).of_kind("quote")
    assert all(q.text and q.speaker.name for q in quotes)


def test_guillemets_are_attributed(run: Callable) -> None:
    assert said(run("«Nous agirons vite», said Claire Dubois.")) == [("Claire Dubois", "Nous agirons vite")]


def test_question_cue_and_a_surname_the_model_mislabels(run: Callable) -> None:
    ex = run(
        "“Why now?” asked Dieter Vanhove, an analyst at Eurasia Group.\n\n"
        "“It is a blunt instrument,” Vanhove, 54, said."
    )
    assert [s for s, _ in said(ex)] == ["Dieter Vanhove", "Dieter Vanhove"]


def test_a_spokesperson_for_an_agency_speaks_for_it(run: Callable) -> None:
    ex = run("“No comment,” a spokesperson for the Commerce Department said.")
    assert said(ex) == [("U.S. Department of Commerce", "No comment,")]


def test_the_title_word_refers_to_the_person_who_holds_it(run: Callable) -> None:
    ex = run("Digital Minister Caspian Hollow opened the debate.\n\n“We will not delay,” the minister said.")
    assert said(ex) == [("Caspian Hollow", "We will not delay,")]


def test_second_segment_after_a_mid_sentence_cue_keeps_the_speaker(run: Callable) -> None:
    ex = run(
        "“Nobody should be surprised,” said Assistant Secretary for Export Enforcement Rafael Ibarra, "
        "“that the licences were refused.”"
    )
    assert [s for s, _ in said(ex)] == ["Rafael Ibarra", "Rafael Ibarra"]


def test_as_x_put_it_is_a_cue(run: Callable) -> None:
    ex = run('As Senator Mira Castellanos put it at a hearing, "the money has to reach the labs first."')
    assert said(ex) == [("Mira Castellanos", "the money has to reach the labs first.")]


def test_the_agency_said_ignores_bodies_named_inside_quotations(run: Callable) -> None:
    ex = run(
        "The Federal Communications Commission approved the plan. "
        "The Federal Communications Commission will pay carriers. "
        '"Congress never paid for this," said Jonah Reyes, a carrier executive. '
        '"Secure networks come first," the agency said.'
    )
    assert ("Federal Communications Commission", "Secure networks come first,") in said(ex)


def test_unmarked_block_quotation_after_said_colon(run: Callable) -> None:
    ex = run(
        "From: Department for Transport\n\n"
        "Transport Secretary Ellen Marsh said:\n\n"
        "Electric buses will reach every region of the country by the end of the decade.\n\n"
        "This money gives councils the certainty they need to order them now.\n\n"
        "Background\n\n"
        "The scheme opened in 2021 and has funded 4,000 buses."
    )
    got = said(ex)
    assert [s for s, _ in got] == ["Ellen Marsh", "Ellen Marsh"]
    assert got[0][1].startswith("Electric buses") and got[1][1].startswith("This money")


def test_said_colon_before_a_marked_quotation_is_not_a_block(run: Callable) -> None:
    ex = run("Minister Jonas Berg said:\n\n“We will publish the figures on Monday.”\n\nThe report follows.")
    assert said(ex) == [("Jonas Berg", "We will publish the figures on Monday.")]


def test_surname_tagged_as_a_common_noun_still_speaks(run: Callable) -> None:
    ex = run(
        "Commissioner for Innovation Marta Ilves spoke on Tuesday. "
        '"Europe must build its own networks," Ilves said, "or buy them from others."'
    )
    assert [s for s, _ in said(ex)] == ["Marta Ilves", "Marta Ilves"]


def test_a_name_inside_what_trails_the_subject_is_not_the_speaker(run: Callable) -> None:
    ex = run(
        "Critics of the “Orbit Labs” scheme call it “a fair deal for nobody” in letters. "
        "Mara Lind, director of the Harbor Fund, called the plan “a serious first step” on Monday."
    )
    assert [(q.speaker.name, q.text) for q in ex.of_kind("quote")] == [("Mara Lind", "a serious first step")]
