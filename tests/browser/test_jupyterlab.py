"""The course in a real JupyterLab, driven in Debian's Chromium, as a student uses it.

One JupyterLab is started with the command `make lab` runs (read from the Makefile: same jupyter binary, same
arguments), plus --no-browser, a free port, a random token made for this run (never a fixed one) and a temporary COPY of notebooks/ as its root. Its
config, data, runtime and home folders are temporary, so nobody's own settings leak in; the venv's
share/jupyter (widget extension, the course's offline overrides) still loads. Quiz progress goes to a temporary
GSOMIA_PROGRESS file.

For every notebooks/NN-*.ipynb present:
- open /lab/tree/notebooks/NN-slug.ipynb and, before anything runs, check that no saved output shows an error
  ("Error displaying widget", "model not found", a traceback) or a raw widget repr (`IntSlider(value=…)`);
  saved widget outputs must show their friendly kernel-free rendering, never the widget-view renderer;
- in the lessons that hold the map, the timeline and the start page (all lessons with GSOMIA_LAB_RUN_ALL=1):
  Run → Run All Cells, wait for the kernel, check there is no traceback and that the live widgets drew; then
  change the map's "Launch" and untick a timeline category and see the output change; answer a quiz question,
  press "Check", see feedback and find the answer in the progress file;
- every request the page makes (HTTP and WebSocket) is recorded; none may leave 127.0.0.1.
The server is stopped by its PID (SIGTERM, then kill after a timeout) when the module ends.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
# A fresh, unguessable token for every run: while the suite runs, no other local user can reach this server.
TOKEN = secrets.token_urlsafe(32)

SERVER_START_S = 120  # a loaded 2-core CI runner: JupyterLab answers /api after ~4 s idle, much later when busy
OPEN_S = 120  # Lab UI + notebook rendered
RUN_ALL_S = 240  # every cell of one lesson, kernel start included
CHANGE_S = 60  # one control change or one Check, seen in the page

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FORBIDDEN = [
    (re.compile(r"Error displaying widget"), "a widget error"),
    (re.compile(r"model not found", re.I), "a missing widget model"),
    (re.compile(r"Traceback"), "a traceback"),
    (re.compile(r"\b\w+\((?:value|children|layout|options|description)="), "a raw widget repr"),
]


def _source(nb: Path) -> str:
    doc = json.loads(nb.read_text(encoding="utf-8"))
    return "\n".join("".join(c.get("source", "")) for c in doc["cells"] if c["cell_type"] == "code")


def _first_with(marker: str) -> str | None:
    return next((nb.name for nb in NOTEBOOKS if marker in _source(nb)), None)


MAP_LESSON = _first_with("RegionMap(")
TIMELINE_LESSON = _first_with("TimelineExplorer(")
RUN_ALL = (
    {nb.name for nb in NOTEBOOKS}
    if os.environ.get("GSOMIA_LAB_RUN_ALL") == "1"
    else {n for n in (NOTEBOOKS[0].name if NOTEBOOKS else None, MAP_LESSON, TIMELINE_LESSON) if n}
)


# --- the server ---------------------------------------------------------------------------------------------
def make_lab_command(port: int) -> list[str]:
    """The command of the Makefile's `lab` target, with its variables filled in (absolute jupyter path)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:[^\n]*\n((?:\t[^\n]*\n?)+)", text, re.M)
    assert recipe, "Makefile has no `lab:` target with a recipe"
    line = next((ln.strip() for ln in recipe.group(1).splitlines() if "jupyter lab" in ln or "jupyter-lab" in ln),
                None)
    assert line, f"the Makefile's lab recipe no longer runs `jupyter lab`:\n{recipe.group(1)}"
    bin_dir = Path(sys.executable).parent  # the venv running the tests (.venv/bin under `make test`)
    values = {
        "BIN": str(bin_dir),
        "VENV": str(bin_dir.parent),
        "PORT": str(port),
        "ALLOW_ROOT": "--allow-root" if hasattr(os, "getuid") and os.getuid() == 0 else "",
    }
    line = re.sub(r"\$\((\w+)\)", lambda m: values.get(m.group(1), m.group(0)), line)
    assert "$(" not in line, f"unknown Makefile variable in the lab command: {line}"
    cmd = shlex.split(line)
    assert Path(cmd[0]).exists(), f"{cmd[0]} does not exist: run `make setup` first"
    return cmd


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, url: str, root: Path, progress: Path, log: Path, proc: subprocess.Popen) -> None:
        self.url, self.root, self.progress, self.log, self.proc = url, root, progress, log, proc

    def api(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        for session in self.api("/api/sessions") or []:  # type: ignore[union-attr]
            try:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
            except OSError:
                pass

    def kernel_idle(self) -> bool:
        """The lesson's kernel (the only one: kernels are shut down after each lesson) is up and idle."""
        sessions = self.api("/api/sessions") or []
        return any((s.get("kernel") or {}).get("execution_state") == "idle" for s in sessions)  # type: ignore[union-attr]

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM, wait; Jupyter Server sometimes stalls in "Shutting down extensions" until a second SIGTERM; then
    kill. Bounded: at most about a minute."""
    for sig, wait_s in ((signal.SIGTERM, 8), (signal.SIGTERM, 20)):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    chromium_or_skip()  # no browser, no point starting a server (in CI this skip is a failure)
    assert NOTEBOOKS, "no notebooks/NN-*.ipynb found"
    base = tmp_path_factory.mktemp("jupyterlab")
    course = base / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    home = base / "home"
    dirs = {name: home / sub for name, sub in [("JUPYTER_CONFIG_DIR", ".jupyter"),
                                               ("JUPYTER_DATA_DIR", ".local/share/jupyter"),
                                               ("JUPYTER_RUNTIME_DIR", ".local/share/jupyter/runtime")]}
    for d in [home, *dirs.values()]:
        d.mkdir(parents=True, exist_ok=True)
    progress = base / "progress" / "progress.json"
    progress.parent.mkdir()

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER_", "XDG_", "IPYTHON", "MPLCONFIGDIR")) and k != "GSOMIA_EXECUTING"}
    # The network guard (PYTHONPATH + GSOMIA_NETGUARD from tests/conftest.py) stays on for server and kernels.
    env.update(dirs)
    env.update(HOME=str(home), GSOMIA_PROGRESS=str(progress), PYDEVD_DISABLE_FILE_VALIDATION="1")
    # The token goes in the server's environment, not on its command line, where `ps` would show it to anyone.
    env["JUPYTER_TOKEN"] = TOKEN

    port = _free_port()
    cmd = make_lab_command(port) + [
        "--no-browser",
        f"--ServerApp.root_dir={course}",
    ]
    log = base / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    server = Lab(f"http://127.0.0.1:{port}", course, progress, log, proc)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{' '.join(cmd)}\n{server.log_tail()}")
            try:
                if "version" in server.api("/api"):  # type: ignore[operator]
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer /api within {SERVER_START_S} s:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        try:
            if proc.poll() is None:
                server.shut_down_kernels()
        except OSError:
            pass
        _stop(proc)
    assert proc.returncode is not None


# --- page helpers -------------------------------------------------------------------------------------------
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

JS_OUTPUTS = """(panel) => [...panel.querySelectorAll('.jp-OutputArea-output')].map(o => {
  const c = o.cloneNode(true);
  c.querySelectorAll('style, script').forEach(e => e.remove());
  return {mime: o.getAttribute('data-mime-type') || '', text: c.textContent,
          live: o.querySelector('.jupyter-widgets') !== null};
})"""

JS_STATE = """(panel) => {
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim());
  const ind = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return {prompts, status: ind ? ind.getAttribute('data-status') : null,
          stale: panel.querySelectorAll('.jp-OutputArea-output[data-gs-stale="1"]').length,
          areas: [...panel.querySelectorAll('.jp-CodeCell')].filter(c => c.querySelector('.jp-OutputArea-output')).length,
          errors: [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                  .filter(o => o.textContent.includes('Traceback')).length};
}"""


def _expected(nb: Path) -> tuple[int, int, int]:
    """(cells, code cells with saved outputs, saved outputs carrying a widget view) of the notebook file."""
    doc = json.loads(nb.read_text(encoding="utf-8"))
    cells = doc["cells"]
    with_outputs = sum(1 for c in cells if c["cell_type"] == "code" and c.get("outputs"))
    widgets = sum(1 for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])
                  if WIDGET_MIME in (o.get("data") or {}))
    return len(cells), with_outputs, widgets


def _saved_widget_outputs(nb: Path) -> list[tuple[int, str, str]]:
    """(cell index, saved text/plain, saved text/html) of every saved output that carries a widget view."""
    doc = json.loads(nb.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(doc["cells"]):
        for out in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            data = out.get("data") or {}
            if WIDGET_MIME in data:
                found.append((i, "".join(data.get("text/plain", "")), "".join(data.get("text/html", ""))))
    return found


JS_CELL_OUTPUTS = """([sel, i]) => {
  const panel = document.querySelector(sel);
  const cell = panel && panel.querySelectorAll('.jp-Cell')[i];
  if (!cell) return null;
  return [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => {
    const c = o.cloneNode(true);
    c.querySelectorAll('style, script').forEach(e => e.remove());
    return {mime: o.getAttribute('data-mime-type') || '', text: c.textContent};
  });
}"""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_saved_widget_outputs(page, nb: Path) -> None:
    """Each saved widget output, before any kernel ran, shows its friendly text/plain or its kernel-free twin."""
    for index, plain, twin in _saved_widget_outputs(nb):
        assert plain.strip() and not FORBIDDEN[3][0].search(plain), (
            f"{nb.name} cell {index}: the saved text/plain of a widget output is not friendly: {plain[:120]!r}")
        shown = page.evaluate(JS_CELL_OUTPUTS, [PANEL, index])
        assert shown is not None, f"{nb.name}: cell {index} is not in the page"
        twin_text = _squash(html.unescape(re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", "", twin, flags=re.S)))
        ok = [o for o in shown
              if (o["mime"] == "text/plain" and _squash(plain)[:60] in _squash(o["text"]))
              or (o["mime"] == "text/html" and _squash(o["text"]) and _squash(o["text"])[:60] in twin_text)]
        assert ok, (f"{nb.name} cell {index}: the saved widget output shows neither its text/plain "
                    f"({plain[:80]!r}) nor its twin; shown: {[(o['mime'], o['text'][:80]) for o in shown]}")


def _accept_kernel_dialog(page) -> None:
    """An unattended 'Select Kernel' dialog (kernel missing or ambiguous): accept the proposed kernel."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and "kernel" in (dialog.first.text_content() or "").lower():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").first.click()


