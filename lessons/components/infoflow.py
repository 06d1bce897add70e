"""How military intelligence flows between Japan, South Korea and the United States, with and without GSOMIA.

Three boxes — Japan, South Korea, the United States — and arrows between them:

- **with GSOMIA**: Japan and South Korea exchange intelligence directly (GSOMIA, signed 23 Nov 2016), and each
  also has its own arrangement with the United States;
- **without GSOMIA**: Japan and South Korea share only through Washington, under the 2014 Trilateral
  Information Sharing Arrangement (TISA).

The live view has a "Show" toggle; the twin shows both states side by side (two SVGs, no JavaScript). Arrows
differ by line style and label as well as colour. Every date comes from ``data/timeline.csv`` by row id.

Typical use::

    from lessons import InfoFlow
    InfoFlow()                  # with GSOMIA
    InfoFlow(state="without")   # only through the United States
"""

from __future__ import annotations

from typing import Any

from .._html import dom_id, esc, notice, twin, twin_css
from ..component import Component
from ..dates import fmt_day
from ..static import text as static_text
from ..style import COUNTRY_COLOURS, MUTED_TEXT, TEXT

__all__ = ["InfoFlow", "STATES", "EVENTS"]

#: state key -> label of its toggle button.
STATES = {"with": "With GSOMIA", "without": "Without GSOMIA"}

#: The timeline rows the captions use: key -> (candidate ids in data/timeline.csv, what it is).
EVENTS = {
    "tisa": (("tisa-finalized", "tisa-signed", "tisa-concluded", "tisa"), "TISA finalized"),
    "signed": (("gsomia-signed",), "GSOMIA signed"),
    "announced": (
        (
            "gsomia-termination-announced",
            "gsomia-termination-announcement",
            "gsomia-termination",
            "gsomia-terminate-announced",
        ),
        "termination announced",
    ),
    "suspended": (
        ("gsomia-suspension", "gsomia-suspended", "gsomia-termination-suspended"),
        "termination suspended",
    ),
    "normalized": (("gsomia-normalized", "gsomia-normalization", "gsomia-normalised"), "fully normalized"),
}

W, H = 440, 300
BOXES = {  # name -> (x, y, w, h)
    "Japan": (300, 40, 120, 48),
    "South Korea": (20, 40, 120, 48),
    "United States": (160, 220, 120, 48),
}


def _css() -> str:
    """lessons/static/infoflow.css"""
    return static_text("infoflow.css")




