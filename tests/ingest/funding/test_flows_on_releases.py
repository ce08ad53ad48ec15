"""Funding in the shapes of real releases, each on a sentence written here (fictional bodies and sums)."""

from __future__ import annotations

from collections.abc import Callable

from graph.model import Extraction


def flows(ex: Extraction) -> list[tuple[str, str, float | None]]:
    return [(f.source.name, f.target.name, f.amount_value) for f in ex.of_kind("funding")]


def test_the_issuing_agency_plans_to_award(run: Callable) -> None:
    ex = run(
        "WASHINGTON – The National Telecommunications and Information Administration announced today "
        "that it plans to award $12.5 million to seven Tribal entities in Montana."
    )
    assert flows(ex) == [
        ("National Telecommunications and Information Administration", "seven Tribal entities", 12.5e6)
    ]


def test_the_department_announced_the_approval_of_an_amount(run: Callable) -> None:
    ex = run(
        "The U.S. Department of Agriculture backs rural broadband. The Department announced the approval "
        "of $48.2 million for high-speed internet projects in Vermont."
    )
    assert [(s, v) for s, _, v in flows(ex)] == [("U.S. Department of Agriculture", 48.2e6)]
    assert "high-speed internet projects" in flows(ex)[0][1]


def test_a_country_pays_only_when_its_government_pledges(run: Callable) -> None:
    ex = run("Beijing has pledged $90 billion to its chipmakers, state media reported.")
    assert flows(ex) == [("China", "chipmakers", 90e9)]


def test_the_recipient_of_receive_and_the_release_funder(run: Callable) -> None:
    ex = run(
        "Commerce Awards CHIPS Funds\n\nThe U.S. Department of Commerce awarded new grants on Monday. "
        "Acme Foundry will receive up to $2.1 billion to expand its plant."
    )
    assert ("U.S. Department of Commerce", "Acme Foundry", 2.1e9) in flows(ex)


def test_a_list_of_recipients(run: Callable) -> None:
    ex = run(
        "The Federal Communications Commission awarded $66 million to 1,200 schools, 90 libraries and "
        "12 consortia."
    )
    ((source, target, value),) = flows(ex)
    assert (source, value) == ("Federal Communications Commission", 66e6)
    assert target.startswith("1,200 schools")


def test_a_range_is_one_fact_with_its_low_end(run: Callable) -> None:
    ex = run("The National Science Foundation will award between $15 million and $40 million to each hub.")
    (fact,) = ex.of_kind("funding")
    assert fact.amount == "between $15 million and $40 million" and fact.amount_value == 15e6


def test_exact_cents(run: Callable) -> None:
    ex = run("The agency NTIA has awarded $77,512,304.19 to 31 Tribal entities.")
    assert flows(ex) == [
        ("National Telecommunications and Information Administration", "31 Tribal entities", 77512304.19)
    ]


def test_a_running_total_goes_to_its_own_target(run: Callable) -> None:
    ex = run(
        "The National Science Foundation awarded $45 million to five new centres, bringing the total to "
        "more than $900 million awarded to 20 centres."
    )
    got = flows(ex)
    assert ("National Science Foundation", "five new centres", 45e6) in got
    assert ("National Science Foundation", "20 centres", 900e6) in got


def test_a_headline_amount_restated_in_the_body_is_one_fact(run: Callable) -> None:
    ex = run(
        "Energy Department Announces $30 Million for Grid Research\n\n"
        "WASHINGTON – The U.S. Department of Energy today announced $30 million for grid research at "
        "national laboratories."
    )
    assert [(s, v) for s, _, v in flows(ex)] == [("U.S. Department of Energy", 30e6)]


def test_list_items_name_their_recipient_and_keep_the_funder(run: Callable) -> None:
    ex = run(
        "The National Science Foundation has awarded the following grants:\n\n"
        "Lakeside College – $250,000 in support of a robotics laboratory.\n\n"
        "Harbor Institute – $410,000 to support ocean sensing research."
    )
    got = flows(ex)
    assert ("National Science Foundation", "Lakeside College", 250e3) in got
    assert ("National Science Foundation", "Harbor Institute", 410e3) in got


def test_penalties_fines_and_losses_are_no_flows(run: Callable) -> None:
    ex = run(
        "Orbis Telecom agreed to pay a $120,000,000 penalty to the Treasury. The sale caused $3 billion in "
        "losses for investors, and the regulator imposed a $40 million fine."
    )
    assert flows(ex) == []


def test_the_aid_named_again_keeps_its_funder(run: Callable) -> None:
    ex = run(
        "The European Commission has approved €400 million in Dutch State aid to support two chip plants. "
        "The aid consists of a €300 million measure for Veldhoven Wafers and a €100 million measure for "
        "Delta Photonics."
    )
    got = flows(ex)
    assert ("Netherlands", "Veldhoven Wafers", 300e6) in got
    assert ("Netherlands", "Delta Photonics", 100e6) in got


def test_a_quoted_we_is_the_speakers_department(run: Callable) -> None:
    ex = run(
        "“We have awarded $25 million to the Microchip Alliance,” said Deputy Secretary of Defense Ann Rowe."
    )
    assert flows(ex) == [("U.S. Department of Defense", "Microchip Alliance", 25e6)]
