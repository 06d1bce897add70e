"""Build the static course site: offline, self-contained pages that work from file://, a zip or a web host.

What it makes (in ``--out``, default ``_build/html``):

- ``index.html``: the course, its lessons as cards (title, objectives and time parsed from each notebook's
  opening cells) and the reader's quiz scorecard (read from the browser's localStorage);
- one page per ``notebooks/NN-slug.ipynb``, executed fresh with :func:`lessons._nbrun.execute`, widget views and
  widget state removed so that each component's ``text/html`` twin shows, with previous/next links;
- ``glossary.html`` (EN/KO/JA), ``sources.html`` (every source cited in ``data/``, grouped by outlet);
- ``notebooks/*.ipynb`` and ``gsomia-data.zip`` (deterministic) to download; ``search-index.js`` for the search box;
- ``teacher/``: pages from ``notebooks/teacher/*.ipynb`` and ``*.md`` plus :func:`extra_teacher_pages`; student
  pages never link there.

Executed lessons are cached in ``_build/.cache/``, keyed by a hash of the notebook and of every file under
``lessons/``, ``data/`` and ``seeds/``: an unchanged lesson is not run again. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import _nbrun

PACKAGE_DIR = Path(__file__).resolve().parent
REPO = PACKAGE_DIR.parent.parent
TEMPLATES = PACKAGE_DIR / "templates"
STATIC = PACKAGE_DIR / "static"

COURSE_TITLE = "GSOMIA 2019: Japan, South Korea and the intelligence pact"
COURSE_BLURB = (
    "A short course on the 2019 dispute between Japan and South Korea over GSOMIA, the pact under which the two "
    "countries share military intelligence. Each lesson is a Jupyter notebook; this site shows every lesson "
    "without Python, and works offline."
)
DATA_ZIP = "gsomia-data.zip"
SEARCH_INDEX = "search-index.js"
NOTEBOOK_NAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb$")
WIDGET_VIEW_MIME = _nbrun.WIDGET_VIEW_MIME
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
#: A text/plain widget repr such as ``IntSlider(value=3, description='n')`` or ``interactive(children=(…``.
WIDGET_REPR = re.compile(
    r"^\s*(?:[A-Za-z_][\w.]*\.)?(?:Int|Float|FloatLog)?(?:Slider|RangeSlider|Text|Textarea|Dropdown|Button|"
    r"Checkbox|ToggleButton|ToggleButtons|RadioButtons|Select|SelectMultiple|SelectionSlider|"
    r"SelectionRangeSlider|Output|VBox|HBox|Box|GridBox|Tab|Accordion|Stack|interactive|Label|HTML|HTMLMath|"
    r"Image|Play|DatePicker|ColorPicker|BoundedIntText|BoundedFloatText|IntText|FloatText|Valid|"
    r"IntProgress|FloatProgress|Combobox|Password|TagsInput|FileUpload|AppLayout|GridspecLayout|"
    r"TwoByTwoLayout)\((?:.|\n)*\)\s*$"
)
NEEDS_PYTHON = (
    "This part is interactive and needs Python. Download the notebook and run it in JupyterLab to use it."
)


class BuildError(RuntimeError):
    """The site could not be built; the message says which notebook and cell, and what to do."""


@dataclass
class Page:
    """One page of the site (a lesson, or a teacher page)."""

    source: Path
    stem: str
    number: str
    title: str
    objectives: list[str] = field(default_factory=list)
    time_to_learn: str = ""
    href: str = ""
    body: str = ""
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    text: str = ""
    has_quiz: bool = False


@dataclass
class BuildStats:
    """What a build did: which notebooks ran, which came from the cache, the pages written, the time taken."""

    out: Path
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# Reading notebooks
# ---------------------------------------------------------------------------------------------------------


def lesson_paths(notebooks: Path) -> list[Path]:
    """The lessons, in course order: ``notebooks/NN-slug.ipynb``."""
    return sorted(p for p in Path(notebooks).glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def _plain(markdown: str) -> str:
    """Markdown inline text without its markup (for titles and the search index)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def _inline_html(markdown: str) -> str:
    """One line of markdown as inline HTML (for objectives on the cards)."""
    import mistune

    out = mistune.html(markdown).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def shown_name(path: Path) -> str:
    """A file name safe to print in any terminal (undecodable bytes and control characters replaced)."""
    name = os.fsencode(Path(path).name).decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in name)


