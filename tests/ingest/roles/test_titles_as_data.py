"""Roles whose organisation a title implies (data/titles.yaml), lists after plural titles, party tags,
lower-case titles after names, pairs of titles, committee names: each on a sentence written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.model import Extraction
from ingest.names.gazetteer import load_gazetteer
from ingest.names.titlebook import load_titles, title_words


def roles(ex: Extraction) -> set[tuple[str, str]]:
    return {(f.person.name, f.org.name) for f in ex.of_kind("role")}


def titled(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(f.person.name, f.title, f.org.name) for f in ex.of_kind("role")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. Senator Jane Roe (D-OR) said the bill was late.", ("Jane Roe", "United States Senate")),
        (
            "Rep. John Doe (R-Wis.) spoke on Tuesday in Washington.",
            ("John Doe", "United States House of Representatives"),
        ),
        (
            "U.S. Secretary of Agriculture Ann Smith toured a farm in Iowa.",
            ("Ann Smith", "U.S. Department of Agriculture"),
        ),
        (
            "“We will act,” said Deputy Secretary of the Treasury Paul Brown in Washington.",
            ("Paul Brown", "U.S. Department of the Treasury"),
        ),
        (
            "Assistant Secretary of the Treasury for Public Affairs Lena Park briefed U.S. reporters.",
            ("Lena Park", "U.S. Department of the Treasury"),
        ),
        (
            "U.S. Attorney for the Western District of Texas Maria Lopez filed the charges.",
            ("Maria Lopez", "U.S. Attorney's Office for the Western District of Texas"),
        ),
        (
            "Attorney General of the United States Omar Vance made the announcement.",
            ("Omar Vance", "U.S. Department of Justice"),
        ),
        ("Speaker Ruth Gale (R-La.) set the vote.", ("Ruth Gale", "United States House of Representatives")),
        (  # a body the model does not know, then the name: the office the title implies by convention
            "Chancellor of the Exchequer Nora Pike opened the UK budget debate.",
            ("Nora Pike", "HM Treasury"),
        ),
        (
            "Secretary of the Navy Cal Brenner toured the U.S. shipyard in Maine.",
            ("Cal Brenner", "U.S. Department of the Navy"),
        ),
    ],
)
def test_a_title_implies_its_office(run: Callable, text: str, expected: tuple[str, str]) -> None:
    assert expected in roles(run(text))


def test_lower_case_title_after_the_name_implies_the_department(run: Callable) -> None:
    ex = run(
        "The U.S. plan matters, said Karen Wu, assistant secretary of defense for industrial base policy."
    )
    assert ("Karen Wu", "U.S. Department of Defense") in roles(ex)


def test_think_tank_title_after_the_name(run: Callable) -> None:
    ex = run(
        "Tom Reyes, senior vice president and director of the Technology Program at the Center for "
        "Strategic and International Studies, disagreed."
    )
    assert any(p == "Tom Reyes" and "Strategic" in o for p, o in roles(ex))


def test_a_plural_title_gives_each_listed_name_the_title(run: Callable) -> None:
    ex = run(
        "Senators Ada Brook (D-CT), Ben Cole (R-UT), and Cam Dale (D-MD) introduced the Open Chips Act today."
    )
    assert {("Ada Brook", "United States Senate"), ("Ben Cole", "United States Senate"),
            ("Cam Dale", "United States Senate")} <= roles(ex)  # fmt: skip


def test_a_list_goes_on_after_an_apposition(run: Callable) -> None:
    ex = run(
        "U.S. Sens. Ira Holt (R-S.D.), ranking member of the Subcommittee on Ports, Rail, and Roads, and "
        "Gwen Fox (D-Va.), chairman of the Select Committee on Intelligence, today introduced a bill."
    )
    got = roles(ex)
    assert ("Ira Holt", "United States Senate") in got and ("Gwen Fox", "United States Senate") in got
    assert ("Gwen Fox", "Senate Select Committee on Intelligence") in got or any(
        p == "Gwen Fox" and "Intelligence" in o for p, o in got
    )


def test_chair_and_ranking_member_are_paired_with_the_names(run: Callable) -> None:
    ex = run(
        "U.S. Senators Ed Pike (D-CT) and Flo Marsh (R-MO), Chair and Ranking Member of the Senate "
        "Judiciary Subcommittee on Ports, Rail, and Roads, will hold a hearing."
    )
    got = titled(ex)
    assert any(p == "Ed Pike" and t == "Chair" and "Subcommittee" in o for p, t, o in got)
    assert any(p == "Flo Marsh" and t == "Ranking Member" and "Subcommittee" in o for p, t, o in got)


def test_the_organisation_after_titled_names_joined_by_and(run: Callable) -> None:
    ex = run(
        "Chairman Ned Ray (R-WI) and Ranking Member Oda Kent (D-IL) of the House Select Committee on the "
        "CCP held a press conference."
    )
    got = roles(ex)
    assert ("Ned Ray", "House Select Committee on the CCP") in got
    assert ("Oda Kent", "House Select Committee on the CCP") in got


def test_a_committee_name_with_commas_before_the_title(run: Callable) -> None:
    ex = run("Senate Committee on Commerce, Science, and Transportation Chairman Pia Lowe (R-S.D.) spoke.")
    assert ("Pia Lowe", "Senate Committee on Commerce, Science, and Transportation") in roles(ex)


def test_title_forms_follow_the_jurisdiction(run: Callable) -> None:
    ex = run(
        "The UK government said so. Secretary of State for Science, Innovation and Technology Rhea Moss "
        "opened the London centre."
    )
    assert ("Rhea Moss", "Department for Science, Innovation and Technology") in roles(ex)


def test_abbreviated_titles_stay_one_token_and_are_written_out(run: Callable) -> None:
    ex = run("“It has to happen now,” said Sec. Ada Brook of the U.S. Department of Commerce.")
    assert [q.speaker.name for q in ex.of_kind("quote")] == ["Ada Brook"]


def test_headline_verbs_end_names(run: Callable) -> None:
    ex = run("Senator Hal Voss Vows Action On Chips\n\nSenator Hal Voss (D-NM) spoke on Monday.")
    assert {f.person.name for f in ex.of_kind("role")} == {"Hal Voss"}


def test_every_implied_office_is_in_the_gazetteer() -> None:
    gazetteer = load_gazetteer()
    for entry in load_titles().data.implied:
        assert gazetteer.get(entry.org) is not None, entry
        assert title_words(entry.title), entry


def test_short_forms_are_written_out() -> None:
    book = load_titles()
    assert book.normal_words("U.S. Sens.") == ["u.s.", "senator"]
    assert book.normal_words("Executive Vice-President") == ["executive", "vice", "president"]


def test_a_places_title_that_implies_an_office_is_that_office(run: Callable) -> None:
    ex = run("Ohio’s junior Senator Dana Pryce (R-OH) today announced the grants.")
    assert roles(ex) == {("Dana Pryce", "United States Senate")}
    assert roles(run("Norway's Trade Minister Ilse Varga said her country would appeal.")) == {
        ("Ilse Varga", "Norway")  # no office known for the title: the country it belongs to
    }


def test_the_office_of_a_senator_is_not_part_of_the_title(run: Callable) -> None:
    ex = run("A news release from the Office of U.S. Senator Dana Pryce:\n\nThe bill passed.")
    assert titled(ex) == {("Dana Pryce", "U.S. Senator", "United States Senate")}


def test_a_title_then_a_countrys_body_after_the_name(run: Callable) -> None:
    ex = run("Gen. Ada Morrow, deputy commander, U.S. Africa Command, spoke on Tuesday.")
    assert titled(ex) == {("Ada Morrow", "deputy commander", "U.S. Africa Command")}


def test_a_common_noun_phrase_is_no_employer_and_a_country_can_start_a_company(run: Callable) -> None:
    ex = run(
        "“Demand is soft,” said Lin Qiao, chief economist and head of the research department at "
        "Korea Harbor Capital Corp (KHCC), during a briefing."
    )
    assert [(p, o) for p, _, o in titled(ex)] == [("Lin Qiao", "Korea Harbor Capital Corp")]


def test_a_consultant_is_a_title(run: Callable) -> None:
    ex = run("Ana Torres, a senior consultant at the Lumen Development Institute, said the rules were late.")
    assert titled(ex) == {("Ana Torres", "senior consultant", "Lumen Development Institute")}


def test_a_known_leader_named_by_surname_leads_his_own_country(run: Callable) -> None:
    ex = run(
        "President Biden signed an order on supply chains. China's plan pours money into chips, and "
        "Beijing has backed its chipmakers for years, China's ministry said."
    )
    assert ("Biden", "United States") in roles(ex)  # not China, which the text is mostly about


def test_a_blocs_commissioner_sits_in_the_commission(run: Callable) -> None:
    ex = run("Katja Brandt, EU Commissioner for Energy and Housing, said the EU plan was ready.")
    assert roles(ex) == {("Katja Brandt", "European Commission")}
