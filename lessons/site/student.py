"""Student mode for the static site: what a reader without Python should see of an executed notebook.

The site shows the lesson, not the machinery. Applied to each executed notebook before it is turned into HTML
(:func:`prepare`) and to its outputs (:func:`humanize_html`):

- tables made from the course data (pandas ``DataFrame`` output) get human column names ("English" rather than
  ``term_en``), lose the row numbers, keep a row's ``id`` only in a ``data-gs-row`` attribute and a tooltip,
  show verdicts in words ("Not borne out") and sources as outlet, date and link; on a phone they become cards;
- an output that describes the machine that built the site (lesson 00's environment check lists *its* package
  versions) is replaced by a sentence about what the cell does on the reader's own computer;
- a cell that prints a Markdown template (the decision memo) shows it rendered;
- cells tagged ``extension`` are grouped into a collapsed "Extension" section; cells tagged ``lab-only`` are left
  out of the site and cells tagged ``site-only`` are shown only there (for instructions that differ by medium).
"""

from __future__ import annotations

import html
import re
from typing import Any

#: Column names of the course data, as a reader should see them.
COLUMN_LABELS = {
    "id": "Row id",
    "term_en": "English",
    "term_ko": "Korean",
    "term_ja": "Japanese",
    "name_ko": "Name in Korean",
    "name_ja": "Name in Japanese",
    "role_in_article": "Role in the article",
    "verified_role": "Role (checked)",
    "what_sources_say": "What later sources say",
    "attributed_to": "Said by",
    "topic_id": "Topic",
    "series_id": "Series",
    "in_article": "In the article?",
    "in_article_run": "In the article's run of launches?",
    "article_paragraphs": "Article paragraphs",
    "coord_confidence": "Location confidence",
    "launch_area": "Launch area",
    "projectiles_n": "Number of projectiles",
    "range_km": "Range (km)",
    "range_text": "Range (as reported)",
    "apogee_km": "Highest point (km)",
    "apogee_text": "Highest point (as reported)",
    "class_south_korea": "South Korea called it",
    "class_north_korea": "North Korea called it",
    "class_others": "Others called it",
    "reported_by": "Reported by",
    "on_map": "On the map?",
    "sources": "Sources",
    "confidence": "Confidence",
}

#: Coded values a reader should see in words (verdicts of later sources, confidence, true/false).
VALUE_LABELS = {
    "not-borne-out": "Not borne out",
    "supported": "Supported",
    "qualified": "Qualified",
    "imprecise": "Imprecise",
    "outdated": "Outdated",
    "unverified": "Unverified",
    "launch-area": "Launch area",
    "True": "Yes",
    "False": "No",
}

#: What the site says instead of an output that describes the machine the site was built on.
MACHINE_SPECIFIC = (
    "When you run this cell in JupyterLab, it checks your own computer: the version of Python and of each package "
    "the course needs, with what to do if something is missing. (The website cannot check your computer.)"
)
MACHINE_MARKERS = ('class="gs-env"', "data-gs-machine-specific")

#: Replaced by the lesson template with the page's tools (see lesson.html.j2).
TOOLS_MARKER = "<!--gs-lesson-tools-->"
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def column_label(name: str) -> str:
    """A column name as a reader should see it: 'term_en' → 'English', 'launch_area' → 'Launch area'."""
    name = name.strip()
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    if _SNAKE.match(name):
        words = name.replace("_", " ")
        return words[:1].upper() + words[1:]
    return name


def value_label(value: str) -> str:
    """A coded value in words: 'not-borne-out' → 'Not borne out'."""
    return VALUE_LABELS.get(value.strip(), value)


_REF = re.compile(r"^(timeline|people|places|positions|claims|figures|launches|glossary): ([a-z0-9]+(?:-[a-z0-9]+)*)$")


def ref_html(ref: str) -> str | None:
    """A data-row reference ('people: kim-you-geun') as the row's first source (outlet, date, link), with the
    reference itself only in ``data-gs-row`` and a tooltip; None when the text is not a reference."""
    from .. import data
    from .._html import cite_html, esc

    m = _REF.match(ref.strip())
    if not m:
        return None
    try:
        row = data.row(m.group(1), m.group(2))
    except Exception:  # noqa: BLE001 - an unknown row stays as it was written
        return None
    sources = row.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    if not sources:
        return f'<span class="gs-cite" data-gs-row="{esc(ref)}" title="Data row {esc(ref)}">course data</span>'
    extra = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
    return cite_html(sources[0], row=ref.strip()) + (f'<span class="gs-muted">{extra}</span>' if extra else "")


_REF_ANYWHERE = re.compile(r"\b(?:timeline|people|places|positions|claims|figures|launches|glossary): "
                           r"[a-z0-9]+(?:-[a-z0-9]+)*\b")
_CODES_ANYWHERE = re.compile(r"(?P<file>(?: · )?data/[a-z_]+\.csv: )?\b(not-borne-out)\b")


