"""`%%cypher` cell magic: Cypher typed into a notebook cell comes back as a table, optionally drawn.

    %load_ext notebooks.magic

    %%cypher --param "person=Marisol Quenby" --graph
    MATCH role = (:Person {name: $person})-[:HOLDS_ROLE]->(:Actor) RETURN role

Parameters come from `--param name=value` (JSON values are decoded) or, failing that, from notebook
variables of the same name. Colours match `api/browser/style.grass`, so both views read the same way.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from neo4j import READ_ACCESS, Driver, Record
from neo4j.graph import Graph, Node, Path, Relationship

from graph.db import get_driver
from graph.settings import get_settings

__all__ = ["LABEL_COLOURS", "CypherMagics", "CypherResult", "draw", "load_ipython_extension", "query"]

# One colour per label, the same as api/browser/style.grass (a test keeps them in step).
LABEL_COLOURS: dict[str, str] = {
    "Person": "#4C8EDA",
    "Organisation": "#F79767",
    "Country": "#57C785",
    "Policy": "#C990C0",
    "Sector": "#FFC454",
    "Publication": "#8D6E63",
    "Quote": "#E8E8E8",
    "Document": "#37474F",
}
DEFAULT_COLOUR = "#A5ABB6"
_PARAM_REF = re.compile(r"\$(\w+)")


@dataclass(frozen=True)
class CypherResult:
    """Records of one statement plus the nodes and relationships they contain, as a networkx graph."""

    records: list[Record]
    graph: nx.MultiDiGraph

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [record.data() for record in self.records]

    def _repr_html_(self) -> str:
        if not self.records:
            return "<p><em>(no rows)</em></p>"
        keys = list(self.records[0].keys())
        head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(r[k]))}</td>" for k in keys) + "</tr>"
            for r in self.records
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def png(self) -> bytes:
        """The graph drawn as a PNG (needs no display backend)."""
        fig = Figure(figsize=(9, 6))
        FigureCanvasAgg(fig)
        draw(self.graph, fig.add_subplot())
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()


def _node_text(props: dict[str, Any]) -> str:
    for key in ("name", "title", "text"):
        if props.get(key):
            text = str(props[key])
            return text if len(text) <= 40 else text[:37] + "..."
    return ""


def _cell(value: Any) -> str:
    """A short, readable rendering of one value: nodes by label and caption, paths as chains."""
    if isinstance(value, Node):
        return f"(:{':'.join(sorted(value.labels))} {_node_text(dict(value))})"
    if isinstance(value, Relationship):
        return f"[:{value.type}]"
    if isinstance(value, Path):
        text, nodes = _cell(value.start_node), value.nodes
        for here, rel, there in zip(nodes[:-1], value.relationships, nodes[1:], strict=True):
            forward = rel.start_node is not None and rel.start_node.element_id == here.element_id
            text += f" -{_cell(rel)}-> {_cell(there)}" if forward else f" <-{_cell(rel)}- {_cell(there)}"
        return text
    if isinstance(value, list):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    return str(value)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Nodes keyed by element id with `labels` and properties; relationships keep `type` and properties."""
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node.element_id, labels=sorted(node.labels), **dict(node))
    for rel in graph.relationships:
        if rel.start_node is None or rel.end_node is None:
            continue
        g.add_edge(
            rel.start_node.element_id, rel.end_node.element_id, key=rel.element_id, type=rel.type, **dict(rel)
        )
    return g


def _colour(labels: list[str]) -> str:
    return next((LABEL_COLOURS[lb] for lb in labels if lb in LABEL_COLOURS), DEFAULT_COLOUR)


def draw(g: nx.Graph, ax: Axes) -> Axes:
    """Draw nodes coloured by label and sized by PageRank where computed, with name/title captions."""
    pos = nx.spring_layout(g, seed=7)
    data = dict(g.nodes(data=True))
    colours = [_colour(data[n].get("labels", [])) for n in g]
    sizes = [300 + 6000 * float(data[n].get("pagerank") or 0.0) for n in g]
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#9E9E9E", arrows=g.is_directed(), node_size=sizes)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colours, node_size=sizes, edgecolors="#555555")
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: _node_text(data[n]) for n in g}, font_size=8)
    edge_labels = {
        (u, v): d.get("title") or d.get("amount") or d.get("type", "") for u, v, d in g.edges(data=True)
    }
    nx.draw_networkx_edge_labels(g, pos, ax=ax, edge_labels=edge_labels, font_size=7)
    ax.margins(0.2)
    ax.set_axis_off()
    return ax


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """`name=value` pairs; values that parse as JSON (numbers, lists, true) are decoded, others are text."""
    params: dict[str, Any] = {}
    for pair in pairs:
        if len(pair) > 1 and pair[0] == pair[-1] and pair[0] in "'\"":
            pair = pair[1:-1]  # IPython keeps the quotes of `--param "name=two words"`
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--param expects name=value, got {pair!r}")
        try:
            params[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            params[name.strip()] = raw
    return params


def query(text: str, params: dict[str, Any] | None = None, driver: Driver | None = None) -> CypherResult:
    """Run one statement read-routed on the configured database and keep both rows and graph."""
    with (driver or get_driver()).session(
        database=get_settings().neo4j_database, default_access_mode=READ_ACCESS
    ) as session:
        result = session.run(text, params or {})
        records = list(result)
        graph = result.graph()
    return CypherResult(records=records, graph=to_networkx(graph))


try:  # IPython is only needed inside a notebook; the functions above work without it.
    from IPython.core.magic import Magics, cell_magic, magics_class
    from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
    from IPython.display import Image, display

    @magics_class
    class CypherMagics(Magics):
        """Registers `%%cypher`."""

        @magic_arguments()
        @argument("--graph", action="store_true", help="also draw the nodes and relationships returned")
        @argument(
            "--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="a query parameter"
        )
        @cell_magic
        def cypher(self, line: str, cell: str) -> CypherResult:
            """Run the cell as Cypher; show a table of rows (and a drawing with `--graph`)."""
            args = parse_argstring(self.cypher, line)
            params = parse_params(args.param)
            user_ns = self.shell.user_ns if self.shell is not None else {}
            for name in _PARAM_REF.findall(cell):
                if name not in params and name in user_ns:
                    params[name] = user_ns[name]
            result = query(cell, params)
            if args.graph:
                display(Image(result.png()))
            return result

    def load_ipython_extension(ipython: Any) -> None:
        """`%load_ext notebooks.magic`."""
        ipython.register_magics(CypherMagics)

except ImportError:  # pragma: no cover - IPython absent

    def load_ipython_extension(ipython: Any) -> None:
        raise RuntimeError("the %%cypher magic needs IPython (pip install ipykernel)")
