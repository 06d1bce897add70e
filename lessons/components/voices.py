"""Voices explorer: who is quoted in the article, in what role, from which perspective — and who is not.

The article's quotes (speech only, not scare-quoted phrases) are grouped by speaker. Each speaker shows their
affiliation, how the article describes them and, where it differs, their verified role (flagged); each quote
links to its paragraph ("¶ 19"). Filters by country and perspective narrow the list, and a count says
"N quotes from M speakers". Below, built from ``data/people.csv`` (``quoted == no``), the people the article
names but does not quote, and the perspectives that no quote represents (the missing voice).

Live view: two dropdowns ("Country", "Perspective") redraw the list. Twin: the same list as HTML
(``<article>`` per speaker, ``<blockquote>`` per quote) filtered by a few lines of inline JavaScript.

Typical use::

    from lessons import VoicesExplorer
    VoicesExplorer()
    VoicesExplorer(perspective="Japanese government")   # shows that no one from it is quoted
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .._html import dom_id, esc, json_for_script, notice, twin, twin_css
from ..component import Component
from ..static import script as static_script
from ..static import text as static_text

__all__ = ["VoicesExplorer", "ALL_COUNTRIES", "ALL_PERSPECTIVES", "count_text", "role_differs"]

ALL_COUNTRIES = "All countries"
ALL_PERSPECTIVES = "All perspectives"
NO_MATCH = "No quotes match these filters."
#: The words of the count line ("5 quotes from 3 speakers"), shared by the live view and the twin's script.
COUNT_WORDS = {"quote": ("quote", "quotes"), "speaker": ("speaker", "speakers"), "from": "from"}

def _css() -> str:
    """lessons/static/voices.css"""
    return static_text("voices.css")


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def count_text(n_quotes: int, n_speakers: int) -> str:
    """ "5 quotes from 3 speakers" (singular forms when there is one)."""
    q = COUNT_WORDS["quote"][0 if n_quotes == 1 else 1]
    s = COUNT_WORDS["speaker"][0 if n_speakers == 1 else 1]
    return f"{n_quotes} {q} {COUNT_WORDS['from']} {n_speakers} {s}"


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s]", " ", (text or "").lower())
    words = [w for w in text.split() if w not in ("a", "an", "the")]
    return " ".join(words)


def role_differs(role_in_article: str | None, verified_role: str | None) -> bool:
    """True when the verified role does not contain the article's description of the person."""
    a, v = _norm(role_in_article or ""), _norm(verified_role or "")
    if not a or not v:
        return False
    return a not in v


def _order(values: Iterable[str], preferred: Iterable[str]) -> list[str]:
    values = {v for v in values if v}
    pref = [p for p in preferred if p in values]
    return pref + sorted(values - set(pref))


