"""Write the notebooks in this folder from the cells below, outputs empty: `python notebooks/build.py`.

Editing here (not in Jupyter) keeps the notebooks reviewable and guarantees no outputs reach git.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """\
from notebooks.helpers import run
from graph.settings import get_settings

settings = get_settings()  # POLICYGRAPH_NEO4J_URI / _USER / _PASSWORD / _DATABASE from the environment
print("Neo4j:", settings.neo4j_uri, "database:", settings.neo4j_database)
# Only facts extracted at least this confidently (calibrated: 0.9 is right about 9 times in 10), or None
# for all; the API's `min_confidence`.
MIN_CONFIDENCE = None"""

WHO_SAID_WHAT = [
    new_markdown_cell(
        "# Who said what\n\n"
        "Quotes and their speakers, through `queries/read/quotes*.cypher`: the same files behind the API's "
        "`GET /quotes`. Every quote links to the document it comes from.\n\n"
        "Load the sample first (`policygraph ingest corpus/`); connection settings come from "
        "`POLICYGRAPH_*` variables."
    ),
    new_code_cell(SETUP),
    new_markdown_cell(
        "The newest quotes (`read/quotes_latest`, what `GET /quotes` runs without filters). "
        "`None` means no filter."
    ),
    new_code_cell(
        """\
quotes = run("read/quotes_latest", **{"from": None, "to": None}, min_confidence=MIN_CONFIDENCE, offset=0,
             limit=500)
assert quotes, "no quotes in the graph: load the sample with `policygraph ingest corpus/`"
print(len(quotes), "quotes")"""
    ),
    new_markdown_cell("## Who speaks most"),
    new_code_cell(
        """\
from collections import Counter

speakers = Counter(row["speaker"]["name"] for row in quotes)
for name, count in speakers.most_common(10):
    print(f"{count:3d}  {name}")"""
    ),
    new_markdown_cell(
        "## One speaker's quotes\n\n"
        "Set `SPEAKER` to any name, alias or key (or `POLICYGRAPH_NOTEBOOK_SPEAKER`); by default, the most "
        "quoted speaker. `actor_keys` resolves it the way the API does; `read/quotes` then starts from "
        "those speakers (`anchor`), and every other filter is `None`."
    ),
    new_code_cell(
        """\
import os

from notebooks.helpers import actor_keys

SPEAKER = os.environ.get("POLICYGRAPH_NOTEBOOK_SPEAKER") or speakers.most_common(1)[0][0]
NO_FILTERS = {"speaker_keys": None, "org_keys": None, "mention_keys": None, "doc": None, "quote_ids": None,
              "text_patterns": None, "from": None, "to": None, "min_confidence": MIN_CONFIDENCE,
              "offset": 0, "limit": 500}
said = run("read/quotes", **{**NO_FILTERS, "anchor": "speaker", "speaker_keys": actor_keys(SPEAKER)})
print(f"{SPEAKER}: {len(said)} quotes\\n")
for row in said:
    doc = row["document"]
    about = ", ".join(a["name"] for a in row["about"]) or "-"
    print(f'{doc["published"]}  "{row["quote"]["text"]}"')
    print(f'            about: {about}   source: {doc["title"]}\\n')"""
    ),
    new_markdown_cell("## Who is talked about, and by whom"),
    new_code_cell(
        """\
about = Counter((row["speaker"]["name"], a["name"]) for row in quotes for a in row["about"])
for (speaker, subject), count in about.most_common(15):
    print(f"{count:3d}  {speaker} -> {subject}")"""
    ),
    new_markdown_cell(
        "## The same in Cypher\n\n"
        "`%%cypher` runs a cell as Cypher: a table of rows, and a drawing with `--graph`. "
        "`$SPEAKER` is taken from the notebook variable of that name."
    ),
    new_code_cell("%load_ext notebooks.magic"),
    new_code_cell(
        """\
%%cypher --graph
MATCH said = (:Actor {name: $SPEAKER})-[:SAID]->(q:Quote)-[:QUOTED_IN]->(:Document)
OPTIONAL MATCH about = (q)-[:ABOUT]->(:Actor)
RETURN said, about"""
    ),
]

ACTOR_NETWORK = [
    new_markdown_cell(
        "# The actor network\n\n"
        "Actors linked by roles, funding and quotes about one another, read through "
        "`queries/read/network_step.cypher` (the API's `GET /actors/{key}/network`) for every actor at "
        "once, then analysed with networkx through `graph.analytics`, the same functions "
        "`policygraph analyze` stores on the graph: PageRank, betweenness and Louvain communities."
    ),
    new_code_cell(SETUP),
    new_code_cell(
        """\
actors = run("notebooks/actors")
assert actors, "no actors in the graph: load the sample with `policygraph ingest corpus/`"
keys = [a["key"] for a in actors]
edges = run("read/network_step", keys=keys, min_confidence=MIN_CONFIDENCE, limit=100_000)
print(len(actors), "actors,", len(edges), "links")"""
    ),
    new_code_cell(
        """\
import networkx as nx

G = nx.Graph()
for a in actors:
    G.add_node(a["key"], **a)
for e in edges:  # weight = supporting documents; a->b and b->a fold into one tie
    prior = G.get_edge_data(e["source"], e["target"], {}).get("weight", 0)
    G.add_edge(e["source"], e["target"], weight=prior + e["documents"])
print(G)"""
    ),
    new_markdown_cell("## Who is central"),
    new_code_cell(
        """\
from graph.analytics import betweenness, communities, pagerank