def stream_html(text: str) -> str:
    """Printed text for the site: data-row references become their sources (outlet, date, link; the reference in
    a tooltip), coded verdicts become words; everything else escaped as it was printed."""
    out, pos = [], 0
    pattern = re.compile(_REF_ANYWHERE.pattern + "|" + _CODES_ANYWHERE.pattern)
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        token = m.group(0)
        if m.group("file"):  # 'data/claims.csv: not-borne-out' next to the verdict in words: left out
            pass
        elif m.group(2):  # a bare verdict code
            out.append(html.escape(VALUE_LABELS.get(m.group(2), m.group(2)).lower()))
        else:
            out.append(ref_html(token) or html.escape(token))
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def sources_html(cell_text: str) -> str:
    """A data ``sources`` cell (sources separated by ' | ') as outlet, date and link for each."""
    from .._html import cite_html

    return "; ".join(cite_html(s) for s in cell_text.split(" | ") if s.strip())


# ---------------------------------------------------------------------------------------------------------
# DataFrame tables
# ---------------------------------------------------------------------------------------------------------


def humanize_table(table: Any) -> None:
    """Make one pandas table (a BeautifulSoup tag) readable: labels, no row numbers, ids in attributes."""
    thead, tbody = table.find("thead"), table.find("tbody")
    if tbody is None:
        return
    rows = tbody.find_all("tr", recursive=False)
    header_rows = thead.find_all("tr", recursive=False) if thead else []
    # Row numbers (a default RangeIndex or a filtered one): every body row starts with a <th> holding an integer.
    index_cells = [r.find(["th", "td"], recursive=False) for r in rows]
    numeric_index = bool(rows) and all(c is not None and c.name == "th" and re.fullmatch(r"\d+", c.get_text(strip=True))
                                       for c in index_cells)
    if numeric_index:
        for c in index_cells:
            c.decompose()
        for hr in header_rows:
            first = hr.find(["th", "td"], recursive=False)
            if first is not None:
                first.decompose()
    # Column names, as the last header row lists them.
    columns: list[str] = []
    if header_rows:
        for hr in header_rows:
            for th in hr.find_all(["th", "td"], recursive=False):
                raw = th.get_text(strip=True)
                if raw:
                    th.string = column_label(raw)
                    th["data-gs-column"] = raw
        # The row that names the columns: the one with the most names (pivot tables add a row for the index).
        best = max(reversed(header_rows), key=lambda hr: sum(1 for c in hr.find_all(["th", "td"], recursive=False)
                                                           if c.get_text(strip=True)))
        columns = [th.get("data-gs-column", th.get_text(strip=True))
                   for th in best.find_all(["th", "td"], recursive=False)]
        # A row naming only the index (pivot tables): its name labels the first cell of each body row.
        for hr in header_rows:
            cells = hr.find_all(["th", "td"], recursive=False)
            if len(cells) > 1 and cells[0].get_text(strip=True) and not any(c.get_text(strip=True) for c in cells[1:]):
                columns[0] = cells[0].get("data-gs-column", cells[0].get_text(strip=True))
    # A column of data-row references ('people: kim-you-geun') shows each row's source instead.
    for k in range(len(columns)):
        cells_k = [r.find_all(["th", "td"], recursive=False) for r in rows]
        texts = [c[k + len(c) - len(columns)].get_text(strip=True) for c in cells_k
                 if 0 <= k + len(c) - len(columns) < len(c)]
        if texts and all(_REF.match(t) for t in texts if t) and any(texts):
            for c in cells_k:
                j = k + len(c) - len(columns)
                if 0 <= j < len(c):
                    cited = ref_html(c[j].get_text(strip=True))
                    if cited:
                        c[j].clear()
                        c[j].append(_fragment(cited))
                        c[j]["data-label"] = "Source"
            for hr in header_rows:
                hcells = hr.find_all(["th", "td"], recursive=False)
                j = k + len(hcells) - len(columns)
                if 0 <= j < len(hcells) and hcells[j].get_text(strip=True):
                    hcells[j].string = "Source"
            columns[k] = "source"
    id_col = columns.index("id") if "id" in columns else None
    for r in rows:
        cells = r.find_all(["th", "td"], recursive=False)
        offset = len(cells) - len(columns) if columns else 0
        for i, cell in enumerate(cells):
            col = columns[i - offset] if columns and 0 <= i - offset < len(columns) else ""
            if col and col != "source":
                cell["data-label"] = column_label(col)
            text = cell.get_text(strip=True)
            if col == "sources" and text:
                cell.clear()
                cell.append(_fragment(sources_html(text)))
            elif text in VALUE_LABELS:
                cell.string = value_label(text)
        if id_col is not None and 0 <= id_col + offset < len(cells):
            cell = cells[id_col + offset]
            r["data-gs-row"] = cell.get_text(strip=True)
            r["title"] = f"Data row: {cell.get_text(strip=True)}"
    if id_col is not None:
        for hr in header_rows:
            cells = hr.find_all(["th", "td"], recursive=False)
            k = id_col + (len(cells) - len(columns))
            if 0 <= k < len(cells):
                cells[k].decompose()
        for r in rows:
            cells = r.find_all(["th", "td"], recursive=False)
            k = id_col + (len(cells) - len(columns))
            if 0 <= k < len(cells):
                cells[k].decompose()
    table.attrs.pop("border", None)
    classes = [c for c in table.get("class", []) if c != "dataframe"] + ["gs-data", "gs-phone-cards"]
    table["class"] = classes