def read_cells(path: Path) -> list[dict[str, Any]]:
    """A notebook's cells as plain dicts with `source` as one string (plain json: nbformat is slow to import)."""
    name = shown_name(path)
    if Path(path).is_dir():
        raise BuildError(f"{name} is a folder, not a notebook. Rename it or move it out of the notebooks folder, "
                         "then build again.")
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = doc["cells"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
        raise BuildError(f"{name} is not a readable notebook ({reason}). Open it in JupyterLab and save it "
                         "again.") from None
    if not isinstance(cells, list):
        raise BuildError(f"{name} is not a readable notebook: its \"cells\" are not a list. Open it in JupyterLab "
                         "and save it again.")
    out = []
    for number, cell in enumerate(cells, 1):
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise BuildError(f"{name}, cell {number}, is not a notebook cell with text. Open the notebook in "
                             "JupyterLab and save it again.")
        out.append({**cell, "source": source})
    return out


def misnamed_notebooks(notebooks: Path) -> list[str]:
    """Warnings for notebooks that are not built because of their name, each with the name to use instead."""
    import unicodedata

    out = []
    for p in sorted(Path(notebooks).glob("*.ipynb")):
        if NOTEBOOK_NAME.match(p.name):
            continue
        stem = unicodedata.normalize("NFKD", os.fsencode(p.stem).decode("utf-8", "replace"))
        slug = re.sub(r"[^a-z0-9]+", "-", stem.encode("ascii", "ignore").decode().lower()).strip("-")
        number = re.match(r"^(\d{2})-?", slug)
        if number:
            slug = slug[number.end():].strip("-")
        suggestion = f"{number.group(1) if number else 'NN'}-{slug or 'lesson'}.ipynb"
        out.append(f"{shown_name(p)} is not part of the site: a lesson's file name must be two digits, a hyphen "
                   f"and lower-case letters a–z, digits and hyphens. Rename it (for example to {suggestion}) to "
                   "build it.")
    return out


def parse_opening(cells: list[dict[str, Any]], fallback: str) -> tuple[str, list[str], str]:
    """The H1 title, the ``## Overview`` numbered objectives and the 'Time to learn' line of a notebook."""
    title, objectives, time_to_learn = "", [], ""
    in_overview = continuing = False
    for cell in cells[:12]:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell["source"].splitlines():
            stripped = line.strip()
            heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", stripped)
            if heading:
                level, text = len(heading.group(1)), heading.group(2)
                if level == 1 and not title:
                    title = _plain(text)
                in_overview = level == 2 and _plain(text).lower() == "overview"
                continue
            if in_overview:
                item = re.match(r"^\d+[.)]\s+(.*)$", stripped)
                if item:
                    objectives.append(item.group(1).strip())
                    continuing = True
                elif continuing and stripped and line[:1].isspace():
                    objectives[-1] += " " + stripped  # an objective wrapped onto the next, indented line
                else:
                    continuing = False
            if not time_to_learn and "time to learn" in stripped.lower():
                after = re.split(r"time to learn", stripped, flags=re.I, maxsplit=1)[1]
                time_to_learn = _plain(after).lstrip(":*_ ").strip() or _plain(stripped)
    # Cards show the total ("50 minutes"), not the breakdown that often follows it.
    time_to_learn = re.split(r"\s+[(—–]|\s+-\s|;", time_to_learn)[0].strip().rstrip(".,")
    return title or fallback, objectives, time_to_learn


def _tree_digest(dirs: Iterable[Path], exclude: Iterable[Path] = ()) -> str:
    """A hash of every file (path and bytes) under `dirs`, ignoring caches, checkpoints and `exclude`."""
    digest = hashlib.sha256()
    skip = [Path(e).resolve() for e in exclude]
    for base in dirs:
        base = Path(base)
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            parts = p.relative_to(base).parts
            if not p.is_file() or any(x in {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"} for x in parts):
                continue
            if p.suffix in {".pyc", ".pyo"}:
                continue
            if skip and any(x == p.resolve() or x in p.resolve().parents for x in skip):
                continue
            digest.update(f"{base.name}/{p.relative_to(base).as_posix()}\0".encode())
            digest.update(p.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Rendering a notebook to an HTML fragment
# ---------------------------------------------------------------------------------------------------------


class _TextScanner(HTMLParser):
    """Collects headings (level, id, text), plain text, image alts and whether a quiz twin is present."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str]] = []
        self.text: list[str] = []
        self.has_quiz = False
        self._skip = 0
        self._heading: list[Any] | None = None
        self._anchor = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"script", "style"}:
            self._skip += 1
        elif re.fullmatch(r"h[1-6]", tag) and "gs-twin" not in (a.get("class") or ""):
            self._heading = [int(tag[1]), a.get("id") or "", []]
        elif tag == "a" and "anchor-link" in (a.get("class") or ""):
            self._anchor += 1
        if tag == "section" and a.get("data-gs-kind") == "quiz":
            self.has_quiz = True

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1
        elif tag == "a" and self._anchor:
            self._anchor -= 1
        elif self._heading is not None and tag == f"h{self._heading[0]}":
            level, hid, parts = self._heading
            self.headings.append((level, hid, " ".join("".join(parts).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip or self._anchor:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading[2].append(data)


def _clean_outputs(nb: Any, title: str) -> None:
    """Prepare an executed notebook for the site (in place).

    Widget views and widget state go, so every component's text/html twin renders; a bare widget becomes a
    plain sentence; errors become a sentence (no traceback); figures without alt text get one from the cell's
    ``alt`` metadata or the nearest heading.
    """
    nb.metadata.pop("widgets", None)
    heading = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line.strip())
                if m:
                    heading = _plain(m.group(1))
            continue
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream" and output.get("name") == "stderr":
                continue  # warnings are for the maintainers' logs, not for readers
            if kind == "error":
                sentence = (f"This cell stops with an error on purpose: {output.get('ename', 'Error')}: "
                            f"{output.get('evalue', '')}")
                outputs.append({"output_type": "display_data", "metadata": {},
                                "data": {"text/html": f'<p class="gs-cell-error">{html.escape(sentence)}</p>'}})
                continue
            data = output.get("data")
            if isinstance(data, dict):
                had_view = data.pop(WIDGET_VIEW_MIME, None) is not None
                data.pop(WIDGET_STATE_MIME, None)
                plain = data.get("text/plain", "")
                plain = "".join(plain) if isinstance(plain, list) else plain
                others = [k for k in data if k != "text/plain"]
                if not others and (had_view or WIDGET_REPR.match(plain or "")):
                    data.clear()
                    data["text/html"] = f'<p class="gs-needs-python">{html.escape(NEEDS_PYTHON)}</p>'
                for mime in ("image/png", "image/jpeg", "image/svg+xml"):
                    if mime in data:
                        meta = output.setdefault("metadata", {})
                        mime_meta = dict(meta.get(mime) or {})
                        if not mime_meta.get("alt"):
                            mime_meta["alt"] = cell.metadata.get("alt") or (
                                f"Figure from {title}: {heading}" if heading else f"Figure from {title}")
                            meta[mime] = mime_meta  # (re)assign: a NotebookNode copies dicts it is given
            outputs.append(output)
        cell.outputs = outputs


_EXPORTER = None


def _exporter() -> Any:
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            template_name="basic",
            extra_template_paths=[str(TEMPLATES)],
            template_file="gs_body.html.j2",
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        _EXPORTER = exporter
    return _EXPORTER


_WIDGET_PRE = re.compile(r"<pre>\s*(?:[\w.]+\.)?(?:Int|Float)?(?:Slider|Dropdown|VBox|HBox|Output|interactive|"
                         r"Button|Checkbox|Text|Box|Tab|Accordion|SelectMultiple|Select|RadioButtons)\(.*?</pre>",
                         re.S)


def render_notebook(nb: Any, title: str) -> tuple[str, list[tuple[int, str, str]], str, bool]:
    """An executed notebook as an HTML fragment, with its headings, plain text and whether it has a quiz."""
    _clean_outputs(nb, title)
    body, _ = _exporter().from_notebook_node(nb)
    body = _WIDGET_PRE.sub(f'<p class="gs-needs-python">{html.escape(NEEDS_PYTHON)}</p>', body)
    scanner = _TextScanner()
    scanner.feed(body)
    return body, scanner.headings, " ".join(" ".join(scanner.text).split()), scanner.has_quiz


def render_markdown(text: str) -> tuple[str, list[tuple[int, str, str]], str]:
    """A markdown file (teacher pages) as HTML, with its headings and plain text."""
    import mistune

    body = mistune.html(text)
    scanner = _TextScanner()
    scanner.feed(body)
    return body, scanner.headings, " ".join(" ".join(scanner.text).split())


def _failed_cell(nb_path: Path, message: str) -> str:
    """'cell N' for the cell whose source nbclient quoted in its error message, when it can be found."""
    m = re.search(r"-{10,}\n(.*?)\n-{10,}", message, re.S)
    if not m:
        return ""
    quoted = m.group(1).strip()
    try:
        cells = read_cells(nb_path)
    except BuildError:
        return ""
    for i, cell in enumerate(cells, start=1):
        if cell.get("cell_type") == "code" and cell["source"].strip() and cell["source"].strip() == quoted:
            first = cell["source"].strip().splitlines()[0][:60]
            return f"cell {i} (the code cell starting `{first}`)"
    return ""


# ---------------------------------------------------------------------------------------------------------
# Data pages
# ---------------------------------------------------------------------------------------------------------


def _dataset_rows(warnings: list[str]) -> dict[str, list[dict[str, Any]]]:
    from .. import data

    out: dict[str, list[dict[str, Any]]] = {}
    for name in data.available():
        if name.startswith("quizzes/") or name.startswith("geo"):
            continue
        try:
            out[name] = data.rows(name)
        except Exception as exc:  # noqa: BLE001 - a broken file is reported, the rest of the site still builds
            warnings.append(f"The dataset {name!r} could not be read, so it is missing from the site: {exc}")
    return out


def _quiz_banks(warnings: list[str]) -> dict[str, dict[str, Any]]:
    from .. import data

    banks = {}
    for name in data.available():
        if name.startswith("quizzes/"):
            try:
                banks[name.removeprefix("quizzes/")] = json.loads(data.path(name).read_text(encoding="utf-8"))
            except Exception as exc:  # noqa: BLE001
                warnings.append(f"The quiz bank {name!r} could not be read: {exc}")
    return banks


def split_source(source: str) -> dict[str, str]:
    """'Outlet: title (YYYY-MM-DD) — URL' as its parts: outlet, title (with date) and url."""
    head, _, url = source.partition(" — ")
    url = url.strip()
    if ":" in head:
        outlet, _, title = head.partition(":")
    else:
        outlet, title = head, ""
    # 'Outlet (2019-10-02) — URL' (no title): the outlet is the name without its date.
    outlet = re.sub(r"\s*\((?:\d{4}(?:-\d{2}){0,2})\)\s*$", "", outlet.strip()).strip() or "Other"
    if outlet.lower().startswith("seed article"):
        outlet = "Seed article"
        title = head.strip()
    return {"outlet": outlet, "title": title.strip() or head.strip(), "url": url if re.match(r"https?://", url) else ""}


def collect_sources(datasets: dict[str, list[dict[str, Any]]], banks: dict[str, dict[str, Any]]) -> list[dict]:
    """Every cited source, grouped by outlet (sorted), deduplicated, with the rows that cite it."""
    entries: dict[str, dict[str, Any]] = {}

    def add(source: str, citer: str) -> None:
        key = " ".join(source.split())
        entry = entries.setdefault(key, {**split_source(key), "cited_by": []})
        if citer not in entry["cited_by"]:
            entry["cited_by"].append(citer)

    for name, rows in sorted(datasets.items()):
        for row in rows:
            sources = row.get("sources")
            if isinstance(sources, str):
                sources = [sources]
            for source in sources or []:
                if source:
                    add(source, f"{name}: {row.get('id', '?')}")
    for bank, doc in sorted(banks.items()):
        for q in doc.get("questions", []):
            src = q.get("source") or {}
            if src.get("cite"):
                add(f"{src['cite']} — {src.get('url', '')}".rstrip(" —"), f"quiz {bank}: {q.get('id', '?')}")
            elif src.get("seed"):
                add(f"Seed article, paragraph {src['seed']}", f"quiz {bank}: {q.get('id', '?')}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries.values():
        groups.setdefault(entry["outlet"], []).append(entry)
    return [
        {"outlet": outlet, "entries": sorted(items, key=lambda e: (e["title"].lower(), e["url"]))}
        for outlet, items in sorted(groups.items(), key=lambda kv: kv[0].lower())
    ]


def _quiz_prefixes() -> list[str]:
    """The localStorage key prefixes the quiz twins write (from the assessment core)."""
    from ..assessment.core import STORAGE_PREFIX

    return [STORAGE_PREFIX]


# ---------------------------------------------------------------------------------------------------------
# Teacher hook
# ---------------------------------------------------------------------------------------------------------


def extra_teacher_pages() -> list[tuple[str, str, str]]:
    """Extra teacher pages as (file name, title, HTML body) from ``lessons.teacher.site_pages()`` if it exists.

    :func:`lessons.teacher.pages.site_pages` returns the answer key, role cards, memos and debrief sheet, as
    such triples. Bodies are inserted as they are, inside the teacher page layout.
    """
    import importlib.util

    if importlib.util.find_spec("lessons.teacher") is None:
        return []
    import importlib

    module = importlib.import_module("lessons.teacher")
    hook = getattr(module, "site_pages", None)
    return list(hook()) if callable(hook) else []


# ---------------------------------------------------------------------------------------------------------
# Writing the site
# ---------------------------------------------------------------------------------------------------------


def _jinja() -> Any:
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline_md"] = lambda text: markupsafe.Markup(_inline_html(str(text)))
    return env


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    css = HtmlFormatter(style="default").get_style_defs(".highlight")
    # Keep only the token colours; the page sets the background. Drop rules whose colours fail AA on white.
    css = "\n".join(line for line in css.splitlines() if not line.startswith(("pre {", "td.linenos", "span.linenos",
                                                                             "td.linenos", ".highlight .hll")))
    css = re.sub(r"\s*/\*.*?\*/", "", css)  # token-name comments ("Generic.Traceback") are noise
    return css.replace("#3D7B7B", "#2f6363").replace("#717171", "#555555").replace("#767600", "#5c5c00")


_NOTEBOOK_LINK = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)([^"#?]*?)([^"/#?]+)\.ipynb((?:#[^"]*)?)"')


def rewrite_notebook_links(body: str, lessons: set[str], root: str, page: str, warnings: list[str]) -> str:
    """Links between notebooks (``02-roots.ipynb#Section``) lead to the lesson pages; links to a lesson that is
    not in the site become plain text (and a build warning), so a reader never meets a dead link."""

    def fix(m: re.Match) -> str:
        stem, fragment = m.group(2), m.group(3)
        if stem in lessons:
            return f'href="{root}{stem}.html{fragment}"'
        warnings.append(f"{page} links to {stem}.ipynb, which is not in the site; the link was left out.")
        return 'data-gs-missing-link="' + html.escape(stem, quote=True) + '"'

    body = _NOTEBOOK_LINK.sub(fix, body)
    # An <a> whose href was removed is no longer a link; show it as text.
    return re.sub(r'<a ([^>]*)data-gs-missing-link="[^"]*"([^>]*)>(.*?)</a>',
                  r'<span class="gs-missing-link">\3</span>', body, flags=re.S)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_data_zip(data_dir: Path, target: Path) -> None:
    """Zip ``data/`` deterministically: sorted names, fixed dates and permissions, same bytes every build."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        files = sorted(p for p in Path(data_dir).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for p in files:
            info = zipfile.ZipInfo(f"data/{p.relative_to(data_dir).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, p.read_bytes())
    tmp.replace(target)


def _search_entry(page_title: str, href: str, headings: list, text: str, limit: int = 30000) -> dict:
    return {"t": page_title, "u": href, "h": [[h[2], h[1]] for h in headings if h[2]], "x": text[:limit]}


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, flush=True)


def _drop_stale_cache(folder: Path, stem: str, suffix: str) -> None:
    """Delete the cache entries of an earlier build of `stem` (only files named as the cache names them)."""
    from ..outdir import is_regular_file

    pattern = re.compile(re.escape(stem) + r"\.[0-9a-f]{24}" + re.escape(suffix))
    for old in folder.glob(f"*{suffix}"):
        if pattern.fullmatch(old.name) and is_regular_file(old):
            old.unlink()


def _execute_and_render(page: Page, cache_dir: Path | None, digests: tuple[str, str], timeout: int, quiet: bool,
                        index: int, total: int, stats: BuildStats, use_cache: bool = True,
                        env: dict | None = None) -> None:
    """Fill page.body/headings/text: from the rendered cache, else render a cached execution, else execute.

    Two cache levels: the executed notebook (key: the notebook and the files it can depend on) and the rendered
    page body (key: that plus the site's own code), so changing a template re-renders without re-executing.
    """
    tree_digest, site_digest = digests
    exec_key = hashlib.sha256(page.source.read_bytes() + tree_digest.encode()).hexdigest()[:24]
    render_key = hashlib.sha256(f"{exec_key}:{site_digest}".encode()).hexdigest()[:24]
    exec_file = cache_dir / f"{page.stem}.{exec_key}.ipynb" if cache_dir else None
    render_file = cache_dir / f"{page.stem}.{render_key}.json" if cache_dir else None
    label = f"[{index}/{total}] {page.stem}"
    if use_cache and render_file and render_file.is_file():
        try:
            cached = json.loads(render_file.read_text(encoding="utf-8"))
            page.body, page.text, page.has_quiz = cached["body"], cached["text"], cached["has_quiz"]
            page.headings = [tuple(h) for h in cached["headings"]]
            stats.cached.append(page.stem)
            _progress(f"{label} … cached", quiet)
            return
        except (ValueError, KeyError):
            pass  # a damaged cache entry: render again
    nb = None
    if use_cache and exec_file and exec_file.is_file():
        import nbformat

        try:
            nb = nbformat.read(exec_file, as_version=4)
            stats.cached.append(page.stem)
            _progress(f"{label} … cached (page rendered again)", quiet)
        except Exception:  # noqa: BLE001 - a damaged cache entry: execute again
            nb = None
    if nb is None:
        _progress(f"{label} … executing", quiet)
        start = time.perf_counter()
        try:
            nb = _nbrun.execute(page.source, timeout=timeout, env=env)
        except _nbrun.NotebookError as exc:
            where = _failed_cell(page.source, str(exc))
            raise BuildError(
                f"The site was not built: {page.source.name} failed"
                f"{' in ' + where if where else ''}. Fix the notebook (or the code it calls) and build again.\n"
                f"{exc}"
            ) from exc
        except Exception as exc:  # noqa: BLE001 - a notebook nbformat can't read, a kernel that can't start
            raise BuildError(f"The site was not built: {shown_name(page.source)} could not be run "
                             f"({exc.__class__.__name__}: {str(exc)[:300]}). Open it in JupyterLab, check it runs "
                             "and save it, then build again.") from None
        stats.executed.append(page.stem)
        _progress(f"{label} … executed in {time.perf_counter() - start:.1f} s", quiet)
        if exec_file:
            import nbformat

            exec_file.parent.mkdir(parents=True, exist_ok=True)
            _drop_stale_cache(exec_file.parent, page.stem, ".ipynb")
            nbformat.write(nb, exec_file)
    page.body, page.headings, page.text, page.has_quiz = render_notebook(nb, page.title)
    if render_file:
        render_file.parent.mkdir(parents=True, exist_ok=True)
        _drop_stale_cache(render_file.parent, page.stem, ".json")
        render_file.write_text(json.dumps({"body": page.body, "text": page.text, "has_quiz": page.has_quiz,
                                           "headings": page.headings}), encoding="utf-8")


def build_site(
    out: Path | str = "_build/html",
    *,
    notebooks: Path | str | None = None,
    data_dir: Path | str | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    hash_dirs: Iterable[Path | str] | None = None,
    timeout: int | None = None,
    quiet: bool = False,
    teacher_hook: Callable[[], Iterable[tuple[str, str, str]]] | None = extra_teacher_pages,
) -> BuildStats:
    """Build the site into `out` and return what was done. Raises :class:`BuildError` when a notebook fails.

    `notebooks` defaults to the repository's ``notebooks/``; `cache_dir` to ``_build/.cache`` beside `out`'s
    parent; `hash_dirs` (what invalidates the cache besides the notebook) to ``lessons/``, ``data/``, ``seeds/``.
    """
    started = time.perf_counter()
    out = Path(out).resolve()
    notebooks = Path(notebooks) if notebooks else REPO / "notebooks"
    from .. import data as data_module

    data_path = Path(data_dir) if data_dir else data_module.data_dir()
    # Without the cache every lesson runs again, and the cache is refreshed with the results.
    cache = Path(cache_dir) if cache_dir else out.parent / ".cache"
    dirs = [Path(d) for d in hash_dirs] if hash_dirs is not None else [REPO / "lessons", REPO / "data", REPO / "seeds"]
    # The data the kernels read ($GSOMIA_DATA_DIR, or data_dir) is part of the key: edited data reaches the pages.
    if data_dir or os.environ.get("GSOMIA_DATA_DIR") or hash_dirs is None:
        if all(d.resolve() != data_path.resolve() for d in dirs):
            dirs.append(data_path)
    kernel_env = None
    if data_dir:
        kernel_env = _nbrun.course_env()
        kernel_env["GSOMIA_DATA_DIR"] = str(Path(data_dir).resolve())
    timeout = timeout or _nbrun.CELL_TIMEOUT
    stats = BuildStats(out=out)

    from ..outdir import OutputFolderError, OwnedFolder

    folder = OwnedFolder(out, kind="site", what="the course site", legacy=("index.html", SEARCH_INDEX, DATA_ZIP))
    try:
        folder.check()  # refuse a folder the course did not make before any work is done
    except OutputFolderError as exc:
        raise BuildError(f"The site was not built: {exc}") from None

    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"The site was not built: the cache folder {cache} can't be made "
                         f"({exc.strerror or exc.__class__.__name__}). Give --out (or --cache-dir) a folder you can "
                         "write to.") from None

    paths = lesson_paths(notebooks)
    stats.warnings.extend(misnamed_notebooks(notebooks))
    if not paths:
        raise BuildError(f"No lessons found: {notebooks} has no notebooks named like 00-start-here.ipynb."
                         + "".join(f" {w}" for w in stats.warnings))
    teacher_dir = notebooks / "teacher"
    teacher_sources = sorted(teacher_dir.glob("*.ipynb")) + sorted(teacher_dir.glob("*.md")) if teacher_dir.is_dir() else []

    lessons: list[Page] = []
    for p in paths:
        m = NOTEBOOK_NAME.match(p.name)
        title, objectives, ttl = parse_opening(read_cells(p), p.stem)
        lessons.append(Page(source=p, stem=p.stem, number=m.group(1), title=title, objectives=objectives,
                            time_to_learn=ttl, href=f"{p.stem}.html"))

    # The site's own code changes how pages look, not what notebooks output: it invalidates renders only.
    digest = (_tree_digest(dirs, exclude=[PACKAGE_DIR]), _tree_digest([PACKAGE_DIR]))
    total = len(lessons) + sum(1 for t in teacher_sources if t.suffix == ".ipynb")
    step = 0
    for page in lessons:
        step += 1
        _execute_and_render(page, cache, digest, timeout, quiet, step, total, stats, use_cache, kernel_env)

    teacher_pages: list[Page] = []
    for src in teacher_sources:
        if src.suffix == ".ipynb":
            title, objectives, ttl = parse_opening(read_cells(src), src.stem)
            page = Page(source=src, stem=src.stem, number="", title=title, objectives=objectives,
                        time_to_learn=ttl, href=f"{src.stem}.html")
            step += 1
            _execute_and_render(page, cache / "teacher", digest, timeout, quiet, step, total, stats, use_cache,
                                kernel_env)
        else:
            text = src.read_text(encoding="utf-8")
            body, headings, plain = render_markdown(text)
            h1 = next((h[2] for h in headings if h[0] == 1), "")
            if not h1:
                body = f"<h1>{html.escape(src.stem.replace('-', ' ').capitalize())}</h1>" + body
            page = Page(source=src, stem=src.stem, number="", title=h1 or src.stem, href=f"{src.stem}.html",
                        body=body, headings=headings, text=plain)
        teacher_pages.append(page)
    if teacher_hook is not None:
        for name, title, body in teacher_hook() or []:
            stem = Path(name).stem
            if "<h1" not in body:
                body = f"<h1>{html.escape(title)}</h1>" + body
            teacher_pages.append(Page(source=Path(name), stem=stem, number="", title=title, href=f"{stem}.html",
                                      body=body))

    # ---- write ------------------------------------------------------------------------------------------
    try:
        kept = folder.claim()  # deletes only the files an earlier build wrote; anything else stays
    except OutputFolderError as exc:
        raise BuildError(f"The site was not built: {exc}") from None
    if kept:
        stats.warnings.append(f"{out} holds {len(kept)} file(s) the course did not write (e.g. {kept[0]}); they "
                              "were left as they are.")
    env = _jinja()
    common = {
        "course_title": COURSE_TITLE,
        "site_css": (STATIC / "site.css").read_text(encoding="utf-8") + _pygments_css(),
        "print_css": (STATIC / "print.css").read_text(encoding="utf-8"),
        "site_js": (STATIC / "site.js").read_text(encoding="utf-8"),
        "quiz_prefixes_json": json.dumps(_quiz_prefixes()),
        "data_zip": DATA_ZIP,
        "search_index": SEARCH_INDEX,
    }

    def place(target: Path) -> Path:
        try:
            return folder.fresh_path(target)  # never through a link, never over a file someone else put there
        except OutputFolderError as exc:
            raise BuildError(f"The site was not finished: {exc}") from None

    def render(template: str, target: Path, root: str, **context: Any) -> None:
        text = env.get_template(template).render(root=root, **common, **context)
        _write(place(target), text)
        stats.pages.append(target.relative_to(out).as_posix())

    (out / "notebooks").mkdir(exist_ok=True)
    search: list[dict] = []
    stems = {p.stem for p in lessons}
    for page in lessons:
        page.body = rewrite_notebook_links(page.body, stems, "", page.href, stats.warnings)
    for page in teacher_pages:
        page.body = rewrite_notebook_links(page.body, stems, "../", f"teacher/{page.href}", stats.warnings)
    for i, page in enumerate(lessons):
        shutil.copyfile(page.source, place(out / "notebooks" / page.source.name))
        render("lesson.html.j2", out / page.href, "", page=page,
               prev=lessons[i - 1] if i > 0 else None, next=lessons[i + 1] if i + 1 < len(lessons) else None,
               notebook_href=f"notebooks/{page.source.name}", position=i + 1, count=len(lessons))
        search.append(_search_entry(page.title, page.href, page.headings, page.text))

    datasets = _dataset_rows(stats.warnings)
    banks = _quiz_banks(stats.warnings)
    glossary = sorted(datasets.get("glossary", []), key=lambda r: (str(r.get("term_en") or "").lower()))
    lesson_by_number = {p.number: p for p in lessons}
    render("glossary.html.j2", out / "glossary.html", "", terms=glossary, lesson_by_number=lesson_by_number,
           has_glossary="glossary" in datasets)
    glossary_text = " ".join(f"{r.get('term_en')} {r.get('term_ko')} {r.get('term_ja')} {r.get('definition')}"
                             for r in glossary)
    search.append(_search_entry("Glossary", "glossary.html", [], glossary_text))
    groups = collect_sources(datasets, banks)
    render("sources.html.j2", out / "sources.html", "", groups=groups,
           count=sum(len(g["entries"]) for g in groups))
    search.append(_search_entry("Sources", "sources.html", [[2, "", g["outlet"]] for g in groups],
                                " ".join(e["title"] for g in groups for e in g["entries"])))
    render("index.html.j2", out / "index.html", "", lessons=lessons, blurb=COURSE_BLURB)
    search.append(_search_entry(COURSE_TITLE, "index.html", [],
                                " ".join([COURSE_BLURB] + [p.title + " " + " ".join(p.objectives) for p in lessons])))

    if teacher_pages or teacher_dir.is_dir():
        (out / "teacher" / "notebooks").mkdir(parents=True, exist_ok=True)
        for page in teacher_pages:
            if page.source.suffix == ".ipynb" and page.source.is_file():
                shutil.copyfile(page.source, place(out / "teacher" / "notebooks" / page.source.name))
            render("teacher.html.j2", out / "teacher" / page.href, "../", page=page,
                   notebook_href=f"notebooks/{page.source.name}" if page.source.suffix == ".ipynb" else "")
        render("teacher_index.html.j2", out / "teacher" / "index.html", "../", pages=teacher_pages)

    _write(place(out / SEARCH_INDEX),
           "window.GS_SEARCH_INDEX=" + json.dumps(search, ensure_ascii=False, separators=(",", ":"))
           .replace("</", "<\\/") + ";\n")
    if data_path.is_dir():
        make_data_zip(data_path, place(out / DATA_ZIP))
    folder.finish()
    stats.seconds = time.perf_counter() - started
    for w in stats.warnings:
        _progress(f"Warning: {w}", quiet)
    _progress(f"Built {len(stats.pages)} pages into {out} in {stats.seconds:.1f} s "
              f"({len(stats.executed)} executed, {len(stats.cached)} from the cache).", quiet)
    return stats


def cli(argv: list[str] | None = None) -> int:
    """Command line: build the site; exit status 1 with a plain message when a notebook fails."""
    parser = argparse.ArgumentParser(prog="python -m lessons.site", description="Build the static course site.")
    parser.add_argument("--out", default="_build/html", help="folder to write the site into (default _build/html)")
    parser.add_argument("--notebooks", default=None, help="folder of NN-slug.ipynb lessons (default notebooks/)")
    parser.add_argument("--cache-dir", default=None, help="where executed lessons are cached (default _build/.cache)")
    parser.add_argument("--no-cache", action="store_true", help="execute every notebook again")
    parser.add_argument("--timeout", type=int, default=None,
                        help=f"seconds a cell may run before it is stopped (default {_nbrun.CELL_TIMEOUT})")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args(argv)
    try:
        build_site(args.out, notebooks=args.notebooks, cache_dir=args.cache_dir, use_cache=not args.no_cache,
                   timeout=args.timeout, quiet=args.quiet)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cli())
