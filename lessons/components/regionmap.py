"""The region map: North-East Asia with capitals, islands, the 2019 launch areas and reported-range rings.

One component, two renderings. Both draw the same hand-built inline SVG (real text, so names stay crisp and
can be searched; ``role="img"`` with a ``<title>`` and ``<desc>`` that say what is shown):

- the live view (:meth:`RegionMap.widget`) has a "Launch" dropdown and one checkbox per layer; a change
  redraws the SVG and the table of distances from the chosen launch area;
- the twin (:meth:`RegionMap.twin_html`) is one SVG holding every launch's overlay as a hidden ``<g>``
  group, a labelled ``<select>`` and layer checkboxes run by a few lines of inline JavaScript, and every
  launch's distance table precomputed (one shown at a time). No tiles, no fonts, no network.

Every place and launch comes from ``data/places.csv`` and ``data/launches.csv``; the borders from
``data/geo/northeast_asia.geojson`` (Made with Natural Earth). Names of disputed places and of the sea are the
course's neutral forms ("Dokdo / Takeshima", "East Sea / Sea of Japan"). Distances are great-circle distances
on a spherical Earth (:mod:`lessons.geo`), rounded to 10 km because launch areas are only known roughly.

Typical use::

    from lessons import RegionMap
    RegionMap()                                     # the map, no launch chosen
    RegionMap(launch="2019-07-25-wonsan")           # with that launch's range ring and distance table
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .. import geo
from .._html import dom_id, esc, notice, table, twin, twin_css
from ..component import Component
from ..dates import fmt_day
from ..static import script as static_script
from ..static import text as static_text
from ..style import MUTED_TEXT, OKABE_ITO, TEXT
from .svgmap import LabelPlacer, feature_name, num, projection, triangle

__all__ = ["RegionMap", "LAYERS", "DEFAULT_LAYERS", "launch_label", "short_area", "distance_rows"]

#: Country names drawn on the map: (name, latitude, longitude of the label's centre).
COUNTRY_LABELS = (
    ("China", 36.0, 116.0),
    ("North Korea", 40.4, 127.0),
    ("South Korea", 36.2, 128.3),
    ("Japan", 38.6, 140.6),
    ("Russia", 46.8, 134.5),
    ("Mongolia", 47.9, 113.4),
)

#: Layer key -> checkbox label, in drawing order.
LAYERS = {
    "countries": "Countries",
    "capitals": "Capitals and cities",
    "islands": "Islands",
    "launches": "2019 launch areas",
    "rings": "Range rings",
}
#: Layers shown at first. "rings" only draws something once a launch is chosen.
DEFAULT_LAYERS = ("countries", "capitals", "islands", "launches", "rings")

#: Sea places labelled in large italics across the water; other sea places are small labelled points.
MAIN_SEAS = ("east-sea-sea-of-japan",)

#: Place kinds listed in the distance table.
DISTANCE_KINDS = ("capital", "city", "island")
_LOW_CONF = ("low", "medium")

WIDTH = 640
SEA = "#eef3f7"
LAND = "#e3e3e3"
BORDER = "#7a7a7a"
RING = OKABE_ITO["vermillion"]
HIGHLIGHT = OKABE_ITO["orange"]

# ---------------------------------------------------------------------------------------------------------
# Small helpers (pure; tested directly)
# ---------------------------------------------------------------------------------------------------------


def _css() -> str:
    """lessons/static/regionmap.css"""
    return static_text("regionmap.css")




def _km(value: float) -> str:
    return f"{value:,.0f} km"


def short_area(launch_area: str) -> str:
    """The launch area without its qualifications: "Kalma area, Wonsan (first reported …)" → "Kalma area"."""
    return str(launch_area or "").split(" (")[0].split(", ")[0].strip() or str(launch_area or "")


def launch_label(launch: dict[str, Any]) -> str:
    """The dropdown label of a launch: "25 Jul 2019 — Near Wonsan (2 projectiles, ~600 km)"."""
    n = launch.get("projectiles_n")
    if isinstance(n, int):
        what = f"{n} projectile" + ("" if n == 1 else "s")
    else:
        what = str(launch.get("projectiles") or "projectiles").split(" (")[0]
    rng = launch.get("range_km")
    rng_text = f", ~{_km(rng)}" if isinstance(rng, (int, float)) else ""
    area = short_area(launch.get("launch_area", ""))
    return f"{fmt_day(launch.get('date', ''))} — {area} ({what}{rng_text})"


def _is_approx(rec: dict[str, Any]) -> bool:
    return rec.get("coord_confidence") in _LOW_CONF


def distance_rows(launch: dict[str, Any], places: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places on the map (capitals, cities, islands) with their great-circle distance in km from the launch
    area and whether they lie inside the reported range. Sorted nearest first (then by name)."""
    rng = float(launch["range_km"])
    margin = max(20.0, 0.05 * rng)
    out = []
    for p in places:
        if not p.get("on_map") or p.get("kind") not in DISTANCE_KINDS:
            continue
        d = geo.haversine_km(launch["latitude"], launch["longitude"], p["latitude"], p["longitude"])
        out.append(
            {
                "id": p["id"],
                "name": p["name"],
                "kind": p["kind"],
                "distance_km": d,
                "inside": d <= rng,
                "near_edge": abs(d - rng) <= margin,
            }
        )
    out.sort(key=lambda r: (r["distance_km"], r["name"]))
    return out


