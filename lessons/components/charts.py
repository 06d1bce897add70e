"""Charts of the course's numeric series (visitors, beer imports, trade …) with a period selector.

:class:`SeriesChart` is a component (see :class:`lessons.component.Component`):

* live (JupyterLab): "From" and "To" drop-downs of the series' periods; the figure zooms to that range and a
  readout gives the change between the two ends ("From Aug 2018 to Aug 2019: 620,900 → 308,700 (−50.3 %)");
* twin (static site, no kernel): the figure of the whole series as an inline image with alt text, the table of
  values with their sources, and the same two drop-downs driving the readout with a small inline script.

Honesty rules: a missing value is a gap, never interpolated — a month with no figure (or no row at all) breaks
the line, is hatched on the chart and named in a note ("No figure found for Feb–Jul 2018."). Periods of
different lengths are never mixed on one axis: by default the chart shows the most common kind of period in
the series (months, quarters, years …) and says what it left out. Key dates come from timeline rows by id.

The parts: :mod:`.chart_series` builds the points (gaps, key dates, positions on the axis), :mod:`.chart_draw`
draws the figure and writes its alt text, :mod:`.chart_layout` holds the label sizes and the phone drawing,
:mod:`.periods` parses periods and words the change readout. This module is the component and its two views.

Typical use::

    from lessons import SeriesChart, visitors, beer_imports
    visitors()                                   # Korean visitors to Japan, monthly
    SeriesChart("kr-japan-trade-deficit")        # any series of data/figures.csv
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from .._html import dom_id, esc, json_for_script, notice, png_img, source_html, table, twin
from ..component import Component
from ..static import text as static_text
from .chart_draw import AX_RECT, FIGSIZE, ChartDrawing, chart_alt_text
from .chart_layout import NOTE_PT, PHONE, TICK_PT, slots
from .chart_series import DEFAULT_ANNOTATIONS, build_points, edges, key_dates
from .periods import Period, change_text, format_value, gap_notes, is_percent, parse_period

__all__ = [
    "SeriesChart",
    "visitors",
    "beer_imports",
    "Period",
    "parse_period",
    "change_text",
    "format_value",
    "DEFAULT_ANNOTATIONS",
]


def _css() -> str:
    """lessons/static/chart.css"""
    return static_text("chart.css")


def _script() -> str:
    """the twin's script"""
    return static_text("chart-change.js") + static_text("chart.js")


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------


