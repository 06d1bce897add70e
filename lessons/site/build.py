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

The parts: :mod:`.notebook` reads the notebooks (names, cells, opening), :mod:`.render` turns an executed
notebook into a page body, :mod:`.cache` keys and prunes the cache, :mod:`.datapages` and :mod:`.student` prepare
data and lesson pages for readers; this module runs the lessons and writes the site.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _nbrun
from .cache import cache_files, drop_stale_cache, tree_digest
from .datapages import collect_sources, dataset_rows, quiz_banks, split_source  # noqa: F401 (split_source: API)
from .fonts import FONTS, font_faces_css
from .notebook import (
    NOTEBOOK_NAME,
    BuildError,
    course_manifest,
    failed_cell,
    lesson_paths,
    misnamed_notebooks,
    parse_opening,
    read_cells,
    shown_name,
)
from .render import (  # noqa: F401 (NEEDS_PYTHON: importable from here, as before the split)
    NEEDS_PYTHON,
    TEMPLATES,
    page_toc,
    render_markdown,
    render_notebook,
    rewrite_notebook_links,
)

PACKAGE_DIR = Path(__file__).resolve().parent
REPO = PACKAGE_DIR.parent.parent
STATIC = PACKAGE_DIR / "static"

COURSE_TITLE = "GSOMIA 2019: Japan, South Korea and the intelligence pact"
COURSE_BLURB = (
    "A short course on the 2019 dispute between Japan and South Korea over GSOMIA, the pact under which the two "
    "countries share military intelligence. Each lesson is a Jupyter notebook; this site shows every lesson "
    "without Python, and works offline."
)
DATA_ZIP = "gsomia-data.zip"
SEARCH_INDEX = "search-index.js"


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


def _quiz_prefixes() -> list[str]:
    """The localStorage key prefixes the quiz twins write (from the assessment core)."""
    from ..assessment.core import STORAGE_PREFIX

    return [STORAGE_PREFIX]


def _site_js() -> str:
    """The site's script, after the quiz rule (its constants as data, and the one verdict function)."""
    from ..assessment.core import rule_data
    from ..assessment.quiz import verdict_js

    rule = json.dumps(rule_data())
    return f"window.GS_QUIZ_RULE={rule};{verdict_js()}" + (STATIC / "site.js").read_text(encoding="utf-8")


def _mywork_body(notebooks: Path, warnings: list[str]) -> str:
    """The body of my-work.html (lessons.components.mywork): one page that downloads a student's whole work."""
    try:
        from ..components import mywork

        return mywork.page_html(notebooks)
    except Exception as exc:  # noqa: BLE001 - a broken bank must not stop the site build
        warnings.append(f"my-work.html could not be built ({exc}).")
        return "<h1>My work</h1><p>This page could not be built. Ask your teacher how to hand in your work.</p>"


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


def _inline_html(markdown: str) -> str:
    """One line of markdown as inline HTML (for objectives on the cards)."""
    import mistune

    out = mistune.html(markdown).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


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


# ---------------------------------------------------------------------------------------------------------
# Running the lessons and writing the site
# ---------------------------------------------------------------------------------------------------------


