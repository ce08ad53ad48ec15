"""What every benchmark returns: tables, ratios against goals and notes; printed and as markdown.

Printed ratio lines have one fixed shape, `ratio <name> = <value> (goal <op> <goal>) <met|MISSED>`,
so the smoke test (and anyone's script) can parse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | None


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    def add(self, *cells: Cell) -> None:
        self.rows.append(list(cells))


@dataclass(frozen=True)
class Ratio:
    name: str
    value: float
    goal: float
    op: Literal[">=", "<="]
    what: str

    @property
    def met(self) -> bool:
        return self.value >= self.goal if self.op == ">=" else self.value <= self.goal

    def line(self) -> str:
        state = "met" if self.met else "MISSED"
        goal = f"(goal {self.op} {fmt(self.goal)})"
        return f"ratio {self.name} = {fmt(self.value)} {goal} {state}  # {self.what}"


@dataclass
class Result:
    bench: str
    title: str
    tables: list[Table] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def fmt(v: Cell) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10_000 else str(v)
    if isinstance(v, float):
        if v == 0:
            return "0"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        if abs(v) >= 100:
            return f"{v:.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        if abs(v) >= 1:
            return f"{v:.2f}"
        return f"{v:.3g}"
    return v


def render_text(t: Table) -> str:
    cells = [t.columns, *[[fmt(c) for c in row] for row in t.rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(t.columns))]
    lines = [t.title, "  ".join(c.ljust(w) for c, w in zip(t.columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths,
                                                                                                   strict=True))))
    return "\n".join(lines)


def render_markdown(t: Table) -> str:
    lines = [f"**{t.title}**", "", "| " + " | ".join(t.columns) + " |",
             "|" + "|".join(" --- " if i == 0 else " ---: " for i in range(len(t.columns))) + "|"]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def print_result(r: Result) -> None:
    print(f"\n== {r.title} ({r.seconds:.0f} s)")
    for t in r.tables:
        print(render_text(t) + "\n")
    for ratio in r.ratios:
        print(ratio.line())
    for note in r.notes:
        print(f"note: {note}")


def markdown(results: list[Result], machine: str, command: str, when: str) -> str:
    """The README's Performance section: machine, command, each ratio next to its goal, then details."""
    out = ["## Performance", "", f"Measured {when} on {machine}.", "", f"Reproduce: `{command}`", "",
           "| benchmark | ratio | measured | goal | |", "| --- | --- | ---: | ---: | --- |"]
    for r in results:
        for x in r.ratios:
            out.append(f"| {r.bench} | {x.what} | {fmt(x.value)} | {x.op} {fmt(x.goal)} | "
                       f"{'met' if x.met else '**missed**'} |")
    for r in results:
        out += ["", f"### {r.title}", ""]
        for t in r.tables:
            out += [render_markdown(t), ""]
        out += [f"- {n}" for n in r.notes]
    return "\n".join(out).rstrip() + "\n"