pr, bc, community = pagerank(G), betweenness(G), communities(G)
name = nx.get_node_attributes(G, "name")
stored = nx.get_node_attributes(G, "pagerank")  # written by `policygraph analyze`, if it has run
print(f"{'actor':32} {'pagerank':>9} {'between':>8} {'stored':>8}")
for key in sorted(G, key=lambda k: (-pr[k], name[k]))[:15]:
    s = stored.get(key)
    print(f"{name[key]:32} {pr[key]:9.3f} {bc[key]:8.2f} {'-' if s is None else f'{s:.3f}':>8}")"""
    ),
    new_markdown_cell("## Communities (Louvain, seeded so reruns agree)"),
    new_code_cell(
        """\
members: dict[int, list[str]] = {}
for key, c in community.items():
    members.setdefault(c, []).append(name[key])
for c, names in sorted(members.items()):
    print(f"community {c}: " + ", ".join(sorted(names)))"""
    ),
    new_markdown_cell(
        "## Drawn\n\nColours follow `api/browser/style.grass`; node size follows PageRank."
    ),
    new_code_cell(
        """\
import matplotlib.pyplot as plt

from notebooks.magic import LABEL_COLOURS

pos = nx.spring_layout(G, seed=7, weight="weight")
fig, ax = plt.subplots(figsize=(10, 7))
nx.draw_networkx_edges(G, pos, ax=ax, edge_color="#BDBDBD", width=[G[u][v]["weight"] for u, v in G.edges])
nx.draw_networkx_nodes(G, pos, ax=ax, node_size=[200 + 6000 * pr[k] for k in G],
                       node_color=[LABEL_COLOURS.get(G.nodes[k]["type"], "#A5ABB6") for k in G],
                       edgecolors="#555555")
nx.draw_networkx_labels(G, pos, ax=ax, labels=name, font_size=8)
ax.set_axis_off()
plt.show()"""
    ),
    new_markdown_cell("## Roles, straight from Cypher"),
    new_code_cell("%load_ext notebooks.magic"),
    new_code_cell(
        """\
%%cypher --graph
MATCH role = (:Person)-[:HOLDS_ROLE|AFFILIATED_WITH]->(:Actor)
RETURN role"""
    ),
]

FUNDING_FLOWS = [
    new_markdown_cell(
        "# Funding flows\n\n"
        "Who funds which sector, through `queries/read/funding.cypher` (the API's `GET /funding`). "
        "Amounts are kept as written (`amount`) and normalised (`amount_value`, `currency`); each flow "
        "cites the sentence it was read from."
    ),
    new_code_cell(SETUP),
    new_code_cell(
        """\
ALL = {"key": None, "source_keys": None, "target_keys": None, "min_amount": None,
       "min_confidence": MIN_CONFIDENCE, "offset": 0, "limit": 1000}
flows = run("read/funding", **ALL)
assert flows, "no funding in the graph: load the sample with `policygraph ingest corpus/`"
for f in flows:
    print(f'{f["source"]["name"]} -> {f["target"]["name"]}: {f["amount"]}  ({f["document"]["title"]})')"""
    ),
    new_markdown_cell("## Totals per recipient, per currency"),
    new_code_cell(
        """\
from collections import defaultdict

totals: dict[tuple[str, str], float] = defaultdict(float)
for f in flows:
    if f["amount_value"] is not None:
        totals[(f["target"]["name"], f["currency"] or "?")] += f["amount_value"]
for (target, currency), value in sorted(totals.items(), key=lambda kv: -kv[1]):
    print(f"{target:32} {currency:4} {value:>18,.0f}")"""
    ),
    new_code_cell(
        """\
import matplotlib.pyplot as plt

from notebooks.magic import LABEL_COLOURS

items = sorted(totals.items(), key=lambda kv: kv[1])
fig, ax = plt.subplots(figsize=(8, max(2.5, 0.5 + 0.45 * len(items))))
ax.barh([f"{t} ({c})" for (t, c), _ in items], [v for _, v in items], color=LABEL_COLOURS["Sector"])
ax.set_xlabel("total amount (normalised)")
ax.set_title("Funding into each recipient")
plt.show()"""
    ),
    new_markdown_cell(
        "## One recipient's funders\n\nSet `RECIPIENT` (name, alias or key); by default the best funded."
    ),
    new_code_cell(
        """\
from notebooks.helpers import actor_keys

RECIPIENT = max(totals, key=totals.get)[0]
for f in run("read/funding", **{**ALL, "target_keys": actor_keys(RECIPIENT)}):
    print(f'{f["source"]["name"]}: {f["amount"]}  (period: {f["period"] or "-"})')
    print(f'    "{f["evidence"]["sentence"]}"')"""
    ),
    new_markdown_cell("## The flows as a graph"),
    new_code_cell("%load_ext notebooks.magic"),
    new_code_cell(
        """\
%%cypher --graph
MATCH flow = (:Actor)-[:FUNDS]->(:Actor)
RETURN flow"""
    ),
]

NOTEBOOKS = {
    "01_who_said_what.ipynb": WHO_SAID_WHAT,
    "02_actor_network.ipynb": ACTOR_NETWORK,
    "03_funding_flows.ipynb": FUNDING_FLOWS,
}


def build(out_dir: Path = HERE) -> None:
    """Write every notebook into `out_dir` (tests build into a temporary folder and compare)."""
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                "language_info": {"name": "python"},
            },
        )
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{Path(name).stem[:2]}-{i:02d}"  # stable ids: rebuilding changes nothing
        nbformat.validate(nb)
        nbformat.write(nb, out_dir / name)


if __name__ == "__main__":
    build()