class SeriesChart(Component):
    """A time series of ``data/figures.csv`` with a period selector, key dates, gaps and a change readout.

    Parameters
    ----------
    series_id:
        The ``series_id`` to draw, e.g. ``"kr-visitors-to-japan"``.
    rows:
        Rows of the figures dataset (loaded from data when None).
    periods:
        Which periods to draw: None (the most common kind of period in the series), a kind ("month",
        "quarter", "half", "year", "range") or a list of period strings.
    annotate:
        Timeline ids whose dates are marked (those inside the chart's range).
    title:
        Heading (default: the series name).
    events:
        Timeline rows for the annotations (loaded from data when None).
    start, end:
        The periods compared at first (default: the first and last periods with a value).
    """

    label = "Interactive chart"

    def __init__(
        self,
        series_id: str,
        rows: list[dict] | None = None,
        periods: str | Iterable[str] | None = None,
        annotate: Iterable[str] = DEFAULT_ANNOTATIONS,
        title: str | None = None,
        events: list[dict] | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        super().__init__()
        from .. import data

        if rows is None:
            rows = data.rows("figures")
        if events is None:
            try:
                events = data.rows("timeline")
            except data.DataError:
                events = []
        self.series_id = series_id
        self.error: str | None = None
        self.notes: list[str] = []
        self.points: list[dict] = []
        self.unit = ""
        series_rows = [r for r in rows if r.get("series_id") == series_id]
        self.series_name = series_rows[0]["series"] if series_rows else series_id
        self.title = title or self.series_name
        if not series_rows:
            known = sorted({r.get("series_id") for r in rows if r.get("series_id")})
            self.error = (
                f"There is no series called {series_id!r} in the figures data. Series available: "
                f"{', '.join(known) or 'none'}."
            )
        else:
            try:
                self.points, self.unit, self.notes = build_points(series_id, series_rows, periods)
            except ValueError as exc:
                self.error = str(exc)
        if not self.error and not self.points:
            self.error = f"The series {series_id!r} has no periods to draw."
        self.annotations = key_dates(annotate, events or [], self.points)
        self._start, self._end = 0, max(len(self.points) - 1, 0)
        with_value = [i for i, p in enumerate(self.points) if p["value"] is not None]
        if with_value:
            self._start, self._end = with_value[0], with_value[-1]
        self.range_error: str | None = None
        self._drawn: ChartDrawing | None = None
        if not self.error:
            self.set_periods(start=start, end=end)
        self._initial = (self._start, self._end, self.range_error)

    def plain_text(self) -> str:
        """What JupyterLab shows for the saved output before the notebook runs."""
        return (
            f"Interactive chart: {self.title} — run this cell to choose the periods compared; the course "
            "website shows a version without Python."
        )

    # --- the drawing: one per size (chart_draw.py); positions on the axis (chart_series.py) -----------------
    _figsize = FIGSIZE
    _ax_rect = AX_RECT
    _tick_pt = TICK_PT
    _note_pt = NOTE_PT

    def _slots(self) -> tuple[list[float], list[float]]:
        """(left edge, width) of each period on the x axis (see :func:`chart_layout.slots`)."""
        return slots(self.points)

    def _edges(self, i: int, j: int) -> tuple[float, float]:
        """Left edge of period i and right edge of period j on the x axis."""
        return edges(self.points, i, j)

    def _drawing(self) -> ChartDrawing:
        """The chart's figure at this chart's size, drawn once."""
        if self._drawn is None:
            self._drawn = ChartDrawing(self.points, self.annotations, self.unit, self._figsize, self._ax_rect,
                                       self._tick_pt, self._note_pt)
        return self._drawn

    def _phone_chart(self) -> SeriesChart:
        """The same chart drawn for a phone (see :data:`PHONE`), made once."""
        import copy

        phone = self.__dict__.get("_phone")
        if phone is None:
            phone = copy.copy(self)
            phone._drawn = None
            for key, value in PHONE.items():
                setattr(phone, key, value)
            self.__dict__["_phone"] = phone
        return phone

    # --- state ------------------------------------------------------------------------------------------------
    def set_periods(self, start: str | None = None, end: str | None = None) -> SeriesChart:
        """Choose the first and last period shown and compared (period strings such as '2018-08', or None to keep
        the current one). A period that isn't in the chart, or a start after the end, shows a notice."""
        if self.error:
            return self
        self.range_error = None
        index = {p["period"]: i for i, p in enumerate(self.points)}
        for value in (start, end):
            if value is not None and value not in index:
                first, last = self.points[0]["label"], self.points[-1]["label"]
                self.range_error = (
                    f"There is no period {value!r} in this chart. Choose one from {first} to " f"{last}."
                )
        if not self.range_error:
            i = self._start if start is None else index[start]
            j = self._end if end is None else index[end]
            if i > j:
                self.range_error = (
                    f"The start ({self.points[i]['label']}) comes after the end "
                    f"({self.points[j]['label']}). Choose a start before the end."
                )
            else:
                self._start, self._end = i, j
        self._refresh()
        return self

    @property
    def start(self) -> str | None:
        return self.points[self._start]["period"] if self.points else None

    @property
    def end(self) -> str | None:
        return self.points[self._end]["period"] if self.points else None

    def readout(self) -> str:
        """The change between the selected start and end, as a sentence."""
        if self.error:
            return self.error
        if self.range_error:
            return self.range_error
        return change_text(self.points, self._start, self._end, self.unit)

    def visible_points(self) -> list[dict]:
        return self.points[self._start : self._end + 1]

    # --- figure, PNG and alt text ------------------------------------------------------------------------------
    def figure(self) -> Any:
        """The chart as a :class:`matplotlib.figure.Figure` (reused between redraws): the whole series, with
        the selected periods shaded and the two compared points ringed."""
        return self._drawing().figure(self._start, self._end)

    def png(self) -> bytes:
        """The chart as PNG bytes (fixed size and dpi, so the same data and periods give the same bytes)."""
        return self._drawing().png(self._start, self._end)

    def alt_text(self, i: int | None = None, j: int | None = None) -> str:
        """What the chart shows, in words: the series, its range, extremes, gaps, key dates and the shading."""
        i = self._start if i is None else i
        j = self._end if j is None else j
        return chart_alt_text(self.points, self.series_name, self.unit, self.annotations, i, j)

    def figure_html(self) -> str:
        if self.error:
            return notice(self.error, "error")
        if self.range_error:
            return notice(self.range_error, "error")
        return png_img(self.png(), alt=self.alt_text())

    def notes_html(self, i: int | None = None, j: int | None = None) -> str:
        if self.error:
            return ""
        i = self._start if i is None else i
        j = self._end if j is None else j
        gaps = [g.removeprefix("No figure found for ").rstrip(".") for g in gap_notes(self.points[i : j + 1])]
        notes = list(self.notes)
        if gaps:  # one note for every gap: "No figure found for Feb–Jul 2018, Nov 2018 and Feb–Jun 2019 (…)."
            spans = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
            notes.insert(0, f"No figure found for {spans} (hatched on the chart, each gap drawn narrow).")
        return "".join(f'<p class="gs-muted">{esc(n)}</p>' for n in notes)

    def table_html(self, i: int | None = None, j: int | None = None) -> str:
        """The values from period i to j (default: the selected range) with unit, note and sources."""
        if self.error:
            return ""
        i = self._start if i is None else i
        j = self._end if j is None else j
        body = []
        for p in self.points[i : j + 1]:
            value = format_value(p["value"], None)
            if p["value"] is None and p.get("note"):
                value = f"no figure ({p['note']})"
            sources = "<br>".join(source_html(s) for s in p["sources"]) or '<span class="gs-muted">—</span>'
            conf = (
                f' <span class="gs-conf-{esc(p["confidence"])}">({esc(p["confidence"])} confidence)</span>'
                if p.get("confidence") in ("low", "medium")
                else ""
            )
            note = (
                f'<br><span class="gs-muted">{esc(p["note"])}</span>'
                if p["value"] is not None and p.get("note")
                else ""
            )
            body.append(
                [
                    p["label"],
                    esc(value),
                    p["unit"],
                    f'<span class="gs-chart-sources">{sources}</span>{conf}{note}',
                ]
            )
        return table(
            ("Period", "Value", "Unit", "Source"),
            body,
            caption=f"{self.series_name} — values and sources",
            raw_columns=(1, 3),
            css_class="gs-table gs-chart-table",
        )

    # --- live view ------------------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        self._w_figure = w.HTML()
        self._w_readout = w.HTML()
        self._w_notes = w.HTML()
        self._w_table = w.HTML()
        from .timeline import live_header

        header = w.HTML(live_header(self.title, _css().replace(".gs-chart", ".gs-live")))
        if self.error:
            self._w_figure.value = notice(self.error, "error")
            view = w.VBox([header, self._w_figure])
            view.add_class("gs-live")
            return view
        options = [(p["label"], p["period"]) for p in self.points]
        self._w_from = w.Dropdown(options=options, value=self.start, description="From")
        self._w_to = w.Dropdown(options=options, value=self.end, description="To")
        self._syncing = False
        self._w_from.observe(self._on_control, names="value")
        self._w_to.observe(self._on_control, names="value")
        self._w_notes.value = self.notes_html(0, len(self.points) - 1)
        self._w_table.value = self.table_html(0, len(self.points) - 1)
        view = w.VBox(
            [
                header,
                w.HBox([self._w_from, self._w_to]),
                self._w_readout,
                self._w_figure,
                self._w_notes,
                self._w_table,
            ]
        )
        view.add_class("gs-live")
        self._widget = view
        self._refresh()
        return view

    def _on_control(self, _change: Any = None) -> None:
        if getattr(self, "_syncing", False):
            return
        self.set_periods(start=self._w_from.value, end=self._w_to.value)

    def _refresh(self) -> None:
        if self._widget is None or not hasattr(self, "_w_from"):
            return
        self._syncing = True
        try:
            if not self.range_error:
                self._w_from.value = self.start
                self._w_to.value = self.end
        finally:
            self._syncing = False
        self._w_readout.value = (
            notice(self.range_error, "error")
            if self.range_error
            else f'<p class="gs-chart-readout" role="status">{esc(self.readout())}</p>'
        )
        self._w_figure.value = self.figure_html()

    # --- twin ------------------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id(
            "chart", self.series_id, self.title, [p["period"] for p in self.points], self._initial[:2]
        )
        head = f"<h3>{esc(self.title)}</h3>"
        if self.error:
            return twin("chart", self.title, head + notice(self.error, "error"), root_id=root, css=_css())
        i0, j0, initial_error = self._initial
        n = len(self.points)
        # The picture shows the whole series with the initial comparison shaded; on a phone, a narrower drawing
        # with larger labels (a <picture> source), so labels stay readable instead of shrinking.
        img = png_img(self._drawing().png(i0, j0), alt=self.alt_text(i0, j0))
        phone = base64.b64encode(self._phone_chart()._drawing().png(i0, j0)).decode("ascii")
        img = (f'<picture><source media="(max-width: 40em)" srcset="data:image/png;base64,{phone}">'
               f"{img}</picture>")
        fid = root + "-"

        def options(selected: int) -> str:
            return "".join(
                f'<option value="{k}"{" selected" if k == selected else ""}>{esc(p["label"])}</option>'
                for k, p in enumerate(self.points)
            )

        payload = {
            "percent": is_percent(self.unit),
            "points": [
                {"l": p["label"], "v": p["value"], "f": format_value(p["value"], self.unit)}
                for p in self.points
            ],
        }
        readout = initial_error or change_text(self.points, i0, j0, self.unit)
        body = (
            head
            + img
            + self.notes_html(0, n - 1)
            + f'<div class="gs-controls" hidden><label for="{fid}from">From</label><select id="{fid}from" '
            f'data-gs-from>{options(i0)}</select><label for="{fid}to">To</label><select id="{fid}to" data-gs-to>'
            f"{options(j0)}</select></div>"
            + f'<p class="gs-chart-readout" role="status" aria-live="polite">{esc(readout)}</p>'
            + '<details class="gs-chart-table-box"><summary>The figures, with notes and sources (table)</summary>'
            + self.table_html(0, n - 1).replace('<table class="gs-table', '<table class="gs-table gs-phone-cards', 1)
            + "</details>"
            + f'<script type="application/json">{json_for_script(payload)}</script>'
        )
        return twin("chart", self.title, body, root_id=root, script=_script(), css=_css())