def _execute_and_render(page: Page, cache_dir: Path | None, digests: tuple[str, str], timeout: int, quiet: bool,
                        index: int, total: int, stats: BuildStats, use_cache: bool = True,
                        env: dict | None = None) -> None:
    """Fill page.body/headings/text: from the rendered cache, else render a cached execution, else execute.

    Two cache levels: the executed notebook (key: the notebook and the files it can depend on) and the rendered
    page body (key: that plus the site's own code), so changing a template re-renders without re-executing.
    """
    exec_file, render_file = cache_files(page.source, page.stem, cache_dir, digests)
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
            where = failed_cell(page.source, str(exc))
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
            drop_stale_cache(exec_file.parent, page.stem, ".ipynb")
            nbformat.write(nb, exec_file)
    page.body, page.headings, page.text, page.has_quiz = render_notebook(nb, page.title)
    if render_file:
        render_file.parent.mkdir(parents=True, exist_ok=True)
        drop_stale_cache(render_file.parent, page.stem, ".json")
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

    stats.warnings.extend(misnamed_notebooks(notebooks))
    manifest = course_manifest(notebooks, data_path)
    paths = lesson_paths(notebooks) if manifest is None else [notebooks / f"{item['number']}-{item['slug']}.ipynb"
                                                              for item in manifest["lessons"]]
    folders = [p for p in paths if p.is_dir()]
    if folders:
        raise BuildError(f"{folders[0].name} is a folder, not a notebook. Rename or move the folder, then build "
                         "again.")
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise BuildError(f"data/course.json lists {missing[0].name}, but there is no such notebook in {notebooks}. "
                         "Add the notebook or remove the lesson from data/course.json.")
    course_title = manifest["title"] if manifest is not None else COURSE_TITLE
    if not paths:
        raise BuildError(f"No lessons found: {notebooks} has no notebooks named like NN-slug.ipynb (two digits, a "
                         "hyphen, lowercase words)."
                         + "".join(f" {w}" for w in stats.warnings))
    teacher_dir = notebooks / "teacher"
    teacher_sources = (sorted(teacher_dir.glob("*.ipynb")) + sorted(teacher_dir.glob("*.md"))
                       if teacher_dir.is_dir() else [])

    lessons: list[Page] = []
    for p in paths:
        m = NOTEBOOK_NAME.match(p.name)
        title, objectives, ttl = parse_opening(read_cells(p), p.stem)
        lessons.append(Page(source=p, stem=p.stem, number=m.group(1), title=title, objectives=objectives,
                            time_to_learn=ttl, href=f"{p.stem}.html"))

    # The site's own code changes how pages look, not what notebooks output: it invalidates renders only.
    digest = (tree_digest(dirs, exclude=[PACKAGE_DIR]), tree_digest([PACKAGE_DIR]))
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
        "course_title": course_title,
        "site_css": (STATIC / "site.css").read_text(encoding="utf-8") + _pygments_css(),
        "print_css": (STATIC / "print.css").read_text(encoding="utf-8"),
        "site_js": _site_js(),
        "quiz_prefixes_json": json.dumps(_quiz_prefixes()),
        "data_zip": DATA_ZIP,
        "search_index": SEARCH_INDEX,
    }

    faces = {"": font_faces_css(""), "../": font_faces_css("../")}

    def place(target: Path) -> Path:
        try:
            return folder.fresh_path(target)  # never through a link, never over a file someone else put there
        except OutputFolderError as exc:
            raise BuildError(f"The site was not finished: {exc}") from None

    def render(template: str, target: Path, root: str, **context: Any) -> None:
        text = env.get_template(template).render(root=root, font_faces=faces.get(root, ""), **common, **context)
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
        render("lesson.html.j2", out / page.href, "", page=page, toc=page_toc(page.body),
               prev=lessons[i - 1] if i > 0 else None, next=lessons[i + 1] if i + 1 < len(lessons) else None,
               notebook_href=f"notebooks/{page.source.name}", position=i + 1, count=len(lessons))
        search.append(_search_entry(page.title, page.href, page.headings, page.text))

    datasets = dataset_rows(stats.warnings)
    banks = quiz_banks(stats.warnings)
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
    render("mywork.html.j2", out / "my-work.html", "", body=_mywork_body(notebooks, stats.warnings))
    search.append(_search_entry(course_title, "index.html", [],
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
    if FONTS.is_dir():
        (out / "fonts").mkdir(exist_ok=True)
        for p in sorted(FONTS.iterdir()):
            if p.suffix in {".woff2", ".md"}:
                shutil.copyfile(p, place(out / "fonts" / p.name))
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
