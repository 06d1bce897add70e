"""Rendering an executed notebook (or a teacher's markdown page) to an HTML fragment for the site.

Widget views and widget state are removed so that each component's kernel-free ``text/html`` twin shows; a bare
widget or an error becomes a plain sentence; figures get alt text. The fragment's headings, plain text (for the
search index) and whether it holds a quiz come back with it. Links between notebooks are pointed at the pages.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import _nbrun
from .notebook import strip_markdown

TEMPLATES = Path(__file__).resolve().parent / "templates"
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
        self._extension = 0
        self._code_depth = 0
        #: Level-2 headings inside a collapsed extension section (the "On this page" list marks them).
        self.extension_ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"script", "style"}:
            self._skip += 1
        elif re.fullmatch(r"h[1-6]", tag) and "gs-twin" not in (a.get("class") or ""):
            self._heading = [int(tag[1]), a.get("id") or "", []]
        elif tag == "a" and "anchor-link" in (a.get("class") or ""):
            self._anchor += 1
        elif tag == "details" and "gs-extension" in (a.get("class") or ""):
            self._extension += 1
        elif tag == "div" and "gs-code" in (a.get("class") or ""):
            self._code_depth = 1
        elif self._code_depth and tag == "div":
            self._code_depth += 1
        if tag == "section" and a.get("data-gs-kind") == "quiz":
            self.has_quiz = True

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1
        elif tag == "a" and self._anchor:
            self._anchor -= 1
        elif tag == "details" and self._extension:
            self._extension -= 1
        elif tag == "div" and self._code_depth:
            self._code_depth -= 1
        elif self._heading is not None and tag == f"h{self._heading[0]}":
            level, hid, parts = self._heading
            self.headings.append((level, hid, " ".join("".join(parts).split())))
            if self._extension:
                self.extension_ids.add(hid)
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip or self._anchor or self._code_depth:
            return  # code is not page text (search finds what a reader sees)
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
                    heading = strip_markdown(m.group(1))
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
    """An executed notebook as an HTML fragment, with its headings, plain text and whether it has a quiz.

    Student mode (:mod:`lessons.site.student`): data tables with human labels, nothing machine-specific,
    extension sections marked, code hidden by the page's "Show the code" box."""
    from . import student

    _clean_outputs(nb, title)
    student.prepare(nb)
    body, _ = _exporter().from_notebook_node(nb)
    body = _WIDGET_PRE.sub(f'<p class="gs-needs-python">{html.escape(NEEDS_PYTHON)}</p>', body)
    scanner = _TextScanner()
    scanner.feed(body)
    return body, scanner.headings, " ".join(" ".join(scanner.text).split()), scanner.has_quiz


def page_toc(body: str) -> list[dict[str, Any]]:
    """The "On this page" list: the page's level-2 headings (id, text, whether inside an extension section)."""
    scanner = _TextScanner()
    scanner.feed(body)
    return [{"id": hid, "text": text, "extension": hid in scanner.extension_ids}
            for level, hid, text in scanner.headings if level == 2 and hid and text]


def render_markdown(text: str) -> tuple[str, list[tuple[int, str, str]], str]:
    """A markdown file (teacher pages) as HTML, with its headings and plain text."""
    import mistune

    body = mistune.html(text)
    scanner = _TextScanner()
    scanner.feed(body)
    return body, scanner.headings, " ".join(" ".join(scanner.text).split())


_NOTEBOOK_LINK = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)([^"#?]*?)([^"/#?]+)\.ipynb((?:#[^"]*)?)"')


def rewrite_notebook_links(body: str, lessons: set[str], root: str, page: str, warnings: list[str]) -> str:
    """Links between notebooks (``NN-slug.ipynb#Section``) lead to the lesson pages; links to a lesson that is
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