# --------------------------------------------------------------------------------------------------------
# Ready-made charts
# --------------------------------------------------------------------------------------------------------


def visitors(**kwargs: Any) -> SeriesChart:
    """Monthly South Korean visitors to Japan (series ``kr-visitors-to-japan``), comparing Aug 2018 with Aug 2019
    at first. Keyword arguments go to :class:`SeriesChart`."""
    kwargs.setdefault("periods", "month")
    kwargs.setdefault("title", "South Korean visitors to Japan, per month")
    chart = SeriesChart("kr-visitors-to-japan", **kwargs)
    if kwargs.get("start") is None and kwargs.get("end") is None:
        _with_default_comparison(chart, "2018-08", "2019-08")
    return chart


def beer_imports(**kwargs: Any) -> SeriesChart:
    """Monthly South Korean imports of Japanese beer (series ``kr-beer-imports-from-japan``), comparing Aug 2018
    with Aug 2019 at first. Keyword arguments go to :class:`SeriesChart`."""
    kwargs.setdefault("periods", "month")
    kwargs.setdefault("title", "South Korea's imports of Japanese beer, per month")
    chart = SeriesChart("kr-beer-imports-from-japan", **kwargs)
    if kwargs.get("start") is None and kwargs.get("end") is None:
        _with_default_comparison(chart, "2018-08", "2019-08")
    return chart


def _with_default_comparison(chart: SeriesChart, start: str, end: str) -> SeriesChart:
    """Compare `start` with `end` at first when both are in the chart and no comparison was asked for."""
    periods = {p["period"] for p in chart.points}
    if not chart.error and chart._initial[2] is None and start in periods and end in periods:
        chart.set_periods(start=start, end=end)
        chart._initial = (chart._start, chart._end, chart.range_error)
    return chart