class InfoFlow(Component):
    """The information-flow diagram. `state` is "with" or "without" (GSOMIA); `timeline` defaults to the
    rows of ``data/timeline.csv`` (tests pass their own)."""

    label = "Diagram of how Japan, South Korea and the United States share military intelligence"

    def __init__(self, state: str = "with", *, timeline: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.problems: list[str] = []
        if timeline is None:
            from .. import data

            try:
                timeline = data.rows("timeline")
            except data.DataError as exc:
                self.problems.append(f"The diagram can't show its dates: {exc}")
                timeline = []
        by_id = {r["id"]: r for r in timeline}
        self.events: dict[str, dict[str, Any] | None] = {}
        for key, (ids, what) in EVENTS.items():
            found = next((by_id[i] for i in ids if i in by_id), None)
            self.events[key] = found
            if found is None and timeline:
                self.problems.append(
                    f"The timeline has no row for “{what}” (looked for the id {ids[0]!r}), "
                    "so that date is left out."
                )
        self.state_problem: str | None = None
        self.state = self._check_state(state)

    def _check_state(self, state: Any) -> str:
        if state in STATES:
            return state
        self.state_problem = (
            f"There is no diagram state {state!r}. Choose “with” (GSOMIA in force) or "
            "“without”; showing the state with GSOMIA."
        )
        return "with"

    # --- text ------------------------------------------------------------------------------------------
    def date(self, key: str) -> str | None:
        """The date of an event key of :data:`EVENTS` as "23 Nov 2016" (None when the row is missing)."""
        r = self.events.get(key)
        return fmt_day(r["date"]) if r else None

    def _on(self, key: str, prefix: str = "") -> str:
        d = self.date(key)
        return f"{prefix}{d}" if d else ""

    def caption(self, state: str) -> str:
        if state == "with":
            text = (
                "With GSOMIA: Japan and South Korea pass military intelligence to each other directly "
                "(solid line), and each also shares with the United States under its own alliance "
                "arrangements (dotted lines)."
            )
            signed = self.date("signed")
            if signed:
                text += f" GSOMIA was signed on {signed}."
        else:
            text = (
                "Without GSOMIA: Japan and South Korea have no direct channel; what they share goes through "
                "the United States (dashed lines) under the Trilateral Information Sharing Arrangement (TISA)"
            )
            tisa = self.date("tisa")
            text += f", finalized on {tisa}." if tisa else "."
            text += " Each exchange then depends on Washington passing it on."
        return text

    def dates_line(self) -> str:
        parts = []
        labels = (
            ("tisa", "TISA finalized"),
            ("signed", "GSOMIA signed"),
            ("announced", "South Korea announced it would end GSOMIA"),
            ("suspended", "South Korea suspended the termination"),
            ("normalized", "GSOMIA fully normalized"),
        )
        for key, text in labels:
            d = self.date(key)
            if d:
                parts.append(f"{text}: {d}")
        return "; ".join(parts) + ("." if parts else "")

    def description(self, state: str) -> str:
        if state == "with":
            return (
                "Diagram: Japan and South Korea linked directly by a solid two-way arrow labelled GSOMIA; "
                "each is also linked to the United States by a dotted two-way arrow labelled "
                "alliance channel."
            )
        return (
            "Diagram: no direct link between Japan and South Korea (crossed out); each is linked to the "
            "United States by a dashed two-way arrow labelled TISA, so intelligence passes through "
            "Washington."
        )

    # --- drawing ---------------------------------------------------------------------------------------
    def svg(self, state: str, svg_id: str | None = None) -> str:
        svg_id = svg_id or dom_id("infoflow-svg", state)
        arrow = f"{svg_id}-arrow"
        title = STATES[state]
        parts = [
            f'<svg role="img" id="{esc(svg_id)}" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
            f'aria-labelledby="{esc(svg_id)}-t {esc(svg_id)}-d" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{esc(svg_id)}-t">{esc(title)}</title>'
            f'<desc id="{esc(svg_id)}-d">{esc(self.description(state))}</desc>',
            f'<defs><marker id="{esc(arrow)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{TEXT}"/>'
            "</marker></defs>",
            f'<rect width="{W}" height="{H}" fill="#fff"/>',
        ]
        jp, kr, us = BOXES["Japan"], BOXES["South Korea"], BOXES["United States"]

        def edge(
            x1: float,
            y1: float,
            x2: float,
            y2: float,
            dash: str,
            width: float,
            text: str,
            tx: float,
            ty: float,
            anchor: str = "middle",
        ) -> str:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            return (
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{TEXT}" stroke-width="{width}"'
                f'{dash_attr} marker-start="url(#{esc(arrow)})" marker-end="url(#{esc(arrow)})"/>'
                + "".join(
                    f'<text x="{tx}" y="{ty + 14 * i}" font-size="12" text-anchor="{anchor}" fill="{TEXT}">'
                    f"{esc(line)}</text>"
                    for i, line in enumerate(text.split("\n"))
                )
            )

        def edges_to_washington(dash: str, width: float, text: str, label_x: tuple[float, float]) -> None:
            """South Korea ⇄ US and Japan ⇄ US: the same two lines in both states, styled per state."""
            parts.append(edge(kr[0] + 60, kr[1] + kr[3] + 4, us[0] + 10, us[1] - 4, dash, width, text,
                              label_x[0], 170, "middle"))
            parts.append(edge(jp[0] + 60, jp[1] + jp[3] + 4, us[0] + us[2] - 10, us[1] - 4, dash, width, text,
                              label_x[1], 170, "middle"))

        left = (kr[0] + kr[2], kr[1] + kr[3] / 2)
        right = (jp[0], jp[1] + jp[3] / 2)
        if state == "with":
            signed = self.date("signed")
            parts.append(
                edge(
                    left[0] + 4,
                    left[1],
                    right[0] - 4,
                    right[1],
                    "",
                    3,
                    "GSOMIA: direct exchange" + (f"\nsigned {signed}" if signed else ""),
                    W / 2,
                    left[1] - 30,
                )
            )
            edges_to_washington("2 4", 2, "alliance\nchannel", (60, 380))
        else:
            cx = W / 2
            parts.append(
                f'<line x1="{left[0] + 8}" y1="{left[1]}" x2="{right[0] - 8}" y2="{right[1]}" '
                f'stroke="{MUTED_TEXT}" stroke-width="1" stroke-dasharray="1 6"/>'
                f'<path d="M{cx - 9} {left[1] - 9}L{cx + 9} {left[1] + 9}M{cx - 9} {left[1] + 9}'
                f'L{cx + 9} {left[1] - 9}" stroke="{TEXT}" stroke-width="2.5"/>'
                f'<text x="{cx}" y="{left[1] - 18}" font-size="12" text-anchor="middle" fill="{TEXT}">'
                f"no direct channel</text>"
            )
            tisa = self.date("tisa")
            edges_to_washington("8 5", 2.5, "TISA: via\nWashington", (62, 378))
            if tisa:
                parts.append(
                    f'<text x="{W / 2}" y="{us[1] - 60}" font-size="12" text-anchor="middle" '
                    f'fill="{MUTED_TEXT}">TISA finalized {esc(tisa)}</text>'
                )
        for name, (x, y, w, h) in BOXES.items():
            colour = COUNTRY_COLOURS.get(name, TEXT)
            parts.append(
                f'<g><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="#fff" stroke="{colour}" '
                f'stroke-width="3"/><text x="{x + w / 2}" y="{y + h / 2 + 5}" font-size="14" '
                f'font-weight="bold" '
                f'text-anchor="middle" fill="{TEXT}">{esc(name)}</text></g>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def _notices(self) -> str:
        msgs = list(self.problems) + ([self.state_problem] if self.state_problem else [])
        return "".join(notice(m, "error") for m in msgs)

    def render(self, state: str) -> str:
        """HTML of the live view's output for a state: the diagram, its caption and the dates in force."""
        if state not in STATES:
            return notice(f"There is no diagram state {state!r}. Choose “with” or “without”.", "error")
        return (
            f'<div class="gs-twin gs-infoflow"><style>{twin_css()}{_css()}</style>{self._notices()}<figure>'
            + self.svg(state, dom_id("infoflow-live", state))
            + f"<figcaption>{esc(self.caption(state))}</figcaption></figure>"
            f'<p class="gs-flow-dates">{esc(self.dates_line())}</p></div>'
        )

    # --- renderings ------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        self.toggle = w.ToggleButtons(
            options=[(text, key) for key, text in STATES.items()],
            value=self.state,
            description="Show",
            tooltips=[
                "Japan and South Korea share directly",
                "Japan and South Korea share only through the United States",
            ],
        )
        self.output = w.HTML(value=self.render(self.state))

        def redraw(change: Any = None) -> None:
            self.state = self.toggle.value
            self.state_problem = None
            self.output.value = self.render(self.state)

        self.redraw = redraw
        self.toggle.observe(redraw, names="value")
        return w.VBox([self.toggle, self.output])

    def twin_html(self) -> str:
        root = dom_id("infoflow", self.dates_line())
        figures = []
        for key in STATES:
            figures.append(
                f"<figure><h4>{esc(STATES[key])}</h4>{self.svg(key, f'{root}-{key}')}"
                f"<figcaption>{esc(self.caption(key))}"
                "</figcaption></figure>"
            )
        body = (
            f"<h3>Who shares intelligence with whom</h3>{self._notices()}"
            f'<div class="gs-flow-pair">{"".join(figures)}</div>'
            f'<p class="gs-flow-dates">{esc(self.dates_line())}</p>'
            '<p class="gs-muted">Line styles: solid = direct GSOMIA exchange; dashed = shared via the United '
            "States under TISA; dotted = each country's own channel with the United States.</p>"
        )
        return twin("infoflow", "Who shares intelligence with whom", body, root_id=root, css=_css())