class VoicesExplorer(Component):
    """Quotes of the article grouped by speaker, filterable by country and perspective.

    `quotes` (objects or dicts with paragraph, text, kind, speaker_id, speaker) default to
    ``lessons.article.quotes()``; `people` to ``lessons.data.rows("people")``; `anchor` (paragraph number →
    HTML id) to ``lessons.article.anchor``.
    """

    label = "Voices explorer: who is quoted in the article, and who is not"

    def __init__(
        self,
        quotes: list[Any] | None = None,
        people: list[dict[str, Any]] | None = None,
        *,
        country: str | None = None,
        perspective: str | None = None,
        anchor: Callable[[int], str] | None = None,
        article_page: str = "",
    ) -> None:
        super().__init__()
        # Where the article's numbered paragraphs are: "" = this page; "NN-slug.ipynb" = that lesson (the site
        # turns the link into NN-slug.html#para-N, where the article reader's twin has those anchors).
        self.article_page = article_page
        self.problems: list[str] = []
        if people is None:
            from .. import data

            try:
                people = data.rows("people")
            except data.DataError as exc:
                self.problems.append(f"The list of people can't be read: {exc}")
                people = []
        self.people = [dict(p) for p in people]
        self._people = {p["id"]: p for p in self.people}
        if quotes is None:
            try:
                from .. import article

                quotes = article.quotes()
            except Exception as exc:  # noqa: BLE001 - the article or its data is missing: say so, don't crash
                self.problems.append(f"The article's quotes can't be read: {exc}")
                quotes = []
        if anchor is None:
            try:
                from ..article import anchor as _anchor
            except ImportError:

                def _anchor(n: int) -> str:
                    return f"para-{int(n)}"

            anchor = _anchor
        self.anchor = anchor
        self.quotes = sorted(
            (q for q in quotes if _get(q, "kind") == "speech"),
            key=lambda q: int(
                _get(q, "paragraph", 0)
            ),  # stable: keeps the article's order within a paragraph
        )
        self.groups = self._group()
        self.countries = _order(
            (p.get("country") for p in self.people), ("South Korea", "Japan", "United States")
        )
        self.perspectives = _order((p.get("perspective") for p in self.people), _perspective_order())
        for g in self.groups:
            if g["country"] and g["country"] not in self.countries:
                self.countries.append(g["country"])
            if g["perspective"] and g["perspective"] not in self.perspectives:
                self.perspectives.append(g["perspective"])
        self.filter_problem: str | None = None
        self.country = self._check("country", country, self.countries)
        self.perspective = self._check("perspective", perspective, self.perspectives)

    # --- data ------------------------------------------------------------------------------------------
    def _check(self, what: str, value: str | None, allowed: list[str]) -> str | None:
        if value in (None, "", ALL_COUNTRIES, ALL_PERSPECTIVES):
            return None
        if value in allowed:
            return value
        msg = (
            f"There is no {what} {value!r} among the people in the article; showing all. Choose one of: "
            f"{', '.join(allowed)}."
        )
        self.filter_problem = (self.filter_problem + " " if self.filter_problem else "") + msg
        return None

    def _group(self) -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for q in self.quotes:
            sid = _get(q, "speaker_id")
            name = _get(q, "speaker")
            key = sid or f"name:{name or 'unknown'}"
            if key not in groups:
                person = self._people.get(sid) if sid else None
                if person is None:
                    person = {
                        "id": key,
                        "name": name or "Unnamed speaker",
                        "affiliation": None,
                        "role_in_article": None,
                        "verified_role": None,
                        "perspective": None,
                        "country": None,
                    }
                    self.problems.append(
                        f"The speaker {name or sid or 'of a quote'} is not in data/people.csv, "
                        "so their role and perspective are not shown."
                    )
                groups[key] = {
                    "key": key,
                    "person": person,
                    "country": person.get("country"),
                    "perspective": person.get("perspective"),
                    "quotes": [],
                }
            groups[key]["quotes"].append(q)
        return sorted(groups.values(), key=lambda g: (int(_get(g["quotes"][0], "paragraph", 0)), g["key"]))

    def matching(self, country: str | None = None, perspective: str | None = None) -> list[dict[str, Any]]:
        """The speaker groups that pass the filters (None = all)."""
        return [
            g
            for g in self.groups
            if (country is None or g["country"] == country)
            and (perspective is None or g["perspective"] == perspective)
        ]

    def absent(self) -> tuple[list[dict[str, Any]], list[str]]:
        """People named but not quoted (``quoted`` is no), and perspectives with no quote at all."""
        named = [p for p in self.people if p.get("quoted") is False]
        quoted_perspectives = {g["perspective"] for g in self.groups}
        missing = [p for p in self.perspectives if p not in quoted_perspectives]
        return named, missing

    # --- HTML pieces -----------------------------------------------------------------------------------
    def _speaker_html(self, g: dict[str, Any], hidden: bool = False) -> str:
        p = g["person"]
        native = (
            p.get("name_ko")
            if p.get("country") == "South Korea"
            else (p.get("name_ja") if p.get("country") == "Japan" else None)
        )
        lang = "ko" if p.get("country") == "South Korea" else "ja"
        head = esc(p["name"]) + (f' <span lang="{lang}">({esc(native)})</span>' if native else "")
        meta = []
        if p.get("affiliation"):
            meta.append(f"<strong>Affiliation:</strong> {esc(p['affiliation'])}")
        if p.get("perspective") or p.get("country"):
            meta.append(
                f"<strong>Perspective:</strong> {esc(p.get('perspective') or 'not recorded')}"
                f" · <strong>Country:</strong> {esc(p.get('country') or 'not recorded')}"
            )
        role = []
        if p.get("role_in_article"):
            role.append(f"<strong>In the article:</strong> {esc(p['role_in_article'])}")
        if p.get("verified_role") and role_differs(p.get("role_in_article"), p.get("verified_role")):
            role.append(
                f'<span class="gs-flag">⚑ Verified role (differs from the article\'s wording):</span> '
                f"{esc(p['verified_role'])}"
            )
        quotes = []
        for q in g["quotes"]:
            n = int(_get(q, "paragraph"))
            quotes.append(
                f'<blockquote><p>“{esc(_get(q, "text"))}”<cite>'
                f'<a href="{esc(self.article_page)}#{esc(self.anchor(n))}" '
                f'aria-label="Paragraph {n} of the article">¶ {n}</a></cite></p></blockquote>'
            )
        attrs = (
            f' data-country="{esc(g["country"] or "")}" data-perspective="{esc(g["perspective"] or "")}"'
            f' data-n="{len(g["quotes"])}"' + (" hidden" if hidden else "")
        )
        return (
            f"<article{attrs}><h4>{head}</h4>"
            + "".join(f'<p class="gs-role">{m}</p>' for m in meta + role)
            + "".join(quotes)
            + "</article>"
        )

    def _absent_html(self) -> str:
        named, missing = self.absent()
        parts = []
        if missing:
            items = []
            for persp in missing:
                who = [p for p in named if p.get("perspective") == persp]
                line = f"<strong>No one speaking for the {esc(persp)} is quoted in the article.</strong>"
                if who:
                    line += (
                        " Named but not quoted: "
                        + "; ".join(
                            f"{esc(p['name'])} "
                            f"({esc(p.get('role_in_article') or p.get('verified_role') or '')})"
                            for p in who
                        )
                        + "."
                    )
                items.append(f"<li>{line}</li>")
            parts.append('<h4>Missing voices</h4><ul class="gs-absent">' + "".join(items) + "</ul>")
        if named:
            items = []
            for p in named:
                said = f" What they said or did (paraphrase): {esc(p['said'])}" if p.get("said") else ""
                items.append(
                    f"<li><strong>{esc(p['name'])}</strong> — {esc(p.get('perspective') or '')}"
                    f"{', ' + esc(p['country']) if p.get('country') else ''}.{said}</li>"
                )
            parts.append(
                '<h4>Named in the article but not quoted</h4><ul class="gs-absent">'
                + "".join(items)
                + "</ul>"
            )
        return "".join(parts)

    def _notices(self) -> str:
        msgs = list(self.problems) + ([self.filter_problem] if self.filter_problem else [])
        return "".join(notice(m, "error") for m in msgs)

    def render(self, country: str | None = None, perspective: str | None = None) -> str:
        """HTML of the live view's output for a pair of filters (None = all)."""
        groups = self.matching(country, perspective)
        n = sum(len(g["quotes"]) for g in groups)
        body = "".join(self._speaker_html(g) for g in groups)
        if not groups:
            body = notice(NO_MATCH)
        return (
            f'<div class="gs-twin gs-voices"><style>{twin_css()}{_css()}</style>{self._notices()}'
            f'<p class="gs-count" role="status">{esc(count_text(n, len(groups)))}</p>{body}'
            f"{self._absent_html()}</div>"
        )

    # --- renderings ------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        style = {"description_width": "initial"}
        self.country_dropdown = w.Dropdown(
            options=[(ALL_COUNTRIES, None)] + [(c, c) for c in self.countries],
            value=self.country,
            description="Country",
            style=style,
        )
        self.perspective_dropdown = w.Dropdown(
            options=[(ALL_PERSPECTIVES, None)] + [(p, p) for p in self.perspectives],
            value=self.perspective,
            description="Perspective",
            style=style,
        )
        self.output = w.HTML(value=self.render(self.country, self.perspective))

        def redraw(change: Any = None) -> None:
            self.filter_problem = None
            self.country = self.country_dropdown.value
            self.perspective = self.perspective_dropdown.value
            self.output.value = self.render(self.country, self.perspective)

        self.redraw = redraw
        self.country_dropdown.observe(redraw, names="value")
        self.perspective_dropdown.observe(redraw, names="value")
        return w.VBox(
            [
                w.HBox(
                    [self.country_dropdown, self.perspective_dropdown], layout=w.Layout(flex_flow="row wrap")
                ),
                self.output,
            ]
        )

    def twin_html(self) -> str:
        root = dom_id("voices", [g["key"] for g in self.groups], self.country, self.perspective)
        c_id, p_id = f"{root}-country", f"{root}-perspective"

        def options(all_label: str, values: list[str], chosen: str | None) -> str:
            opts = [f'<option value=""{" selected" if chosen is None else ""}>{esc(all_label)}</option>']
            opts += [
                f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(v)}</option>'
                for v in values
            ]
            return "".join(opts)

        shown = self.matching(self.country, self.perspective)
        shown_keys = {g["key"] for g in shown}
        n = sum(len(g["quotes"]) for g in shown)
        controls = (
            f'<div class="gs-controls" hidden><label for="{c_id}">Country</label>'
            f'<select id="{c_id}" data-filter="country">'
            f"{options(ALL_COUNTRIES, self.countries, self.country)}"
            f'</select><label for="{p_id}">Perspective</label><select id="{p_id}" data-filter="perspective">'
            f"{options(ALL_PERSPECTIVES, self.perspectives, self.perspective)}</select></div>"
            '<noscript><p class="gs-noscript">Filtering needs JavaScript; every quote is listed below.</p>'
            "</noscript>"
        )
        speakers = "".join(self._speaker_html(g, hidden=g["key"] not in shown_keys) for g in self.groups)
        empty = notice(NO_MATCH).replace("<p ", "<p data-empty " + ("" if not shown else "hidden "), 1)
        payload = {"no_match": NO_MATCH, **COUNT_WORDS}
        body = (
            f"<h3>Voices in the article</h3>{self._notices()}{controls}"
            f'<p class="gs-count" role="status" aria-live="polite">{esc(count_text(n, len(shown)))}</p>'
            f'{empty}<div class="gs-speakers">{speakers}</div>{self._absent_html()}'
            f'<script type="application/json" class="gs-voices-data">{json_for_script(payload)}</script>'
        )
        return twin("voices", "Voices in the article", body, root_id=root, script=static_script("voices.js"),
                    css=_css())


def _perspective_order() -> tuple[str, ...]:
    try:
        from ..data_schema import PERSPECTIVES
    except ImportError:  # pragma: no cover - data module always present in the course
        return ()
    return tuple(PERSPECTIVES)
