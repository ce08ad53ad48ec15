"""Quotations attributed beyond their own sentence: joint statements, heading lines, transcript labels,
"said the Senators", abbreviated titles, programme titles in quotation marks; sentences written here."""

from __future__ import annotations

from collections.abc import Callable

from graph.model import Extraction


def said(ex: Extraction) -> list[tuple[str, str]]:
    return [(q.speaker.name, q.text) for q in ex.of_kind("quote")]


def test_a_joint_statement_is_one_quote_per_speaker(run: Callable) -> None:
    ex = run(
        "WASHINGTON — Today, House Majority Leader Ada Brook (R-Ohio), Speaker Ben Cole (R-La.), and "
        "Science Committee Chairman Cam Dale (R-Texas) released the following statement:\n\n"
        "“Congress must act on chips this year.”"
    )
    speakers = {s for s, _ in said(ex)}
    assert speakers == {"Ada Brook", "Ben Cole", "Cam Dale"}


def test_a_heading_line_names_the_speaker_of_the_next_paragraph(run: Callable) -> None:
    ex = run(
        "Here is what leaders are saying:\n\n"
        "Senate Majority Leader Dov Harel, (D-NY)\n\n"
        "“We are moving forward on the chips bill this week.”"
    )
    assert said(ex) == [("Dov Harel", "We are moving forward on the chips bill this week.")]


def test_a_transcript_label_names_the_speaker(run: Callable) -> None:
    ex = run(
        "Chairman Eli Park (R-WI) and Ranking Member Fay Lund (D-IL) held a press conference.\n\n"
        "CHAIRMAN PARK: “This bill offers a real step forward.”\n\n"
        "RANKING MEMBER LUND: “This bill is not a ban.”"
    )
    assert said(ex) == [
        ("Eli Park", "This bill offers a real step forward."),
        ("Fay Lund", "This bill is not a ban."),
    ]


def test_said_the_senators_names_the_senators_listed_together(run: Callable) -> None:
    ex = run(
        "U.S. Senators Gil Ross and Hana Ward announced new funding today.\n\n"
        "“Our students deserve better labs,” said the Senators."
    )
    assert {s for s, _ in said(ex)} == {"Gil Ross", "Hana Ward"}


def test_an_abbreviated_title_is_not_the_speaker(run: Callable) -> None:
    ex = run("“It has to happen now,” said Sec. Ivo Kral.")
    assert said(ex) == [("Ivo Kral", "It has to happen now,")]


def test_a_programme_title_in_quotation_marks_is_not_speech(run: Callable) -> None:
    ex = run(
        "Chipmaker chairman Jon Vale told the network’s “Sixty Seconds” program last week that it means "
        "“the world needs our chips.”"
    )
    assert said(ex) == [("Jon Vale", "the world needs our chips.")]


def test_each_paragraph_of_a_long_quotation_is_a_quote(run: Callable) -> None:
    ex = run("Kim Oduya said, “The first part is done.\n\n“The second part starts now.”")
    assert said(ex) == [
        ("Kim Oduya", "The first part is done."),
        ("Kim Oduya", "The second part starts now."),
    ]