def _wait(page, predicate, timeout_s: float, what: str, detail=lambda: "") -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        _accept_kernel_dialog(page)
        if predicate():
            return
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:.0f} s waiting for {what}. {detail()}")
        page.wait_for_timeout(250)


def _problems(outputs: list[dict]) -> list[str]:
    found = []
    for i, out in enumerate(outputs):
        for pattern, what in FORBIDDEN:
            m = pattern.search(out["text"])
            if m:
                start = max(0, m.start() - 60)
                found.append(f"output {i} ({out['mime']}) shows {what}: …{out['text'][start:m.end() + 60]!r}…")
    return found


def open_lesson(page, lab: Lab, nb: Path):
    # `reset` starts from an empty workspace, so the lessons opened before do not come back (with their kernels).
    page.goto(f"{lab.url}/lab/tree/notebooks/{nb.name}?token={TOKEN}&reset", timeout=OPEN_S * 1000)
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel",
                       has_text=re.compile(rf"^{re.escape(nb.name)}$"))
    _wait(page, lambda: tab.count() == 1, OPEN_S, f"the tab of {nb.name}")
    panel = page.locator(PANEL)
    n_cells, n_with_outputs, _ = _expected(nb)

    def rendered() -> dict:
        return page.evaluate(
            """(sel) => { const p = document.querySelector(sel); if (!p) return {cells: 0, areas: 0};
               return {cells: p.querySelectorAll('.jp-Cell').length,
                       areas: [...p.querySelectorAll('.jp-CodeCell')].filter(
                           c => c.querySelector('.jp-OutputArea-output')).length}; }""", PANEL)

    _wait(page, lambda: (lambda r: r["cells"] >= n_cells and r["areas"] >= n_with_outputs)(rendered()), OPEN_S,
          f"{nb.name} to render its {n_cells} cells and {n_with_outputs} saved outputs",
          lambda: f"rendered: {rendered()}")
    return panel