def _join_names(names: Sequence[str]) -> str:
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------------------------------------------------
# The component
# ---------------------------------------------------------------------------------------------------------


class RegionMap(Component):
    """Map of North-East Asia with the 2019 launch areas; choose a launch to see its range ring and distances.

    `launch` is a launch id from ``data/launches.csv`` (or None); `layers` the layer keys shown at first (see
    :data:`LAYERS`). `launches`, `places` and `geo` default to the course data; tests pass their own rows.
    """

    label = "Interactive map of North-East Asia (launch areas, range rings and distances)"

    def __init__(
        self,
        launch: str | None = None,
        layers: Iterable[str] = DEFAULT_LAYERS,
        *,
        launches: list[dict[str, Any]] | None = None,
        places: list[dict[str, Any]] | None = None,
        geo: dict[str, Any] | None = None,
        width: int = WIDTH,
    ) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.launches = self._load("launches", launches)
        self.launches.sort(key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))))
        self.places = self._load("places", places)
        self.geo = geo if geo is not None else self._load_geo()
        self.projection = geo_projection = projection(width)
        self._proj = geo_projection
        self._by_id = {r["id"]: r for r in self.launches}
        self._labels = self._dropdown_labels()

        layer_list = [str(x) for x in (layers or ())] if not isinstance(layers, str) else [layers]
        unknown = [x for x in layer_list if x not in LAYERS]
        if unknown:
            self.problems.append(
                f"There is no map layer called {_join_names([repr(u) for u in unknown])}. "
                f"The layers are: {', '.join(LAYERS)}."
            )
        self.layers = tuple(k for k in LAYERS if k in layer_list)

        self.launch: str | None = None
        self.launch_problem: str | None = None
        self._set_launch(launch)
        self._base: dict[str, str] | None = None
        self._overlays: dict[str, str] = {}
        self._tables: dict[str, str] = {}

    # --- data ------------------------------------------------------------------------------------------
    def _load(self, name: str, given: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        if given is not None:
            return [dict(r) for r in given]
        from .. import data

        try:
            return data.rows(name)
        except data.DataError as exc:
            self.problems.append(f"The map can't show the {name}: {exc}")
            return []

    def _load_geo(self) -> dict[str, Any]:
        from .. import data

        try:
            return data.geojson()
        except data.DataError as exc:
            self.problems.append(f"The map can't draw the borders: {exc}")
            return {"type": "FeatureCollection", "features": []}

    def _dropdown_labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        seen: dict[str, int] = {}
        for r in self.launches:
            text = launch_label(r)
            seen[text] = seen.get(text, 0) + 1
            labels[r["id"]] = text if seen[text] == 1 else f"{text} [{seen[text]}]"
        return labels

    def _set_launch(self, launch: str | None) -> None:
        self.launch_problem = None
        if launch in (None, ""):
            self.launch = None
        elif launch in self._by_id:
            self.launch = launch
        else:
            self.launch = None
            self.launch_problem = (
                f"There is no 2019 launch with the id {launch!r}, so no launch is highlighted. "
                "Choose one from the Launch list."
            )

    # --- pieces of the SVG -----------------------------------------------------------------------------
    def _map_places(self, kinds: Sequence[str]) -> list[dict[str, Any]]:
        return [
            p
            for p in self.places
            if p.get("on_map")
            and p.get("kind") in kinds
            and self._proj.contains(p["latitude"], p["longitude"])
        ]

    def _place_title(self, p: dict[str, Any]) -> str:
        other = " / ".join(x for x in (p.get("name_ko"), p.get("name_ja")) if x)
        text = p["name"] + (f" ({other})" if other else "")
        if _is_approx(p):
            text += " — approximate location"
        return text

    def base_layers(self) -> dict[str, str]:
        """The static SVG groups, by layer key (plus "sea" for sea labels). Built once and cached."""
        if self._base is not None:
            return self._base
        proj = self._proj
        parts: dict[str, str] = {}
        paths = []
        for feature in sorted(self.geo.get("features", []), key=feature_name):
            d = geo.geometry_path(feature.get("geometry") or {}, proj)
            if d:
                paths.append(f'<path d="{d}"><title>{esc(feature_name(feature))}</title></path>')
        parts["countries"] = (
            f'<g data-layer="countries" fill="{LAND}" stroke="{BORDER}" stroke-width="0.6" '
            f'stroke-linejoin="round">{"".join(paths)}</g>'
        )

        placer = LabelPlacer(proj.width, proj.height)
        # Country names, in capitals across each country (reserved first, so no other label covers them).
        names = []
        for name, lat, lon in COUNTRY_LABELS:
            if not proj.contains(lat, lon):
                continue
            x, y = proj.xy(lat, lon)
            anchor = "start" if lon < 114 else "middle"  # at the map's left edge: written from the edge inwards
            placer.reserve(x, y, name.upper(), 12, anchor)
            names.append(
                f'<text class="gs-lab-country" x="{num(x)}" y="{num(y)}" font-size="12" letter-spacing="1.5" '
                f'text-anchor="{anchor}" fill="#4d4d4d">{esc(name.upper())}</text>'
            )
        parts["countries"] = parts["countries"][:-4] + "".join(names) + "</g>"
        sea_items = []
        for p in self._map_places(("sea",)):
            x, y = proj.xy(p["latitude"], p["longitude"])
            if p["id"] in MAIN_SEAS:
                placer.reserve(x, y, p["name"], 13, "middle")
                sea_items.append(
                    f'<text class="gs-lab-major" x="{num(x)}" y="{num(y)}" font-size="13" font-style="italic" '
                    f'text-anchor="middle" fill="#3a5a78"><title>{esc(self._place_title(p))}</title>'
                    f"{esc(p['name'])}</text>"
                )
        capitals = self._map_places(("capital",))
        islands = self._map_places(("island",))
        cities = self._map_places(("city",))
        others = [p for p in self._map_places(("sea",)) if p["id"] not in MAIN_SEAS]
        for p in capitals + islands + cities + others:  # markers are obstacles for every label
            placer.mark(*proj.xy(p["latitude"], p["longitude"]))
        groups: dict[str, list[str]] = {"capitals": [], "islands": [], "sea": sea_items}
        # Labels in order of priority: capitals, islands, cities, other sea areas. A label that would overlap
        # another is left out (the marker keeps its name as a tooltip and in the description).
        for p, layer_key, size, weight in (
            [(p, "capitals", 12, "bold") for p in capitals]
            + [(p, "islands", 10.5, "normal") for p in islands]
            + [(p, "capitals", 11, "normal") for p in cities]
            + [(p, "sea", 10.5, "normal") for p in others]
        ):
            x, y = proj.xy(p["latitude"], p["longitude"])
            if p["kind"] == "capital":
                mark = (
                    f'<rect x="{num(x - 3.5)}" y="{num(y - 3.5)}" width="7" height="7" fill="{TEXT}" '
                    f'stroke="#fff" stroke-width="1"/>'
                )
            elif p["kind"] == "city":
                mark = (
                    f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="#fff" stroke="{TEXT}" '
                    'stroke-width="1.5"/>'
                )
            elif p["kind"] == "island":
                mark = (
                    f'<path d="M{num(x)} {num(y - 4)}L{num(x + 4)} {num(y)}L{num(x)} {num(y + 4)}L{num(x - 4)} '
                    f'{num(y)}Z" fill="{MUTED_TEXT}" stroke="#fff" stroke-width="0.8"/>'
                )
            else:
                mark = f'<circle cx="{num(x)}" cy="{num(y)}" r="2.5" fill="#3a5a78"/>'
            spot = placer.place(x, y, p["name"], size)
            lab = ""
            if spot is not None:
                tx, ty, anchor = spot
                colour = "#3a5a78" if p["kind"] == "sea" else TEXT
                style = ' font-style="italic"' if p["kind"] == "sea" else ""
                # On a phone only the capitals and Dokdo / Takeshima keep their labels (drawn larger).
                rank = "gs-lab-major" if p["kind"] == "capital" or "dokdo" in str(p.get("id")) else "gs-lab-minor"
                lab = (
                    f'<text class="{rank}" x="{num(tx)}" y="{num(ty)}" font-size="{size}" '
                    f'font-weight="{weight}"{style} '
                    f'text-anchor="{anchor}" fill="{colour}" stroke="#fff" stroke-width="3" '
                    f'paint-order="stroke">{esc(p["name"])}</text>'
                )
            groups[layer_key].append(f"<g><title>{esc(self._place_title(p))}</title>{mark}{lab}</g>")
        parts["capitals"] = f'<g data-layer="capitals">{"".join(groups["capitals"])}</g>'
        parts["islands"] = f'<g data-layer="islands">{"".join(groups["islands"])}</g>'
        parts["sea"] = f'<g data-layer="sea">{"".join(groups["sea"])}</g>'

        items = []
        for r in self.launches:
            if not self._proj.contains(r["latitude"], r["longitude"]):
                continue
            x, y = proj.xy(r["latitude"], r["longitude"])
            items.append(
                f'<path d="{triangle(x, y, 4.5)}" fill="{TEXT}" fill-opacity="0.75" stroke="#fff" '
                f'stroke-width="0.8"><title>{esc(self._labels[r["id"]])}'
                f"{' — approximate location' if _is_approx(r) else ''}</title></path>"
            )
        parts["launches"] = f'<g data-layer="launches">{"".join(items)}</g>'
        self._base = parts
        return parts

    def overlay(self, launch_id: str) -> str:
        """The SVG group for one launch: its range ring (``data-layer="rings"``) and highlighted marker."""
        if launch_id in self._overlays:
            return self._overlays[launch_id]
        r = self._by_id[launch_id]
        proj = self._proj
        x, y = proj.xy(r["latitude"], r["longitude"])
        ring = proj.ring_path(geo.range_ring(r["latitude"], r["longitude"], float(r["range_km"])))
        approx = _is_approx(r)
        text = f"Chosen: {fmt_day(r['date'])}, {short_area(r['launch_area'])}" + (
            " (approximate location)" if approx else ""
        )
        box_w = min(proj.width - 16, 12 + len(text) * 6.6)
        group = (
            f'<g class="gs-overlay" data-launch="{esc(launch_id)}">'
            f'<g data-layer="rings"><path d="{ring}" fill="{RING}" fill-opacity="0.08" stroke="{RING}" '
            f'stroke-width="2" stroke-dasharray="7 4"><title>Reported range {esc(_km(float(r["range_km"])))}'
            f"</title></path></g>"
            + (
                f'<circle cx="{num(x)}" cy="{num(y)}" r="14" fill="none" stroke="{TEXT}" stroke-width="1" '
                f'stroke-dasharray="2 2"/>'
                if approx
                else ""
            )
            + f'<path d="{triangle(x, y, 8)}" fill="{HIGHLIGHT}" stroke="{TEXT}" stroke-width="1.5">'
            f"<title>{esc(self._labels[launch_id])}</title></path>"
            f'<g class="gs-lab-box"><rect x="8" y="8" width="{num(box_w)}" height="22" rx="3" fill="#fff" '
            f'fill-opacity="0.9" stroke="{TEXT}" stroke-width="0.8"/>'
            f'<path d="{triangle(20, 19, 6)}" fill="{HIGHLIGHT}" stroke="{TEXT}" stroke-width="1"/>'
            f'<text x="32" y="24" font-size="12" font-weight="bold" fill="{TEXT}">{esc(text)}</text></g></g>'
        )
        self._overlays[launch_id] = group
        return group

    def description(self, launch_id: str | None, layers: Sequence[str] | None = None) -> str:
        """The alt text (SVG <desc>) of the map in a given state: what is drawn, and what the ring reaches."""
        layers = self.layers if layers is None else layers
        shown = []
        if "countries" in layers:
            shown.append("country borders")
        if "capitals" in layers:
            names = [p["name"] for p in self._map_places(("capital", "city"))]
            if names:
                shown.append(f"capitals and cities ({_join_names(names)})")
        if "islands" in layers:
            names = [p["name"] for p in self._map_places(("island",))]
            if names:
                shown.append(f"islands ({_join_names(names)})")
        seas = [p["name"] for p in self._map_places(("sea",))]
        shown.extend(seas)
        if "launches" in layers and self.launches:
            shown.append(f"the {len(self.launches)} launch areas of 2019")
        west, south, east, north = self._proj.extent
        text = f"Map of North-East Asia ({west:g}–{east:g}°E, {south:g}–{north:g}°N)" + (
            f" showing {_join_names(shown)}." if shown else "."
        )
        if launch_id is None or launch_id not in self._by_id:
            return text + " No launch is chosen."
        r = self._by_id[launch_id]
        where = r["launch_area"] + (" (approximate location)" if _is_approx(r) else "")
        text += f" Highlighted: the launch area {where} on {fmt_day(r['date'])}"
        if "rings" not in layers:
            return text + "; range rings are hidden."
        rows = distance_rows(r, self.places)
        inside = [x["name"] for x in rows if x["inside"]]
        outside = [x["name"] for x in rows if not x["inside"]]
        text += f" and a {_km(float(r['range_km']))} range ring"
        text += f" reaching {_join_names(inside)}" if inside else " that reaches none of the listed places"
        if outside:
            text += f"; {_join_names(outside)} {'is' if len(outside) == 1 else 'are'} outside it"
        return text + "."

    def distance_table(self, launch_id: str) -> str:
        """The HTML table of distances from one launch area (cached)."""
        if launch_id in self._tables:
            return self._tables[launch_id]
        r = self._by_id[launch_id]
        rng = float(r["range_km"])
        body = []
        for d in distance_rows(r, self.places):
            inside = "yes" if d["inside"] else "no"
            if d["near_edge"]:
                inside += " (close to the edge)"
            body.append((d["name"], f"≈ {_km(round(d['distance_km'], -1))}", inside))
        approx = _is_approx(r)
        caption = (
            f"Distances from the launch area {r['launch_area']} ({fmt_day(r['date'])}), "
            f"reported range ~{_km(rng)}"
        )
        note = (
            "Great-circle distances, rounded to 10 km. Reported range: "
            f"{r.get('range_text') or _km(rng)} (reported by {r.get('reported_by') or 'see sources'})."
        )
        if approx:
            note = (
                "Approximate location: the launch area is known only roughly "
                f"(coordinate confidence: {r.get('coord_confidence')}), so these distances could be off by "
                "tens of km. " + note
            )
        html = (
            table(
                ("Place", "Distance from the launch area", f"Inside the ~{_km(rng)} range?"),
                body,
                caption=caption,
            )
            + f'<p class="gs-muted{" gs-conf-low" if approx else ""}">{esc(note)}</p>'
        )
        self._tables[launch_id] = html
        return html

    def svg(
        self,
        launch_id: str | None = None,
        layers: Sequence[str] | None = None,
        *,
        all_overlays: bool = False,
        svg_id: str | None = None,
    ) -> str:
        """The map as an inline SVG. With `all_overlays`, every launch's overlay is included and all but
        `launch_id` carry `hidden` (the twin); otherwise only the chosen launch's overlay is drawn."""
        layers = self.layers if layers is None else tuple(layers)
        base = self.base_layers()
        proj = self._proj
        svg_id = svg_id or dom_id("regionmap-svg", launch_id, list(layers), len(self.launches))
        title = "Map of North-East Asia"
        desc = self.description(launch_id, layers)
        parts = [
            f'<svg class="gs-map" id="{esc(svg_id)}" role="img" '
            f'viewBox="0 0 {num(proj.width)} {num(proj.height)}" width="{num(proj.width)}" '
            f'height="{num(proj.height)}" aria-labelledby="{esc(svg_id)}-t {esc(svg_id)}-d" '
            f'xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{esc(svg_id)}-t">{esc(title)}</title><desc id="{esc(svg_id)}-d">{esc(desc)}</desc>',
            f'<rect width="100%" height="100%" fill="{SEA}"/>',
        ]

        def layer(key: str) -> str:
            group = base[key]
            if key in layers:
                return group
            if all_overlays:
                return group.replace("<g ", "<g hidden ", 1)
            return ""

        parts.append(layer("countries"))
        parts.append(base["sea"])
        parts.append(layer("launches"))
        if all_overlays:
            for r in self.launches:
                g = self.overlay(r["id"])
                if "rings" not in layers:
                    g = g.replace('<g data-layer="rings">', '<g data-layer="rings" hidden>', 1)
                if r["id"] != launch_id:
                    g = g.replace("<g ", "<g hidden ", 1)
                parts.append(g)
        elif launch_id in self._by_id:
            g = self.overlay(launch_id)
            if "rings" not in layers:
                g = g.replace('<g data-layer="rings">', '<g data-layer="rings" hidden>', 1)
            parts.append(g)
        parts.append(layer("islands"))
        parts.append(layer("capitals"))
        parts.append("</svg>")
        return "".join(parts)

    def _legend(self) -> str:
        return (
            '<ul class="gs-legend" aria-label="Map key">'
            "<li>■ capital</li><li>○ city</li><li>◆ island</li><li>▲ 2019 launch area</li>"
            "<li>▲ (large, orange) chosen launch</li><li>- - - reported range ring</li>"
            "<li>dotted circle: approximate location</li></ul>"
        )

    def _caption(self) -> str:
        return (
            '<p class="gs-map-caption">Made with Natural Earth (public domain). Names of disputed places '
            "and of the sea are given in both forms. Launch areas and ranges as reported in 2019 (mostly by "
            "South Korea's Joint Chiefs of Staff); see the sources in data/launches.csv.</p>"
        )

    def _notices(self) -> str:
        msgs = list(self.problems)
        if self.launch_problem:
            msgs.append(self.launch_problem)
        return "".join(notice(m, "error") for m in msgs)

    def _summary(self, launch_id: str | None) -> str:
        if launch_id is None:
            return (
                "No launch chosen. Choose a launch to see its range ring and how far it is from each place."
            )
        return self.description(launch_id, ("rings",) if "rings" in self.layers else ())

    # --- live view -------------------------------------------------------------------------------------
    def render(self, launch_id: str | None = None, layers: Sequence[str] | None = None) -> str:
        """The HTML of the live view's output area for a state (notices, map, summary, distance table)."""
        layers = self.layers if layers is None else tuple(layers)
        parts = [
            self._notices(),
            self._legend(),
            self.svg(launch_id, layers, svg_id=dom_id("regionmap-live", launch_id, list(layers))),
            self._caption(),
        ]
        if launch_id in self._by_id:
            parts.append(f'<p class="gs-map-summary">{esc(self.description(launch_id, layers))}</p>')
            parts.append(self.distance_table(launch_id))
        else:
            parts.append(f'<p class="gs-map-summary">{esc(self._summary(None))}</p>')
        return f'<div class="gs-twin gs-regionmap"><style>{twin_css()}{_css()}</style>{"".join(parts)}</div>'

    def build_widget(self) -> Any:
        import ipywidgets as w

        options = [("(no launch chosen)", None)] + [(self._labels[r["id"]], r["id"]) for r in self.launches]
        self.dropdown = w.Dropdown(
            options=options,
            value=self.launch,
            description="Launch",
            layout=w.Layout(width="max-content"),
            style={"description_width": "initial"},
        )
        self.checkboxes = {
            key: w.Checkbox(
                value=key in self.layers, description=text, indent=False, layout=w.Layout(width="auto")
            )
            for key, text in LAYERS.items()
        }
        self.output = w.HTML(value=self.render(self.launch, self.layers))

        def redraw(_change: Any = None) -> None:
            new_launch = self.dropdown.value
            if new_launch != self.launch:
                self.launch_problem = None
            self.launch = new_launch
            self.layers = tuple(k for k, cb in self.checkboxes.items() if cb.value)
            self.output.value = self.render(self.launch, self.layers)

        self.redraw = redraw
        self.dropdown.observe(redraw, names="value")
        for cb in self.checkboxes.values():
            cb.observe(redraw, names="value")
        layer_box = w.HBox(list(self.checkboxes.values()), layout=w.Layout(flex_flow="row wrap"))
        return w.VBox([self.dropdown, w.Label("Layers:"), layer_box, self.output])

    # --- twin ------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id("regionmap", self.launch, list(self.layers), [r["id"] for r in self.launches])
        select_id = f"{root}-launch"
        chosen = self.launch
        options = [
            f'<option value=""{" selected" if chosen is None else ""} '
            f'data-desc="{esc(self.description(None))}">(no launch chosen)</option>'
        ]
        for r in self.launches:
            options.append(
                f'<option value="{esc(r["id"])}"{" selected" if r["id"] == chosen else ""} '
                f'data-desc="{esc(self.description(r["id"]))}">{esc(self._labels[r["id"]])}</option>'
            )
        boxes = []
        for key, text in LAYERS.items():
            cid = f"{root}-layer-{key}"
            boxes.append(
                f'<span><input type="checkbox" id="{cid}" data-layer-toggle="{key}"'
                f'{" checked" if key in self.layers else ""}><label for="{cid}">{esc(text)}</label></span>'
            )
        controls = (
            f'<div class="gs-controls" hidden><label for="{select_id}">Launch</label>'
            f'<select id="{select_id}" class="gs-launch-select">{"".join(options)}</select></div>'
            f'<div class="gs-controls" role="group" aria-label="Layers" hidden>Layers: {"".join(boxes)}</div>'
            '<noscript><p class="gs-noscript">Choosing a launch and switching layers needs JavaScript; '
            "the map shows its starting state.</p></noscript>"
        )
        tables = [
            f'<div data-launch="{esc(r["id"])}"{"" if r["id"] == chosen else " hidden"}>'
            f"{self.distance_table(r['id'])}</div>"
            for r in self.launches
        ]
        summary = self.description(chosen) if chosen else self._summary(None)
        body = (
            "<h3>Map of North-East Asia: the 2019 launch areas</h3>"
            f"{self._notices()}{controls}{self._legend()}"
            + self.svg(chosen, self.layers, all_overlays=True, svg_id=f"{root}-svg")
            + self._caption()
            + f'<p class="gs-map-summary" aria-live="polite" data-none="{esc(self._summary(None))}">{esc(summary)}</p>'
            + "".join(tables)
        )
        return twin("regionmap", "Map of North-East Asia", body, root_id=root, script=static_script("regionmap.js"),
                    css=_css())
