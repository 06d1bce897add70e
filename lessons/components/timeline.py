"""The timeline explorer: the dispute's dated events, filtered by category, actor and years.

Two renderings of one component (see :class:`lessons.component.Component`):

* live (JupyterLab): category checkboxes, an actor drop-down and a "Years" range slider redraw a matplotlib
  timeline and the table of selected events with their sources;
* twin (static site, no kernel): the timeline figure as an inline image with alt text, and the same table with a
  small inline script that filters its rows (category checkboxes, actor list, year from/to, a live count).

The figure has one row per event, sorted by date: the date and title form a left-hand column and a marker sits
on a time axis to the right, coloured *and* shaped by category (:data:`lessons.style.CATEGORY_STYLES`). Because
the rows are a fixed height apart, labels can never overlap, however many events there are.

**Time axis.** A linear axis from 1910 to 2024 would squash 2019 — the year most events happened — into a sliver.
The axis is therefore *piecewise linear* with three eras, drawn as shaded bands with their names:
"Background" (up to June 2018), "The dispute" (July 2018 – December 2019) and "Afterwards" (2020 on). Each era
gets a fixed share of the width (1.5 : 3 : 1) and dashed lines mark the breaks, so no reader mistakes the axis
for an even one. See :data:`ERAS`. The axis always spans the whole timeline (eras outside its years are
dropped), so an event keeps its place on the axis however the filters change.

**Speed.** Matplotlib 3.11 draws text glyph by glyph, so drawing 70 labelled rows takes a second or more. The
whole timeline is therefore drawn once and cached as pixels; a selection is composed from the rows' pixel strips
(one 20-pixel strip per event) and encoded as PNG in well under 100 ms. :func:`plot` draws a real Figure.

Typical use::

    from lessons.components.timeline import TimelineExplorer, plot
    TimelineExplorer()                       # the whole timeline
    TimelineExplorer(categories=["trade"])   # start with trade events only
    fig = plot(years=(2019, 2019))           # just the figure, for a notebook
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .._html import dom_id, esc, notice, source_html, table, twin
from ..component import Component
from ..static import text as static_text
from ..style import CATEGORY_STYLES, TEXT
from .timeline_draw import ERAS, NO_MATCH, alt_text, as_date, compose_png, display_date, draw, message_figure, sort_rows

__all__ = ["TimelineExplorer", "plot", "ERAS", "ALL_ACTORS", "NO_MATCH", "filter_rows", "display_date"]

#: The label of the "no actor filter" choice.
ALL_ACTORS = "All actors"

# --------------------------------------------------------------------------------------------------------
# Rows and filters (no heavy imports)
# --------------------------------------------------------------------------------------------------------


def _css() -> str:
    """lessons/static/timeline.css"""
    return static_text("timeline.css")


def _picture_css() -> str:
    from .timeline_picture import picture_css

    return picture_css()


def _script() -> str:
    """lessons/static/timeline.js"""
    return static_text("timeline.js")


def filter_rows(
    rows: Iterable[dict],
    categories: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    years: Sequence[int] | None = None,
) -> list[dict]:
    """Events in `categories` (all when None), involving any of `actors` (all when None or empty) and dated in
    `years` = (first, last) inclusive (all when None), sorted by date."""
    cats = None if categories is None else set(categories)
    acts = set(actors or ())
    out = []
    for r in rows:
        if cats is not None and r.get("category") not in cats:
            continue
        if acts and not acts.intersection(r.get("actors") or ()):
            continue
        if years is not None and not years[0] <= as_date(r["date"]).year <= years[1]:
            continue
        out.append(r)
    return sort_rows(out)




def _sources_html(sources: Iterable[str] | None) -> str:
    items = list(sources or ())
    if not items:
        return '<span class="gs-muted">no source listed</span>'
    return "<br>".join(source_html(s) for s in items)


def plot(
    rows: list[dict] | None = None,
    categories: Iterable[str] | None = None,
    actors: str | Iterable[str] | None = None,
    years: Sequence[int] | None = None,
    title: str | None = None,
    actor: str | None = None,
) -> Any:
    """The timeline as a :class:`matplotlib.figure.Figure` (no pyplot), for use in a notebook.

    `rows` defaults to ``lessons.data.rows("timeline")``; the filters are those of :class:`TimelineExplorer`
    (`actor="Japan"` is the same as `actors="Japan"`). Bad filters raise ``ValueError`` with a plain sentence
    (the explorer shows the same sentence as a notice). The figure is drawn afresh (about a second for 70 events).
    """
    explorer = TimelineExplorer(
        rows=rows, categories=categories, actors=actors if actors is not None else actor, years=years
    )
    if explorer.error:
        raise ValueError(explorer.error)
    selected = explorer.selected()
    if not selected:
        return message_figure(NO_MATCH)
    return draw(selected, explorer.year_range, title=title)


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------

_UNSET: Any = object()

class TimelineExplorer(Component):
    """Explore the timeline: filter by category, actor and years; see a figure and a table with sources.

    Parameters
    ----------
    rows:
        Timeline rows (dicts as returned by ``lessons.data.rows("timeline")``); loaded from data when None.
    categories:
        Categories shown at the start (all when None).
    actors:
        An actor (or several) the events must involve (all actors when None).
    years:
        ``(first, last)`` years shown at the start, inclusive (the whole timeline when None).
    title:
        A heading for the component.
    """

    label = "Interactive timeline"

    def __init__(
        self,
        rows: list[dict] | None = None,
        categories: Iterable[str] | None = None,
        actors: str | Iterable[str] | None = None,
        years: Sequence[int] | None = None,
        title: str = "Timeline of the dispute",
    ) -> None:
        super().__init__()
        if rows is None:
            from .. import data

            rows = data.rows("timeline")
        self.rows = sort_rows(rows)
        self.title = title
        self.categories_available = [c for c in CATEGORY_STYLES if any(r["category"] == c for r in self.rows)]
        self.actors_available = sorted({a for r in self.rows for a in (r.get("actors") or ())})
        years_all = [as_date(r["date"]).year for r in self.rows]
        self.year_range = (min(years_all), max(years_all)) if years_all else (1910, 2024)
        # Current (valid) filters, an error message for the last invalid input, an info note.
        self._categories: tuple[str, ...] = tuple(self.categories_available)
        self._actors: tuple[str, ...] = ()
        self._years: tuple[int, int] = self.year_range
        self.error: str | None = None
        self.note: str | None = None
        self._syncing = False
        self.set_filters(categories=categories, actor=actors, years=years)
        self._initial = (self._categories, self._actors, self._years)

    def plain_text(self) -> str:
        """What JupyterLab shows for the saved output before the notebook runs."""
        lo, hi = self.year_range
        return (
            f"Interactive timeline: {self.title} ({len(self.rows)} events, {lo}–{hi}) — run this cell to filter "
            "it here; the course website shows a version without Python."
        )

    # --- filters -----------------------------------------------------------------------------------------
    def set_filters(
        self, categories: Any = _UNSET, actor: Any = _UNSET, years: Any = _UNSET
    ) -> TimelineExplorer:
        """Change the filters (arguments left out stay as they are; None means "all").

        `categories`: iterable of category names; `actor`: an actor name, a list of names, None or
        "All actors"; `years`: (first, last). Invalid input does not raise: it sets :attr:`error` to a plain
        sentence, which both renderings show as a notice instead of the figure and table.
        """
        cats = self._categories if categories is _UNSET else categories
        acts = self._actors if actor is _UNSET else actor
        yrs = self._years if years is _UNSET else years
        self.error, self.note = None, None
        try:
            cats = self._check_categories(cats)
            acts = self._check_actors(acts)
            yrs = self._check_years(yrs)
        except ValueError as exc:
            self.error = str(exc)
        else:
            self._categories, self._actors, self._years = cats, acts, yrs
        self._refresh()
        return self

    def _check_categories(self, cats: Any) -> tuple[str, ...]:
        if cats is None:
            return tuple(self.categories_available)
        if isinstance(cats, str):
            cats = [cats]
        cats = list(cats)
        unknown = [c for c in cats if c not in CATEGORY_STYLES]
        if unknown:
            raise ValueError(
                f"There is no category called {unknown[0]!r}. Choose from: " f"{', '.join(CATEGORY_STYLES)}."
            )
        return tuple(c for c in CATEGORY_STYLES if c in cats)

    def _check_actors(self, acts: Any) -> tuple[str, ...]:
        if acts is None or acts == ALL_ACTORS:
            return ()
        if isinstance(acts, str):
            acts = [acts]
        acts = [a for a in acts if a != ALL_ACTORS]
        unknown = [a for a in acts if a not in self.actors_available]
        if unknown:
            raise ValueError(
                f"No event in the timeline involves {unknown[0]!r}. Choose one of: "
                f"{', '.join(self.actors_available)} — or {ALL_ACTORS}."
            )
        return tuple(sorted(set(acts)))

    def _check_years(self, yrs: Any) -> tuple[int, int]:
        lo, hi = self.year_range
        if yrs is None:
            return (lo, hi)
        try:
            y0, y1 = (int(y) for y in yrs)
        except (TypeError, ValueError):
            raise ValueError(f"Years must be two whole numbers, first and last, e.g. ({lo}, {hi}).") from None
        if y0 > y1:
            raise ValueError(f"The first year ({y0}) comes after the last year ({y1}). Swap them.")
        if y1 < lo or y0 > hi:
            raise ValueError(
                f"The timeline runs from {lo} to {hi}; {y0}–{y1} is outside it. "
                f"Choose years between {lo} and {hi}."
            )
        if y0 < lo or y1 > hi:
            self.note = f"The timeline runs from {lo} to {hi}, so only those years are shown."
        return (max(y0, lo), min(y1, hi))

    @property
    def filters(self) -> dict[str, Any]:
        """The current filters: categories, actors and years."""
        return {"categories": list(self._categories), "actors": list(self._actors), "years": self._years}

    def _indices(self) -> list[int]:
        if self.error:
            return []
        chosen = {id(r) for r in filter_rows(self.rows, self._categories, self._actors, self._years)}
        return [i for i, r in enumerate(self.rows) if id(r) in chosen]

    def selected(self) -> list[dict]:
        """The events the current filters select, by date (none while an invalid input is showing)."""
        return [self.rows[i] for i in self._indices()]

    # --- pieces shared by both renderings -----------------------------------------------------------------
    def figure(self) -> Any:
        """The timeline of the selected events as a Figure (a message figure when nothing matches or on error).

        The time axis always spans the whole timeline, so an event keeps its place whatever the filters."""
        if self.error:
            return message_figure(self.error)
        return draw(self.selected(), self.year_range)

    def alt_text(self) -> str:
        """What the figure shows, in words."""
        return self.error or alt_text(self.selected())

    def png(self) -> bytes:
        """The figure of the selected events as PNG bytes (fast: composed from a cached drawing)."""
        return compose_png(self.rows, self._indices(), self.year_range)

    def figure_html(self) -> str:
        """The figure as an inline <img> with alt text, or a notice when there is nothing to draw."""
        if self.error:
            return notice(self.error, "error")
        indices = self._indices()
        if not indices:
            return notice(NO_MATCH)
        # The same picture as the twin (HTML + SVG markers, legible at any width), for the shown events only,
        # on an axis over the chosen years.
        from .timeline_picture import picture_html

        selected = [self.rows[i] for i in indices]
        return picture_html(selected, range(len(selected)), self._years, dates=[display_date(r) for r in selected],
                            alt=alt_text(selected))

    def status_text(self) -> str:
        """'N of M events shown', or the error sentence."""
        if self.error:
            return self.error
        return f"{len(self.selected())} of {len(self.rows)} events shown"

    def _table_rows(self, rows: Sequence[dict]) -> list[list[str]]:
        out = []
        for r in rows:
            style = CATEGORY_STYLES.get(r["category"], {})
            swatch = (
                f'<span class="gs-tl-cat"><span aria-hidden="true" style="color:{style.get("colour", TEXT)}">'
                f'{_MARKER_GLYPH.get(style.get("marker"), "●")}</span> {esc(r["category"])}</span>'
            )
            out.append(
                [
                    display_date(r),
                    esc(r.get("title")),
                    swatch,
                    esc(", ".join(r.get("actors") or ())),
                    f'<span class="gs-tl-sources">{_sources_html(r.get("sources"))}</span>',
                ]
            )
        return out

    _HEADERS = ("Date", "Event", "Category", "Actors", "Sources")

    def _picture(self, indices: Sequence[int], years: Sequence[int]) -> str:
        """The picture of the timeline (HTML + inline SVG markers), rows outside `indices` hidden."""
        from .timeline_picture import picture_html

        return picture_html(self.rows, indices, (years[0], years[1]), dates=[display_date(r) for r in self.rows],
                            alt=alt_text([self.rows[i] for i in indices]))

    def table_html(self) -> str:
        """The selected events as a table (date, event, category, actors, sources as links)."""
        if self.error:
            return ""
        selected = self.selected()
        if not selected:
            return notice(NO_MATCH)
        return table(
            self._HEADERS,
            self._table_rows(selected),
            caption=f"{len(selected)} selected events",
            raw_columns=(1, 2, 3, 4),
            css_class="gs-table gs-tl-table",
        )

    # --- live view ------------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        self._w_cats = {
            c: w.Checkbox(
                value=c in self._categories,
                description=c.capitalize(),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for c in self.categories_available
        }
        self._w_actor = w.Dropdown(options=self._actor_options(), value=self._actors, description="Actor")
        lo, hi = self.year_range
        self._w_years = w.IntRangeSlider(
            value=self._years,
            min=lo,
            max=hi,
            step=1,
            description="Years",
            continuous_update=False,
            layout=w.Layout(width="32em"),
        )
        self._w_status = w.HTML()
        self._w_figure = w.HTML()
        self._w_table = w.HTML()
        for box in self._w_cats.values():
            box.observe(self._on_control, names="value")
        self._w_actor.observe(self._on_control, names="value")
        self._w_years.observe(self._on_control, names="value")
        cats = w.HBox([w.Label("Categories:"), *self._w_cats.values()], layout=w.Layout(flex_flow="row wrap"))
        view = w.VBox(
            [
                w.HTML(live_header(self.title, _css().replace(".gs-timeline", ".gs-live") + _picture_css())),
                cats,
                w.HBox([self._w_actor, self._w_years]),
                self._w_status,
                self._w_figure,
                self._w_table,
            ]
        )
        view.add_class("gs-live")
        self._widget = view
        self._refresh()
        return view

    def _actor_options(self) -> list[tuple[str, tuple[str, ...]]]:
        options = [(ALL_ACTORS, ())] + [(a, (a,)) for a in self.actors_available]
        if len(self._actors) > 1:
            options.append((" or ".join(self._actors), self._actors))
        return options

    def _on_control(self, _change: Any = None) -> None:
        if self._syncing:
            return
        cats = [c for c, box in self._w_cats.items() if box.value]
        self.set_filters(categories=cats, actor=self._w_actor.value, years=self._w_years.value)

    def _refresh(self) -> None:
        """Bring the live view (if built) up to date with the filters."""
        if self._widget is None or not hasattr(self, "_w_figure"):
            return
        self._syncing = True
        try:
            if not self.error:
                for c, box in self._w_cats.items():
                    box.value = c in self._categories
                if self._actors not in [v for _, v in self._w_actor.options]:
                    self._w_actor.options = self._actor_options()
                self._w_actor.value = self._actors
                self._w_years.value = self._years
        finally:
            self._syncing = False
        status = (
            notice(self.error, "error")
            if self.error
            else (
                (notice(self.note) if self.note else "")
                + f'<p class="gs-tl-count" role="status">{esc(self.status_text())}</p>'
            )
        )
        self._w_status.value = status
        self._w_figure.value = "" if self.error else self.figure_html()
        self._w_table.value = self.table_html()

    # --- twin ------------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id("timeline", self.title, [r.get("id") for r in self.rows], self._initial)
        if not self.rows:
            return twin(
                "timeline",
                self.title,
                f"<h3>{esc(self.title)}</h3>" + notice("The timeline has no events."),
                root_id=root,
                css=_css(),
            )
        cats0, acts0, (y0, y1) = self._initial
        lo, hi = self.year_range
        chosen = {id(r) for r in filter_rows(self.rows, cats0, acts0, (y0, y1))}
        indices = [i for i, r in enumerate(self.rows) if id(r) in chosen]
        selected = [self.rows[i] for i in indices]
        parts = [f"<h3>{esc(self.title)}</h3>"]
        if self.error:
            parts.append(notice(self.error, "error"))
        if selected:
            # The picture lists every event; those outside the initial filters are hidden, and the script shows,
            # hides and moves them as the filters change (so the picture always matches the count and the table).
            parts.append(self._picture(indices, (y0, y1)))
        # Controls (hidden until the script runs, so a reader without JavaScript sees no dead controls).
        fid = root + "-"
        boxes = "".join(
            f'<label><input type="checkbox" data-gs-cat="{esc(c)}"{" checked" if c in cats0 else ""}> '
            f'<span aria-hidden="true" style="color:{CATEGORY_STYLES[c]["colour"]}">'
            f'{_MARKER_GLYPH[CATEGORY_STYLES[c]["marker"]]}</span> {esc(c)}</label>'
            for c in self.categories_available
        )
        actor_value = acts0[0] if len(acts0) == 1 else ""
        options = "".join(
            f'<option value="{esc(v)}"{" selected" if v == actor_value else ""}>{esc(label)}</option>'
            for label, v in [(ALL_ACTORS, "")] + [(a, a) for a in self.actors_available]
        )
        parts.append(
            f'<div class="gs-controls" hidden><fieldset style="border:0;padding:0;margin:0"><legend>Categories'
            f"</legend>{boxes}</fieldset>"
            f'<label for="{fid}actor">Actor</label><select id="{fid}actor" data-gs-actor>{options}</select>'
            f'<label for="{fid}from">Years from</label><input id="{fid}from" type="number" data-gs-from '
            f'min="{lo}" max="{hi}" step="1" value="{y0}">'
            f'<label for="{fid}to">to</label><input id="{fid}to" type="number" data-gs-to min="{lo}" max="{hi}" '
            f'step="1" value="{y1}"></div>'
            f'<p class="gs-noscript">Run this cell to filter the timeline here (on the course website the filters '
            f"work in the browser). Shown: the events chosen for this lesson.</p>"
            f'<p class="gs-tl-count" role="status" aria-live="polite">{len(indices)} of {len(self.rows)} events '
            f"shown</p>"
            + notice(NO_MATCH).replace('class="gs-notice', 'hidden class="gs-tl-empty gs-notice', 1)
            + notice(
                f"Choose years between {lo} and {hi}, the first no later than the last.", "error"
            ).replace('class="gs-notice', 'hidden class="gs-tl-bad gs-notice', 1)
        )
        attrs = [
            f'data-gs-cat="{esc(r["category"])}" data-gs-year="{as_date(r["date"]).year}" '
            f'data-gs-actors="{esc(json.dumps(list(r.get("actors") or ()), ensure_ascii=False))}"'
            + ("" if i in set(indices) else " hidden")
            for i, r in enumerate(self.rows)
        ]
        parts.append(
            '<details class="gs-tl-table-box"><summary>The events shown, with their actors and sources '
            "(table)</summary>"
            + table(
                self._HEADERS,
                self._table_rows(self.rows),
                caption="Events and their sources",
                raw_columns=(1, 2, 3, 4),
                row_attrs=attrs,
                css_class="gs-table gs-tl-table gs-phone-cards",
            )
            + "</details>"
        )
        from .timeline_picture import picture_css

        return twin("timeline", self.title, "".join(parts), root_id=root, script=_script(),
                    css=_css() + picture_css())


def live_header(title: str, css: str = "") -> str:
    """The heading of a live view, with the twins' styles (notices, tables) scoped to `.gs-live`."""
    from .._html import twin_css

    style = twin_css().replace(".gs-twin", ".gs-live") + ".gs-live{border:0;padding:0;margin:0}" + css
    return f"<style>{style}</style><h3>{esc(title)}</h3>"


#: Text glyphs matching the figure's marker shapes, for the table and the twin's checkboxes.
_MARKER_GLYPH = {"s": "■", "D": "◆", "o": "●", "^": "▲", "v": "▼"}