def run_all(page, panel, lab: Lab, nb: Path) -> None:
    # A student waits for the kernel to be ready; on a busy machine it may still be starting.
    _wait(page, lab.kernel_idle, RUN_ALL_S, f"the kernel of {nb.name} to start", lambda: str(lab.api("/api/sessions")))
    _, n_with_outputs, _ = _expected(nb)
    # Mark the saved outputs: running a cell replaces them, so "no marked output left" means every cell re-ran.
    panel.evaluate("(p) => p.querySelectorAll('.jp-OutputArea-output').forEach(o => o.dataset.gsStale = '1')")
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").first.click()  # the notebook has focus
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                 has_text=re.compile(r"^Run All Cells$")).click()
    state: dict = {}

    def done() -> bool:
        state.update(panel.evaluate(JS_STATE))
        busy = any("*" in p for p in state["prompts"])
        if busy or state["status"] != "idle":
            return False
        # every saved output was replaced and every cell that had output has output again (or a cell failed)
        return state["errors"] > 0 or (state["stale"] == 0 and state["areas"] >= n_with_outputs)

    _wait(page, done, RUN_ALL_S, f"Run All Cells in {nb.name} to finish", lambda: f"state: {state}")


def _changed(page, locator, before: str, timeout_s: float, what: str) -> str:
    after = {"text": before}

    def differs() -> bool:
        after["text"] = (locator.text_content() or "") if locator.count() else ""
        return bool(after["text"].strip()) and after["text"] != before

    _wait(page, differs, timeout_s, what, lambda: f"text stayed {before[:200]!r}")
    return after["text"]


