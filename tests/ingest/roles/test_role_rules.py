"""Role and affiliation patterns of issue 3, one test each."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.model import Extraction


def roles(ex: Extraction) -> list[tuple[str, str, str]]:
    return [(r.person.name, r.title, r.org.name) for r in ex.of_kind("role")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“It matters,” Ingrid Vassel, of the Northbridge Institute, said.",
            ("Ingrid Vassel", "", "Northbridge Institute"),
        ),
        (
            "Priya Natarajan, director of the Meridian Center, spoke.",
            ("Priya Natarajan", "director", "Meridian Center"),
        ),
        (
            "Mirela Voskuijlen, chief economist at the Trade Analytics Council, agreed.",
            ("Mirela Voskuijlen", "chief economist", "Trade Analytics Council"),
        ),
        (
            "“We act,” said Lantern Policy Lab director Marisol Quenby.",
            ("Marisol Quenby", "Lantern Policy Lab director", "Lantern Policy Lab"),
        ),
        (
            "The new director of the Harbor Foundation, Pilar Esquivel, took office.",
            ("Pilar Esquivel", "director", "Harbor Foundation"),
        ),
        ("Tom Reyes, who heads the Harbor Institute, disagreed.", ("Tom Reyes", "head", "Harbor Institute")),
        (
            "Acme Robotics' chief executive Dana Whitfield declined to comment.",
            ("Dana Whitfield", "chief executive", "Acme Robotics"),
        ),
        (
            "Lena Park is the acting director of the Meridian Center.",
            ("Lena Park", "director", "Meridian Center"),
        ),
        (
            "Chairwoman Ysolde Marchetti of the Valdorian Digital Council opened the session.",
            ("Ysolde Marchetti", "Chairwoman", "Valdorian Digital Council"),
        ),
    ],
)
def test_role_patterns(run: Callable, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(run(text))


def test_title_before_the_name_resolves_the_body_named_in_the_title(run: Callable) -> None:
    ex = run(
        "“Clear message,” said Under Secretary of Commerce for Industry and Security Vera Halloran. "
        "“Clarity,” said Treasury Secretary Tobias Wendt."
    )
    got = {(p, o) for p, _, o in roles(ex)}
    assert ("Vera Halloran", "U.S. Department of Commerce") in got
    assert ("Tobias Wendt", "U.S. Department of the Treasury") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“No,” said Secretary of State Amelia Hargrove.", ("Amelia Hargrove", "U.S. Department of State")),
        ("“Fine,” EU Commissioner Thierry Vautrin said.", ("Thierry Vautrin", "European Commission")),
        (
            "“Clear,” White House press secretary Dana Okafor-Reyes told reporters.",
            ("Dana Okafor-Reyes", "White House"),
        ),
        (
            "According to Nadia Ferrer, head of research at the Lowell Institute, “it will bite.”",
            ("Nadia Ferrer", "Lowell Institute"),
        ),
        (
            "Senator Corliss Abernathy, who chairs the Senate Banking Committee, spoke.",
            ("Corliss Abernathy", "US Senate Banking Committee"),
        ),
    ],
)
def test_government_and_news_styles(run: Callable, text: str, expected: tuple[str, str]) -> None:
    assert expected in {(p, o) for p, _, o in roles(run(text))}


def test_an_official_title_without_a_body_belongs_to_the_issuing_agency(run: Callable) -> None:
    ex = run(
        "The Bureau of Industry and Security (BIS) imposed a penalty. BIS said the firm broke the rules.\n\n"
        "“Know your customers,” said Assistant Secretary for Export Enforcement Rowan Pikesley."
    )
    (role,) = ex.of_kind("role")
    assert (role.person.name, role.org.key) == ("Rowan Pikesley", "us:bis")
    assert role.evidence.confidence < 0.8


def test_markers_are_kept(run: Callable) -> None:
    ex = run("Former Harbor Foundation treasurer Desmond Achterberg will advise the board.")
    (role,) = ex.of_kind("role")
    assert role.markers == ("former",) and role.org.name == "Harbor Foundation"


def test_a_subject_description_binds_to_the_person_in_focus(run: Callable) -> None:
    ex = run(
        "Jiang Lin is hardly known abroad. But the new director of the Central Policy Research Office "
        "has revealed a great deal."
    )
    assert ("Jiang Lin", "Central Policy Research Office") in {(p, o) for p, _, o in roles(ex)}


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Ana Torres spoke first.",
        "President Wu Hao visited.",
        "The director of the Meridian Center said nothing.",
        "Ana Torres, speaking at the Meridian Center, said nothing.",
    ],
)
def test_no_role_without_a_person_and_an_organisation(run: Callable, text: str) -> None:
    assert roles(run(text)) == []


def test_one_role_per_person_and_organisation(run: Callable) -> None:
    ex = run(
        "Teodor Lisk, director of the Kestrel Data Institute, spoke. Kestrel Data Institute director "
        "Teodor Lisk added more."
    )
    assert len(ex.of_kind("role")) == 1


def test_a_demonym_names_the_country_of_a_head_of_state(run: Callable) -> None:
    assert roles(run("“We will respond,” Chinese President Wu Hao said.")) == [
        ("Wu Hao", "Chinese President", "China")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mara Quist, who was appointed director of the Kestrel Data Institute in May, disagreed.",
        "Mara Quist was named director of the Kestrel Data Institute last year.",
    ],
)
def test_appointments(run: Callable, text: str) -> None:
    assert roles(run(text)) == [("Mara Quist", "director", "Kestrel Data Institute")]


def test_bare_commissioner_belongs_to_the_commission_of_the_release(run: Callable) -> None:
    ex = run(
        "The Federal Trade Commission fined two data brokers on Monday. The Federal Trade Commission "
        "said the fines were final. Commissioner Dolores Quintero opposed the settlement."
    )
    assert ("Dolores Quintero", "Commissioner", "Federal Trade Commission") in roles(ex)


def test_portfolio_title_fits_the_department_named_for_it(run: Callable) -> None:
    ex = run(
        "From: Department for Energy Security\n\n"
        "Energy Secretary Rowan Ashby opened the new grid centre in Leeds on Friday."
    )
    assert ("Rowan Ashby", "Energy Secretary", "Department for Energy Security") in roles(ex)


def test_company_name_before_a_title_is_the_employer(run: Callable) -> None:
    ex = run("Halden Robotics opened a plant. Halden CFO Marta Lindqvist said sales doubled.")
    assert [(p, t) for p, t, _ in roles(ex)] == [("Marta Lindqvist", "CFO")]
    assert roles(ex)[0][2] in ("Halden Robotics", "Halden")


def test_a_portfolio_word_before_a_title_is_not_a_company(run: Callable) -> None:
    ex = run("UK Science Minister Arjun Mehra visited the lab in Cardiff.")
    (found,) = roles(ex)  # the one role there is, at the department the title implies
    assert found[0] == "Arjun Mehra" and found[2] not in ("Science", "UK Science")
    assert found[2] == "Department for Science, Innovation and Technology"


def test_title_at_the_start_of_a_sentence_keeps_its_first_word(run: Callable) -> None:
    ex = run("Prices rose. Commerce Secretary Dana Whitfield said the deal was done.")
    assert ("Dana Whitfield", "Commerce Secretary", "U.S. Department of Commerce") in roles(ex)


def test_the_org_noun_possessive_refers_to_the_named_association(run: Callable) -> None:
    ex = run(
        "The Rural Broadband Association backed the plan. “It helps,” said Laura Bennett, "
        "the association’s chief executive, on Tuesday."
    )
    assert ("Laura Bennett", "chief executive", "Rural Broadband Association") in roles(ex)


def test_a_qualified_short_name_refers_to_the_laboratory(run: Callable) -> None:
    ex = run(
        "Oak Ridge National Laboratory will host the machine. Priya Raman, the Oak Ridge lab’s deputy "
        "director, said the work starts in May."
    )
    assert ("Priya Raman", "deputy director", "Oak Ridge National Laboratory") in roles(ex)


def test_its_title_refers_to_the_organisation_in_focus(run: Callable) -> None:
    ex = run(
        "The Nordic Battery Alliance will open a test centre next year. "
        "Its managing director, Sven Aalto, said the site was chosen in June."
    )
    assert ("Sven Aalto", "managing director", "Nordic Battery Alliance") in roles(ex)


def test_a_name_before_a_possessive_title_is_an_organisation(run: Callable) -> None:
    ex = run("Omar Haddad, the robot maker Kestrel Dynamics' chief technology officer, was cautious.")
    assert ("Omar Haddad", "chief technology officer", "Kestrel Dynamics") in roles(ex)


def test_acronym_defined_in_brackets_is_the_org_of_who_leads(run: Callable) -> None:
    ex = run(
        "The foundation funds the Center for Coastal Robotics (CCR) at Tulane University. "
        '"We start now," said Helen Park, who leads CCR at Tulane University.'
    )
    assert ("Helen Park", "head", "Center for Coastal Robotics") in roles(ex)


def test_byline_title_then_organisation(run: Callable) -> None:
    ex = run("By Martin Feld, research director, Baltic Energy Policy Institute\n\nPrices are rising.")
    assert ("Martin Feld", "research director", "Baltic Energy Policy Institute") in roles(ex)


def test_two_people_of_one_organisation(run: Callable) -> None:
    ex = run("A report by Clara Benz and Victor Lund of the Institute for Digital Trade warns of delays.")
    got = roles(ex)
    assert ("Clara Benz", "", "Institute for Digital Trade") in got
    assert ("Victor Lund", "", "Institute for Digital Trade") in got


def test_portfolio_list_after_title_for_is_not_a_name(run: Callable) -> None:
    ex = run(
        "The European Commission adopted the package. The European Commission will report in May. "
        "Commissioner for Energy, Climate and Housing Petra Nyberg said the plan was fair."
    )
    assert ("Petra Nyberg", "Commissioner for Energy, Climate and Housing", "European Commission") in roles(
        ex
    )


def test_hyphenated_title_and_portfolio_in_apposition(run: Callable) -> None:
    ex = run(
        "The European Commission adopted the package. The European Commission will report in May. "
        "Executive Vice-President for Trade, Industry and Jobs, Luca Ferrand, said: “We are ready.”"
    )
    got = roles(ex)
    assert (
        "Luca Ferrand",
        "Executive Vice-President for Trade, Industry and Jobs",
        "European Commission",
    ) in got
    assert all(p == "Luca Ferrand" for p, _, _ in got)


def test_org_name_with_and_is_not_cut_into_the_title(run: Callable) -> None:
    ex = run(
        "Dr Hana Okafor, Executive Chair of the Biotechnology and Biological Sciences Research Council, "
        "said the awards were overdue."
    )
    assert (
        "Hana Okafor",
        "Executive Chair",
        "Biotechnology and Biological Sciences Research Council",
    ) in roles(ex)


def test_role_text_drops_adverbs_and_the_firm_description(run: Callable) -> None:
    ex = run("Owen Tarrant, now partner at law firm Reed & Calloway, said the rule was vague.")
    assert roles(ex) == [("Owen Tarrant", "partner", "Reed & Calloway")]


def test_a_party_label_before_a_title_is_not_an_employer(run: Callable) -> None:
    ex = run("Republican Senator Dale Whitmore said the bill would pass.")
    assert [(p, o) for p, _, o in roles(ex)] == [("Dale Whitmore", "United States Senate")]


def test_a_portfolio_word_does_not_fit_a_non_ministerial_body(run: Callable) -> None:
    ex = run(
        "The World Trade Organization ruled on Monday. The World Trade Organization gave no date. "
        "Norway's Trade Minister Ilse Varga said her country would appeal."
    )
    assert [(p, o) for p, _, o in roles(ex)] == [("Ilse Varga", "Norway")]  # her country, not the WTO


def test_remit_word_of_a_title_is_not_a_short_name_of_another_body(run: Callable) -> None:
    ex = run(
        "From: Department for Transport\n\n"
        "Transport Secretary Ellen Marsh opened the depot. The Transport Research Laboratory will "
        "test the buses."
    )
    assert ("Ellen Marsh", "Transport Secretary", "Department for Transport") in roles(ex)


def test_commissioner_with_a_remit_fits_the_commission_not_the_bloc(run: Callable) -> None:
    ex = run(
        "Brussels, 4 May — The EU will act, Commissioner for Health, Food and Safety Irena Kolar said. "
        "The European Commission will publish the plan. The EU member states agree."
    )
    assert ("Irena Kolar", "Commissioner for Health, Food and Safety", "European Commission") in roles(ex)


def test_a_headline_does_not_run_into_a_title_before_a_name(run: Callable) -> None:
    ex = run(
        "Tessaro Institute names a new leader\n\n"
        "The new director of the Tessaro Institute, Anika Brandvold, starts on Monday."
    )
    assert roles(ex) == [("Anika Brandvold", "director", "Tessaro Institute")]


def test_the_group_s_title_refers_to_the_organisation_in_focus(run: Callable) -> None:
    ex = run(
        "The Battery Makers Alliance welcomed the rule. The group's president, Omar Lindqvist, "
        "said members wanted clarity."
    )
    assert ("Omar Lindqvist", "president", "Battery Makers Alliance") in roles(ex)


def test_a_person_met_before_keeps_his_affiliation_in_x_and_y_of_z(run: Callable) -> None:
    ex = run(
        "Felix Arbogast chairs the Chip Council. Later, Arbogast and Priya Shah of Stanford University "
        "testified."
    )
    got = roles(ex)
    assert ("Priya Shah", "", "Stanford University") in got
    assert ("Felix Arbogast", "", "Stanford University") not in got
