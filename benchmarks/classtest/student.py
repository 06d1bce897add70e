"""One simulated student, doing over HTTP what a student's browser does.

1. Opens the class link (exactly what ``python -m lessons hub-link`` printed), lands on the hub's login page,
   logs in with the class password, and is sent back to the link.
2. The hub says the server is not running and starts it (``implicit_spawn_seconds``: the page's own "Launch"
   link); the spawn-pending page's progress stream is read until the server is ready, and the page is reloaded,
   as its JavaScript does.
3. nbgitpuller's page: its sync stream (``git-pull/api``, with the page's own parameters and XSRF token) is read
   until ``finished``, then the page's redirect target (``lab/tree/gsomia-lessons/notebooks/…``) is opened.
4. Opens lesson 04 as JupyterLab does (a session → a kernel), runs every code cell in order over the kernel
   websocket, answers the lesson's quiz through the course's own API (``Quiz.submit`` → grading + progress
   file) and exports the results file (``progress.export``).
5. Saves one edit of their own (a markdown cell of notes at the end of lesson 04) through the contents API.
6. Later, after the teacher changed the course upstream, follows the same link again.
"""

from __future__ import annotations

import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

import requests

LESSON = "notebooks/04-security.ipynb"
QUIZ_BANK = "04-security"
NOTE_MARK = "My notes for lesson 04"


class StudentError(RuntimeError):
    pass


@dataclass
class Outcome:
    name: str
    ok: bool = False
    stage: str = "start"
    error: str = ""
    first_output_s: float | None = None     # link opened (login included) → first output of the lesson's cells
    ready_s: float | None = None            # link opened → course cloned and JupyterLab page served
    lesson_s: float | None = None           # first cell sent → last cell finished
    cells: int = 0
    cell_errors: list = field(default_factory=list)
    quiz: dict = field(default_factory=dict)        # what the kernel reported back from the course's API
    export_path: str = ""
    repull_ok: bool = False
    repull_s: float | None = None
    ws_reconnects: list = field(default_factory=list)   # websocket losses, each followed by a reconnect
    kernel_events: list = field(default_factory=list)   # "restarting" / "dead" announced by the server