def live_outputs(panel):
    """Outputs drawn by the live widget manager (JupyterLab gives them no data-mime-type)."""
    return panel.locator(".jp-OutputArea-output").filter(has=panel.page.locator(".jupyter-widgets"))


def check_map(page, panel) -> None:
    view = live_outputs(panel).filter(has=page.locator(".gs-map-summary")).filter(
        has=page.locator(".widget-dropdown", has_text="Launch")).first
    select = view.locator(".widget-dropdown", has_text="Launch").locator("select").first
    summary = view.locator(".gs-map-summary").first
    select.scroll_into_view_if_needed()
    before = summary.text_content() or ""
    options = select.locator("option")
    current = select.evaluate("(s) => s.selectedIndex")
    assert options.count() >= 2, "the map's Launch dropdown offers no choice"
    choice = next(i for i in range(options.count() - 1, -1, -1) if i != current)
    select.select_option(index=choice)
    after = _changed(page, summary, before, CHANGE_S, "the map to redraw after choosing another launch")
    assert after != before


def check_timeline(page, panel) -> None:
    view = live_outputs(panel).filter(has=page.locator(".gs-tl-count")).first
    count = view.locator(".gs-tl-count").first
    count.scroll_into_view_if_needed()
    before = count.text_content() or ""
    boxes = view.locator(".widget-checkbox input[type=checkbox]")
    checked = [i for i in range(boxes.count()) if boxes.nth(i).is_checked()]
    assert checked, "no timeline category is ticked in the live view"
    label = view.locator(".widget-checkbox").nth(checked[0]).text_content()
    boxes.nth(checked[0]).uncheck()
    after = _changed(page, count, before, CHANGE_S, f"the timeline to change after unticking {label!r}")
    assert re.search(r"\d", after), f"timeline status without a count: {after!r}"


def _count_answers(progress: Path) -> int:
    try:
        return len(json.loads(progress.read_text(encoding="utf-8")).get("answers", []))
    except (OSError, ValueError):
        return 0


