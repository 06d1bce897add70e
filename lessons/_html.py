"""Small helpers shared by the HTML twins: escaping, deterministic ids, inline figures, notices.

Every twin is self-contained: inline CSS and small inline scripts only, no external URLs, no libraries. Text
coming from data always passes through :func:`esc`. DOM ids are derived from content plus a per-process
counter, so re-running a notebook from the top gives byte-identical HTML (strict nbval compares it).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .citation import parse_source
from .dates import fmt_date

_id_counters: defaultdict[str, itertools.count] = defaultdict(itertools.count)

def twin_css() -> str:
    """Shared styles for every twin (``lessons/static/twin.css``), scoped under `.gs-twin` so they never leak."""
    from .static import text

    return text("twin.css")


def esc(value: Any) -> str:
    """Escape text for HTML content or a double-quoted attribute. `None` becomes the empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def dom_id(kind: str, *content: Any) -> str:
    """A DOM id that is the same on every run: a hash of `content` plus a counter for repeats in this process."""
    digest = hashlib.sha1(json.dumps([kind, *content], sort_keys=True, default=str).encode("utf-8")).hexdigest()[:8]
    key = f"{kind}-{digest}"
    n = next(_id_counters[key])
    return f"gs-{key}" if n == 0 else f"gs-{key}-{n}"


def reset_ids() -> None:
    """Forget the id counters (tests use this to get the same ids twice in one process)."""
    _id_counters.clear()


def json_for_script(value: Any) -> str:
    """JSON safe to put inside an inline <script>: `<`, `>` and `&` are escaped so data can't close the tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_png(fig: Any, dpi: int | None = None) -> bytes:
    """Render a matplotlib Figure to PNG bytes, without the volatile metadata matplotlib adds."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from .style import DPI

    if fig.canvas is None or not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or DPI, metadata={"Software": None})
    return buffer.getvalue()


def png_img(png: bytes, alt: str, css_class: str = "gs-figure") -> str:
    """An <img> element with the PNG inlined as a data: URI and the given alt text."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="{esc(css_class)}" src="data:image/png;base64,{data}" alt="{esc(alt)}">'


def figure_img(fig: Any, alt: str, dpi: int | None = None) -> str:
    """Render a matplotlib Figure as an inline <img> with alt text (the figure is closed afterwards)."""
    return png_img(figure_png(fig, dpi=dpi), alt)


def source_html(source: str) -> str:
    """One source as a reader sees it: outlet and date as a link, the title in a tooltip (see :func:`cite_html`)."""
    return cite_html(source)


def notice(message: str, kind: str = "info") -> str:
    """A visible message inside a component (bad input, nothing matches) instead of a traceback or empty axes."""
    role = "alert" if kind == "error" else "status"
    return f'<p class="gs-notice gs-notice-{esc(kind)}" role="{role}">{esc(message)}</p>'


def table(
    headers: Iterable[str],
    rows: Iterable[Iterable[Any]],
    caption: str | None = None,
    raw_columns: Iterable[int] = (),
    row_attrs: Iterable[str] | None = None,
    css_class: str = "gs-table",
) -> str:
    """An HTML table. Cells are escaped except in `raw_columns` (for cells already built as safe HTML)."""
    raw = set(raw_columns)
    parts = [f'<table class="{esc(css_class)}">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers) + "</tr></thead><tbody>")
    attrs_iter = iter(row_attrs) if row_attrs is not None else None
    for row in rows:
        attrs = next(attrs_iter) if attrs_iter is not None else ""
        cells = "".join(f"<td>{cell if i in raw else esc(cell)}</td>" for i, cell in enumerate(row))
        parts.append(f"<tr{(' ' + attrs) if attrs else ''}>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def twin(
    kind: str,
    title: str,
    body: str,
    *,
    root_id: str,
    script: str | None = None,
    css: str = "",
    lang: str | None = None,
) -> str:
    """Wrap a twin's body in a labelled <section> with the shared styles and an optional inline script.

    `script` is the body of a function that receives the section element as `root`; it runs once, when the
    page loads. Scripts never load anything: no `src=`, no fetch, no network.
    """
    lang_attr = f' lang="{esc(lang)}"' if lang else ""
    parts = [
        f'<section class="gs-twin gs-{esc(kind)}" id="{esc(root_id)}" aria-label="{esc(title)}"'
        f' data-gs-kind="{esc(kind)}"{lang_attr}>',
        f"<style>{twin_css()}{css}</style>",
        body,
    ]
    if script:
        parts.append(
            "<script>(function(){var root=document.getElementById(" + json.dumps(root_id) + ");"
            "if(!root||root.getAttribute('data-gs-ready'))return;root.setAttribute('data-gs-ready','1');"
            + script
            + "})();</script>"
        )
    parts.append("</section>")
    return "".join(parts)


def cite_html(source: str, row: str | None = None) -> str:
    """A cited source ('Outlet: title (YYYY-MM-DD) — URL', the data convention) as a reader sees it: the outlet
    and date as a link, the article's title in a tooltip, and (for teachers) the data row in a ``data-gs-row``
    attribute. Never the raw URL or a row id in the visible text."""
    c = parse_source(source)
    row_attr = f' data-gs-row="{esc(row)}"' if row else ""
    if not c.dated:
        if c.url.startswith(("https://", "http://")):
            return f'<a href="{esc(c.url)}"{row_attr}>{esc(c.head)}</a>'
        return f"<span{row_attr}>{esc(c.text)}</span>" if row else esc(c.text)
    outlet, title, date, url = c.outlet, c.title, fmt_date(c.date), c.url
    label = f"{esc(outlet)}, {esc(date)}"
    tip = f' title="{esc(title)}"' if title else ""
    if url and url.startswith(("https://", "http://")) and not url.endswith(("...", "…")):  # not cut off
        return f'<a class="gs-cite" href="{esc(url)}"{tip}{row_attr}>{label}</a>'
    return f'<span class="gs-cite"{tip}{row_attr}>{label}</span>'


#: The verdicts in words, for students (the site and the components never show the coded form).
VERDICT_LABELS = {"supported": "supported", "qualified": "qualified", "imprecise": "imprecise",
                  "outdated": "outdated", "not-borne-out": "not borne out", "unverified": "unverified"}