class _Attrs(HTMLParser):
    """Collects the attributes of <body> and of every <a>, <form> and <input>."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str] = {}
        self.links: list[dict] = []
        self.forms: list[dict] = []
        self.inputs: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "body":
            self.body = a
        elif tag == "a":
            self.links.append(a)
        elif tag == "form":
            self.forms.append(a)
        elif tag == "input":
            self.inputs.append(a)


def _parse(text: str) -> _Attrs:
    p = _Attrs()
    p.feed(text)
    return p


def _sse(response: requests.Response, deadline: float):
    """Yield the JSON `data:` events of a server-sent event stream until the deadline."""
    buf = ""
    for chunk in response.iter_content(chunk_size=None, decode_unicode=True):
        if time.monotonic() > deadline:
            raise StudentError("timed out reading an event stream")
        buf += chunk
        while "\n\n" in buf:
            event, buf = buf.split("\n\n", 1)
            data = "\n".join(line[5:].strip() for line in event.splitlines() if line.startswith("data:"))
            if data:
                yield json.loads(data)


class Student:
    def __init__(self, hub_base: str, name: str, password: str, link: str, *, timeout: float = 900.0):
        self.base = hub_base.rstrip("/")
        self.name = name
        self.password = password
        self.link = link
        self.timeout = timeout
        self.s = requests.Session()
        self.s.trust_env = False          # loopback only: never an HTTP proxy from the environment
        self.user_url = f"{self.base}/user/{quote(name)}/"
        self.outcome = Outcome(name)
        self.t0 = 0.0

    # --- helpers ------------------------------------------------------------------------------------------
    def _deadline(self) -> float:
        return self.t0 + self.timeout

    def _get(self, url: str, **kw) -> requests.Response:
        kw.setdefault("timeout", 120)
        return self.s.get(url, **kw)

    def _xsrf(self, path_prefix: str) -> str:
        for c in self.s.cookies:
            if c.name == "_xsrf" and (c.path or "/").rstrip("/") == path_prefix.rstrip("/"):
                return c.value
        raise StudentError(f"no _xsrf cookie for {path_prefix}")

    def _api(self, method: str, path: str, **kw) -> requests.Response:
        headers = kw.pop("headers", {})
        headers["X-XSRFToken"] = self._xsrf(urlsplit(self.user_url).path)
        kw.setdefault("timeout", 120)
        r = self.s.request(method, self.user_url + path.lstrip("/"), headers=headers, **kw)
        if r.status_code >= 400:
            raise StudentError(f"{method} {path}: HTTP {r.status_code} {r.text[:200]}")
        return r

    # --- 1–3: the link ---------------------------------------------------------------------------------------
    def follow_link(self) -> None:
        """Open the class link and do what the pages do until JupyterLab opens the lesson's folder."""
        r = self._get(self.link)
        for _ in range(40):
            if time.monotonic() > self._deadline():
                raise StudentError("timed out following the link")
            path = urlsplit(r.url).path
            if path.endswith("/hub/login"):
                r = self._login(r)
            elif r.status_code in (424, 503) and "/hub/user/" in path:
                r = self._launch(r)
            elif "/hub/spawn-pending/" in path:
                r = self._wait_for_spawn(r)
            elif path.endswith("/git-pull") and r.status_code == 200:
                r = self._git_pull(r)
            elif "/lab" in path and r.status_code == 200 and path.startswith(urlsplit(self.user_url).path):
                self._check_opened(path)
                return
            else:
                raise StudentError(f"unexpected page {r.status_code} {r.url}: {r.text[:300]!r}")
        raise StudentError("too many pages while following the link")

    def _check_opened(self, path: str) -> None:
        """JupyterLab serves its page for any path; the file it opens must exist, or the student sees
        "file not found"."""
        marker = "/lab/tree/"
        if marker not in path:
            return
        rel = unquote(path.split(marker, 1)[1])
        r = self.s.get(self.user_url + "api/contents/" + quote(rel), params={"content": "0"}, timeout=120,
                       headers={"X-XSRFToken": self._xsrf(urlsplit(self.user_url).path)})
        if r.status_code != 200:
            raise StudentError(f"the link opened {rel!r}, which is not in the student's home (HTTP {r.status_code})")
        self.opened = rel

    def _login(self, r: requests.Response) -> requests.Response:
        page = _parse(r.text)
        xsrf = next((i.get("value") for i in page.inputs if i.get("name") == "_xsrf"), None)
        form = next((f for f in page.forms if f.get("method", "").lower() == "post"), None)
        if form is None or not xsrf:
            raise StudentError("the login page has no form")
        action = urljoin(r.url, html.unescape(form.get("action") or r.url))
        out = self.s.post(action, data={"username": self.name, "password": self.password, "_xsrf": xsrf},
                          timeout=120)
        if urlsplit(out.url).path.endswith("/hub/login"):
            raise StudentError(f"login refused (HTTP {out.status_code})")
        self.outcome.stage = "logged in"
        return out

    def _launch(self, r: requests.Response) -> requests.Response:
        page = _parse(r.text)
        spawn = next((a["href"] for a in page.links if "/hub/spawn/" in a.get("href", "")), None)
        if spawn is None:
            raise StudentError(f"the hub's 'not running' page has no launch link: {r.text[:300]!r}")
        self.outcome.stage = "launching"
        return self._get(urljoin(r.url, html.unescape(spawn)), timeout=self.timeout)

    def _wait_for_spawn(self, r: requests.Response) -> requests.Response:
        m = re.search(r'new EventSource\("([^"]+)"\)', r.text)
        if not m:
            raise StudentError("the spawn-pending page has no progress stream")
        progress = urljoin(r.url, html.unescape(m.group(1)))
        self.outcome.stage = "spawning"
        with self.s.get(progress, stream=True, timeout=(30, 300), headers={"Accept": "text/event-stream"}) as ev:
            if ev.status_code != 200:
                raise StudentError(f"progress stream: HTTP {ev.status_code}")
            for event in _sse(ev, self._deadline()):
                if event.get("failed"):
                    raise StudentError(f"the hub could not start the server: {event.get('message')}")
                if event.get("ready"):
                    break
        return self._get(r.url)  # window.location.reload()

    def _git_pull(self, r: requests.Response) -> requests.Response:
        body = {k[5:]: html.unescape(v) for k, v in _parse(r.text).body.items() if k.startswith("data-")}
        data = {k: unquote(v) for k, v in body.items()}
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        for key in ("depth", "branch", "backup"):
            if key in data:
                params[key] = data[key]
        base_url = data["base-url"]
        sync = urljoin(r.url, base_url + "git-pull/api?" + urlencode(params))
        self.outcome.stage = "pulling"
        lines = []
        with self.s.get(sync, stream=True, timeout=(30, 300), headers={"Accept": "text/event-stream"}) as ev:
            if ev.status_code != 200:
                raise StudentError(f"nbgitpuller sync: HTTP {ev.status_code}")
            for event in _sse(ev, self._deadline()):
                if event.get("output"):
                    lines.append(str(event["output"]))
                if event.get("phase") == "error":
                    raise StudentError(f"nbgitpuller: {event.get('message')} {''.join(lines)[-500:]}")
                if event.get("phase") == "finished":
                    break
            else:
                raise StudentError("nbgitpuller's stream ended before 'finished'")
        return self._get(urljoin(r.url, base_url + data["path"]))  # window.location.href = redirectUrl

    # --- 4: the lesson, the quiz, the export ---------------------------------------------------------------
    def open_kernel(self, nb_path: str) -> tuple[str, str]:
        r = self._api("POST", "api/sessions", json={"path": nb_path, "type": "notebook", "name": "",
                                                      "kernel": {"name": "python3"}})
        doc = r.json()
        return doc["id"], doc["kernel"]["id"]

    def connect(self, kernel_id: str, session: str | None = None) -> Any:
        """Open the kernel's websocket. Reconnecting with the same session id gets the messages the server
        buffered meanwhile (as JupyterLab's own reconnect does)."""
        import websocket  # websocket-client (comes with Jupyter Server; listed in the `hub` extra)

        session = session or uuid.uuid4().hex
        ws_url = self.user_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={session}"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.s.cookies)
        ws = websocket.create_connection(ws_url, cookie=cookie, timeout=300,
                                         header=[f"X-XSRFToken: {self._xsrf(urlsplit(self.user_url).path)}"],
                                         origin=self.base)
        self._session = session
        return ws

    def _recv(self) -> dict:
        """The next message from the kernel; a lost websocket is reconnected (at most 3 times per visit)."""
        import websocket

        while True:
            try:
                return json.loads(self.ws.recv())
            except (websocket.WebSocketConnectionClosedException, ConnectionError) as exc:
                if len(self.outcome.ws_reconnects) >= 3:
                    raise
                self.outcome.ws_reconnects.append(f"{self.outcome.stage}: {exc!r}")
                try:
                    self.ws.close()
                except Exception:  # noqa: BLE001
                    pass
                time.sleep(1)
                self.ws = self.connect(self.kernel_id, self._session)

    def execute(self, code: str, timeout: float = 300.0) -> dict:
        """Run one cell; returns {'outputs': [...], 'first_output': t or None, 'error': str or ''}."""
        import websocket

        msg_id = uuid.uuid4().hex
        request = json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": self._session, "msg_type":
                       "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        })
        try:
            self.ws.send(request)
        except (websocket.WebSocketConnectionClosedException, ConnectionError) as exc:
            if len(self.outcome.ws_reconnects) >= 3:
                raise
            self.outcome.ws_reconnects.append(f"{self.outcome.stage}: {exc!r} (sending)")
            self.ws = self.connect(self.kernel_id, self._session)
            self.ws.send(request)
        result: dict[str, Any] = {"outputs": [], "first_output": None, "error": ""}
        idle = replied = False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            if time.monotonic() > deadline:
                raise StudentError(f"a cell did not finish within {timeout:.0f} s")
            msg = self._recv()
            kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
            state = msg.get("content", {}).get("execution_state")
            if kind == "status" and state in ("restarting", "dead"):
                self.outcome.kernel_events.append(f"{self.outcome.stage}: kernel {state}")
                raise StudentError(f"the kernel was {state} during a cell (the server restarts dead kernels)")
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            content = msg.get("content", {})
            if kind in ("stream", "execute_result", "display_data", "error"):
                if result["first_output"] is None:
                    result["first_output"] = time.monotonic()
                result["outputs"].append({"type": kind, **{k: content.get(k) for k in ("name", "text", "data")
                                                            if k in content}})
                if kind == "error":
                    result["error"] = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                if content.get("status") == "error" and not result["error"]:
                    result["error"] = f"{content.get('ename')}: {content.get('evalue')}"
        return result

    def run_lesson(self, nb_rel: str) -> None:
        nb = self._api("GET", f"api/contents/{quote(nb_rel)}", params={"content": "1"}).json()["content"]
        _, kernel_id = self.open_kernel(nb_rel)
        self.kernel_id = kernel_id
        self.ws = self.connect(kernel_id)
        self.outcome.stage = "running the lesson"
        t_first_cell = time.monotonic()
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            res = self.execute(source)
            self.outcome.cells += 1
            if res["first_output"] is not None and self.outcome.first_output_s is None:
                self.outcome.first_output_s = res["first_output"] - self.t0
            if res["error"]:
                self.outcome.cell_errors.append(f"cell {index}: {res['error']}")
        self.outcome.lesson_s = time.monotonic() - t_first_cell

    def answer_quiz(self, plan: list[dict]) -> None:
        """Answer the quiz in the same kernel, through the course's API; export the results file."""
        self.outcome.stage = "answering the quiz"
        code = QUIZ_CELL.replace("__PLAN__", json.dumps(json.dumps(plan))).replace(
            "__BANK__", json.dumps(QUIZ_BANK)).replace("__NAME__", json.dumps(self.name))
        res = self.execute(code)
        if res["error"]:
            raise StudentError(f"the quiz cell failed: {res['error']}")
        text = "".join(o.get("text") or "" for o in res["outputs"] if o["type"] == "stream")
        line = next((ln for ln in text.splitlines() if ln.startswith("CLASSTEST ")), None)
        if line is None:
            raise StudentError(f"the quiz cell printed no report: {text[-300:]!r}")
        self.outcome.quiz = json.loads(line[len("CLASSTEST "):])
        self.outcome.export_path = self.outcome.quiz.get("export", "")

    # --- 5: an edit of their own -----------------------------------------------------------------------------
    def edit_lesson(self, nb_rel: str) -> None:
        """Save a notes cell at the end of the lesson, as JupyterLab's save does (PUT the whole notebook)."""
        self.outcome.stage = "editing"
        model = self._api("GET", f"api/contents/{quote(nb_rel)}", params={"content": "1"}).json()
        nb = model["content"]
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "id": f"notes-{uuid.uuid4().hex[:8]}",
                            "source": f"## {NOTE_MARK}\n\n{self.name} wrote this: compare the two governments' "
                                      "positions with the article."})
        self._api("PUT", f"api/contents/{quote(nb_rel)}", json={"type": "notebook", "format": "json",
                                                                 "content": nb})

    # --- the whole visit ---------------------------------------------------------------------------------------
    def first_visit(self, plan: list[dict], t0: float) -> Outcome:
        self.t0 = t0
        try:
            self.follow_link()
            self.outcome.ready_s = time.monotonic() - t0
            self.run_lesson(f"{self.folder}/{LESSON}")
            self.answer_quiz(plan)
            self.close_ws()   # the student leaves the notebook's tab; the kernel keeps running
            self.edit_lesson(f"{self.folder}/{LESSON}")
            self.outcome.ok = True
            self.outcome.stage = "done"
        except Exception as exc:  # noqa: BLE001 - one student's failure is recorded, not raised
            self.outcome.error = f"{exc.__class__.__name__}: {exc}"
        return self.outcome

    def second_visit(self, t0: float) -> Outcome:
        self.t0 = t0
        try:
            self.follow_link()
            self.outcome.repull_s = time.monotonic() - t0
            self.outcome.repull_ok = True
        except Exception as exc:  # noqa: BLE001
            self.outcome.error = f"second visit: {exc.__class__.__name__}: {exc}"
        return self.outcome

    def close_ws(self) -> None:
        """Close the kernel's websocket (a browser answers the server's pings by itself; an idle client here
        would not, and the server drops it after its ping timeout)."""
        ws, self.ws = getattr(self, "ws", None), None
        if ws is not None:
            try:
                ws.close()
            except Exception:  # noqa: BLE001
                pass

    def close(self) -> None:
        self.close_ws()
        self.s.close()

    folder = "gsomia-lessons"


# Runs in the student's kernel. Reaches the course's quiz and progress code wherever the package keeps them
# (lessons.assessment.* after the package's reorganisation, lessons.* before it).
QUIZ_CELL = '''
import json as _json
try:
    from lessons.assessment import quiz as _quiz, progress as _progress
except ImportError:
    from lessons import quiz as _quiz, progress as _progress
_plan = _json.loads(__PLAN__)
_q = _quiz.Quiz(__BANK__)
_results = []
for _step in _plan:
    _r, _kind, _text = _q.submit(_step["question"], _step["answer"])
    _results.append({"question": _step["question"], "correct": bool(_r.correct), "counted": bool(_r.counted)})
import os as _os
_path = _progress.export(path=_os.path.expanduser("~"), name=__NAME__, group="class-test")
print("CLASSTEST " + _json.dumps({"results": _results, "export": str(_path),
                                  "progress": str(_progress.progress_path()), "score": list(_q.score)}))
'''