def check_quiz(page, panel, lab: Lab, nb: Path) -> None:
    check = live_outputs(panel).locator("button", has_text=re.compile(r"^\s*Check\s*$")).first
    box = check.locator("xpath=..")  # the question's VBox: prompt, control, Check, feedback
    if box.locator("input[type=radio]").count():
        box.locator("input[type=radio]").first.check()
    elif box.locator("input[type=checkbox]").count():
        box.locator("input[type=checkbox]").first.check()
    elif box.locator("select").count():
        for i in range(box.locator("select").count()):
            box.locator("select").nth(i).select_option(index=1)
    else:
        box.locator("input[type=text]").first.fill("1")
        box.locator("input[type=text]").first.press("Tab")
    answers_before = _count_answers(lab.progress)
    feedback = box.locator("[role=status]").first
    check.scroll_into_view_if_needed()
    before = (feedback.text_content() or "") if feedback.count() else ""
    check.click()
    text = _changed(page, feedback, before, CHANGE_S, "quiz feedback after pressing Check")
    assert len(text.strip()) > 10, f"feedback too short to help: {text!r}"

    from lessons.assessment import quiz

    known = quiz.all_questions()
    answers: list = []

    def recorded() -> bool:
        try:
            doc = json.loads(lab.progress.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        answers[:] = doc.get("answers", [])
        return len(answers) > answers_before

    _wait(page, recorded, CHANGE_S, f"a new answer in {lab.progress}",
          lambda: lab.progress.read_text(encoding="utf-8") if lab.progress.exists() else "(no progress file)")
    entry = answers[-1]
    # The question asked first in this lesson's quiz (the final assessment mixes questions from every lesson).
    assert entry["question"] in known and entry["attempt"] == 1, entry
    assert entry["lesson"] == entry["question"][:2] and isinstance(entry["correct"], bool), entry
    prompt = " ".join(known[entry["question"]]["prompt"].split())
    assert prompt in " ".join((box.text_content() or "").split()), (
        f"the recorded answer ({entry['question']}) is not for the question that was answered: {prompt!r}")
    if f'quiz.show("{nb.stem}")' in _source(nb):
        assert entry["question"].startswith(nb.name[:2]), entry


# --- the test -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_lesson_in_jupyterlab(lab: Lab, offline_page, nb: Path) -> None:
    page, log = offline_page
    page.set_default_timeout(CHANGE_S * 1000)

    def on_websocket(ws) -> None:  # context.route does not see WebSockets: record them here
        log.urls.append(ws.url)
        if not log.is_local(ws.url):
            log.external.append(ws.url)

    page.on("websocket", on_websocket)
    try:
        panel = open_lesson(page, lab, nb)
        _, _, n_widgets = _expected(nb)

        # Before anything runs: saved outputs only, each in its friendly kernel-free form.
        saved = panel.evaluate(JS_OUTPUTS)
        assert saved, f"{nb.name}: no saved output is shown"
        problems = _problems(saved)
        assert not problems, f"{nb.name} as opened:\n" + "\n".join(problems)
        unrendered = [o["text"][:80] for o in saved if o["live"] or not o["mime"]]
        assert not unrendered, f"{nb.name}: saved outputs drawn by the widget renderer, no kernel yet: {unrendered}"
        check_saved_widget_outputs(page, nb)

        if nb.name in RUN_ALL:
            run_all(page, panel, lab, nb)
            outputs = panel.evaluate(JS_OUTPUTS)
            problems = _problems(outputs)
            assert not problems, f"{nb.name} after Run All Cells:\n" + "\n".join(problems)
            live = [o for o in outputs if o["live"]]
            assert len(live) >= n_widgets, (f"{nb.name}: {len(live)} live widget views, {n_widgets} expected: "
                                            f"{[(o['mime'], o['text'][:80]) for o in outputs]}")
            if nb.name == MAP_LESSON:
                check_map(page, panel)
            if nb.name == TIMELINE_LESSON:
                check_timeline(page, panel)
            if "quiz.show(" in _source(nb) or "Quiz(" in _source(nb):
                check_quiz(page, panel, lab, nb)
            problems = _problems(panel.evaluate(JS_OUTPUTS))
            assert not problems, f"{nb.name} after the interactions:\n" + "\n".join(problems)
        else:  # opened only: its kernel still starts by itself, with no dialog to answer
            _wait(page, lab.kernel_idle, RUN_ALL_S, f"the kernel of {nb.name} to start",
                  lambda: str(lab.api("/api/sessions")))

        assert log.urls, "no request was recorded: the log is not wired"
        if nb.name in RUN_ALL:  # the kernel's channels went through the recorded, local WebSocket
            assert any(u.startswith(("ws://127.0.0.1", "ws://localhost")) for u in log.urls), log.urls[-5:]
        assert not log.external, f"{nb.name}: requests left 127.0.0.1: {log.external}"
    finally:
        lab.shut_down_kernels()