def _fragment(markup: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def label_cards(markup: str) -> str:
    """Tables a twin marks ``gs-phone-cards`` get each cell's column name (``data-label``) for phone cards."""
    soup = _fragment(markup)
    for table in soup.find_all("table", class_="gs-phone-cards"):
        names = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        for tr in table.select("tbody tr"):
            for k, cell in enumerate(tr.find_all(["td", "th"], recursive=False)):
                if k < len(names) and not cell.get("data-label"):
                    cell["data-label"] = names[k]
    return str(soup)


def humanize_html(markup: str) -> str:
    """Every pandas table in `markup` made readable (see :func:`humanize_table`); other HTML unchanged."""
    if "gs-phone-cards" in markup and 'class="dataframe"' not in markup:
        return label_cards(markup)
    if 'class="dataframe"' not in markup:
        return markup
    soup = _fragment(markup)
    for table in soup.find_all("table", class_="dataframe"):
        humanize_table(table)
        # Styler/notebook wrappers add a <style> with `.dataframe` rules: harmless; wrap for phones.
        wrapper = soup.new_tag("div", attrs={"class": "gs-table-wrap"})
        table.wrap(wrapper)
    return str(soup)


# ---------------------------------------------------------------------------------------------------------
# Whole notebook (before nbconvert)
# ---------------------------------------------------------------------------------------------------------


def _markdown_stream(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return bool(lines) and bool(re.match(r"^#{1,3} \S", lines[0])) and len(lines) >= 3


def _first_heading(cells: list[Any]) -> str:
    for cell in cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line.strip())
                if m:
                    return re.sub(r"[*_`]+", "", m.group(1))
    return ""


def prepare(nb: Any) -> None:
    """Student mode, applied to an executed notebook in place (see the module docstring)."""
    import mistune

    kept = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", []) or []
        if "lab-only" in tags:
            continue
        kept.append(cell)
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                text = output.get("text", "")
                text = "".join(text) if isinstance(text, list) else text
                if _REF_ANYWHERE.search(text) or _CODES_ANYWHERE.search(text):
                    outputs.append({"output_type": "display_data", "metadata": {}, "data": {
                        "text/html": f'<pre class="gs-stream">{stream_html(text)}</pre>'}})
                    continue
                if _markdown_stream(text):
                    # Headings inside a template are not headings of the page: shown bold instead.
                    rendered = re.sub(r"<h([1-6])>(.*?)</h\1>", r'<p class="gs-md-heading"><strong>\2</strong></p>',
                                      mistune.html(text), flags=re.S)
                    outputs.append({"output_type": "display_data", "metadata": {}, "data": {
                        "text/html": f'<div class="gs-md-output">{rendered}</div>'}})
                    continue
            if isinstance(data, dict) and "text/html" in data:
                markup = data["text/html"]
                markup = "".join(markup) if isinstance(markup, list) else markup
                if any(m in markup for m in MACHINE_MARKERS):
                    data.clear()
                    data["text/html"] = f'<p class="gs-machine-note">{html.escape(MACHINE_SPECIFIC)}</p>'
                else:
                    data["text/html"] = humanize_html(markup)
            outputs.append(output)
        cell.outputs = outputs
    # Where the page's tools (the website note, "Show the code", "On this page") go: after the title cell.
    import nbformat

    marker = nbformat.v4.new_raw_cell(TOOLS_MARKER, metadata={"format": "text/html", "raw_mimetype": "text/html"})
    first = next((k for k, c in enumerate(kept) if c.cell_type == "markdown"), None)
    if first is not None:  # (without a title cell the template puts the tools first)
        kept.insert(first + 1, marker)
    # Extension sections: runs of cells tagged `extension`, marked for the template to wrap in <details>.
    runs: list[list[Any]] = []
    for cell in kept:
        tags = cell.get("metadata", {}).get("tags", []) or []
        if "extension" in tags:
            if runs and runs[-1][-1] is _previous(kept, cell):
                runs[-1].append(cell)
            else:
                runs.append([cell])
    for run in runs:
        heading = _first_heading(run)
        run[0].metadata["gs_extension_start"] = f"Extension: {heading}" if heading else "Extension"
        run[-1].metadata["gs_extension_end"] = True
    nb.cells = kept


def _previous(cells: list[Any], cell: Any) -> Any:
    i = next(k for k, c in enumerate(cells) if c is cell)
    return cells[i - 1] if i else None
