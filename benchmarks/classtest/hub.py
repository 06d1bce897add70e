"""Start a real JupyterHub on 127.0.0.1 inside one temporary folder, watch its processes, stop them all.

Everything lives under ``Hub.tmp``: the hub's database, cookie secret, logs and pid files, and each student's
home folder (``homes/<name>``). Ports, the proxy's token and the students' shared password are random per run.
Only 127.0.0.1 is bound. Every process the hub starts (the proxy, single-user servers, kernels, git) is a
descendant of the hub process; a sampler thread records each one with its start time, so :meth:`Hub.stop` can
end any survivor by process group without ever touching a process it did not start.
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
HUBTOOLS = ROOT / ".hubtools"
CHP = HUBTOOLS / "node_modules" / ".bin" / "configurable-http-proxy"
MIB = 1024 * 1024


class HubError(RuntimeError):
    """The hub (or what it needs) could not be started; the message says what to do."""


def ephemeral_range() -> tuple[int, int]:
    """The ports the OS hands out for `bind(port 0)` — where every kernel's ZMQ sockets land."""
    try:
        lo, hi = (int(x) for x in Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
        return lo, hi
    except (OSError, ValueError):
        return 32768, 60999


_HANDED_OUT: set[int] = set()          # ports this process gave out: never the same one twice
_HANDED_OUT_LOCK = threading.Lock()


def free_port() -> int:
    """A free port on 127.0.0.1 *below* the ephemeral range.

    JupyterHub's LocalProcessSpawner picks a server's port by binding port 0, closing it, and starting the server
    on it a few seconds later. With a class starting at once, a kernel's ZMQ socket (also port 0) took such a port
    in between: the server failed with "port … is not available" and the hub waited for it until its timeout
    (found by the 10-student run). Ports below the ephemeral range are never handed out by the OS, so a kernel
    can't take them.
    """
    lo = 20000
    hi = min(ephemeral_range()[0], 65536) - 1
    if hi <= lo:
        lo, hi = 10000, 65535
    rng = random.SystemRandom()
    for _ in range(500):
        port = rng.randint(lo, hi)
        with _HANDED_OUT_LOCK:
            if port in _HANDED_OUT:   # given to a server that may not be listening yet (seen in a 3-student run)
                continue
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    continue
            _HANDED_OUT.add(port)
            return port
    raise HubError(f"no free port on 127.0.0.1 between {lo} and {hi}")


def proxy_command() -> list[str]:
    """configurable-http-proxy installed by `make hubtools` (npm, into .hubtools/), or one on PATH."""
    if CHP.exists():
        return [str(CHP)]
    found = shutil.which("configurable-http-proxy")
    if found:
        return [found]
    raise HubError("configurable-http-proxy is not installed. Run `make hubtools` (it needs Node and npm: "
                   "`apt-get install nodejs npm` on Debian) and try again.")


def proxy_version() -> str:
    try:
        out = subprocess.run(proxy_command() + ["--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError, HubError):
        return "unknown"


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "missing"


@dataclass
class Seen:
    """A process the hub started, as first seen by the sampler."""

    pid: int
    create_time: float
    kind: str            # proxy | server | kernel | other
    user: str = ""       # the student a server (and its descendants) belongs to
    peak_rss: int = 0    # largest RSS the sampler saw
    hwm: int = 0         # the kernel's own record of the process's peak RSS (VmHWM), last read
    cpu_s: float = 0.0   # CPU time (user + system) used so far, last read
    cmd: str = ""        # command line, as last seen


def _hwm(pid: int) -> int:
    """Peak resident set size of a process as the kernel recorded it (VmHWM in /proc/PID/status), bytes."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class Memory:
    """Peak resident memory (bytes) seen by the sampler."""

    hub: int = 0
    proxy: int = 0
    per_student: dict = field(default_factory=dict)         # server + all its descendants, summed per sample
    hwm_per_student: dict = field(default_factory=dict)     # own peaks (VmHWM) of server + kernels alive together
    hwm_all_per_student: dict = field(default_factory=dict) # … plus every other process the server started
    server_only: dict = field(default_factory=dict)
    kernels_only: dict = field(default_factory=dict)
    total: int = 0                                           # hub + proxy + every student, one sample
    samples: int = 0


class Hub:
    """One JupyterHub for one class test. Use as a context manager: the hub is stopped however the block ends."""

    def __init__(self, tmp: Path, *, python: str = sys.executable, start_timeout: int = 900,
                 sample_every: float = 1.0, log=print):
        self.tmp = Path(tmp)
        self.python = python
        self.venv_bin = Path(python).parent
        self.port = free_port()
        self.hub_port = free_port()
        self.api_port = free_port()
        while len({self.port, self.hub_port, self.api_port}) < 3:
            self.hub_port, self.api_port = free_port(), free_port()
        self.password = secrets.token_urlsafe(18)
        self.proxy_token = secrets.token_hex(32)
        self.base = f"http://127.0.0.1:{self.port}"
        self.homes = self.tmp / "homes"
        self.start_timeout = start_timeout
        self.sample_every = sample_every
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.seen: dict[tuple[int, float], Seen] = {}
        self.memory = Memory()
        self._stop_sampling = threading.Event()
        self._sampler: threading.Thread | None = None
        self._lock = threading.Lock()
        self.leftovers: list[str] = []
        self.hub_cpu_s = 0.0

    # --- configuration ----------------------------------------------------------------------------------
    def config_text(self) -> str:
        singleuser = self.venv_bin / "jupyterhub-singleuser"
        guard = ROOT / "lessons" / "_netguard"
        args = ["--ServerApp.ip=127.0.0.1"]
        if os.geteuid() == 0:
            args.append("--allow-root")  # a container or CI runs as root; students' servers then do too
        return textwrap.dedent(f"""\
            # Written by benchmarks/classtest/hub.py for one class test; everything lives in this folder.
            c = get_config()  # noqa: F821
            c.JupyterHub.ip = "127.0.0.1"
            c.JupyterHub.port = {self.port}
            c.JupyterHub.hub_ip = "127.0.0.1"
            c.JupyterHub.hub_port = {self.hub_port}
            c.JupyterHub.db_url = "sqlite:///{self.tmp / 'jupyterhub.sqlite'}"
            c.JupyterHub.cookie_secret_file = "{self.tmp / 'jupyterhub_cookie_secret'}"
            c.JupyterHub.pid_file = "{self.tmp / 'jupyterhub.pid'}"
            c.JupyterHub.cleanup_servers = True
            c.JupyterHub.cleanup_proxy = True
            c.JupyterHub.concurrent_spawn_limit = 0
            # A student who follows the course link while their server is stopped gets it started (as a
            # student would press "Launch server" on the page the hub shows).
            c.JupyterHub.implicit_spawn_seconds = 0.5

            c.ConfigurableHTTPProxy.command = {proxy_command()!r}
            c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
            c.ConfigurableHTTPProxy.auth_token = {self.proxy_token!r}
            c.ConfigurableHTTPProxy.pid_file = "{self.tmp / 'proxy.pid'}"
            c.ConfigurableHTTPProxy.should_start = True

            # One shared password for the class (random per run), any user name.
            c.JupyterHub.authenticator_class = "jupyterhub.authenticators.shared.SharedPasswordAuthenticator"
            c.SharedPasswordAuthenticator.user_password = {self.password!r}
            c.Authenticator.allow_all = True

            # One home folder per student under this temporary folder; no real Unix users. Each server's port
            # is chosen below the ephemeral range, where no kernel's ZMQ socket can take it first.
            import sys
            sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
            from classtest.hub import free_port
            from jupyterhub.spawner import SimpleLocalProcessSpawner


            class ClassSpawner(SimpleLocalProcessSpawner):
                async def start(self):
                    self.port = free_port()
                    return await super().start()


            c.JupyterHub.spawner_class = ClassSpawner
            c.SimpleLocalProcessSpawner.home_dir_template = "{self.homes}/{{username}}"
            c.Spawner.cmd = ["{singleuser}"]
            c.Spawner.args = {args!r}
            c.Spawner.ip = "127.0.0.1"
            c.Spawner.default_url = "/lab"
            c.Spawner.start_timeout = {self.start_timeout}
            c.Spawner.http_timeout = {self.start_timeout}
            c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV"]
            # The course's network guard: the students' servers and kernels may reach 127.0.0.1 only.
            c.Spawner.environment = {{"PYTHONPATH": "{guard}", "GSOMIA_NETGUARD": "1",
                                      "MPLBACKEND": "module://matplotlib_inline.backend_inline"}}
            """)

    def env(self) -> dict:
        """A small, explicit environment: nothing of the caller's (no GSOMIA_PROGRESS, no proxies) leaks in."""
        home = self.tmp / "hub-home"
        home.mkdir(parents=True, exist_ok=True)
        path = os.pathsep.join([str(self.venv_bin), str(HUBTOOLS / "node_modules" / ".bin"),
                                "/usr/local/bin", "/usr/bin", "/bin"])
        return {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "VIRTUAL_ENV": str(self.venv_bin.parent), "TMPDIR": str(self.tmp),
                "PYTHONPATH": str(ROOT / "lessons" / "_netguard"), "GSOMIA_NETGUARD": "1"}

    # --- life cycle -------------------------------------------------------------------------------------
    def start(self) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.homes.mkdir(exist_ok=True)
        config = self.tmp / "jupyterhub_config.py"
        config.write_text(self.config_text(), encoding="utf-8")
        log = open(self.tmp / "hub.log", "ab")
        self.proc = subprocess.Popen([str(self.venv_bin / "jupyterhub"), "-f", str(config)], cwd=self.tmp,
                                     env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self._sampler = threading.Thread(target=self._sample_loop, name="hub-sampler", daemon=True)
        self._sampler.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"JupyterHub exited with status {self.proc.returncode} while starting; "
                               f"its log: {self.tail_log()}")
            try:
                r = requests.get(self.base + "/hub/api", timeout=5, proxies={"http": None, "https": None})
                if r.status_code == 200:
                    self.log(f"hub up on {self.base} (JupyterHub {r.json().get('version')})")
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise HubError(f"JupyterHub did not answer on {self.base} within 120 s; its log: {self.tail_log()}")

    def tail_log(self, n: int = 30) -> str:
        try:
            lines = (self.tmp / "hub.log").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-n:])

    def __enter__(self) -> Hub:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- memory sampling --------------------------------------------------------------------------------
    def _classify(self, p: psutil.Process, parents: dict[int, str]) -> tuple[str, str]:
        try:
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            cmd = ""
        if "configurable-http-proxy" in cmd:
            return "proxy", ""
        if "jupyterhub-singleuser" in cmd:
            try:
                user = p.environ().get("JUPYTERHUB_USER", "")
            except psutil.Error:
                user = ""
            return "server", user
        try:
            ppid = p.ppid()
        except psutil.Error:
            ppid = 0
        user = parents.get(ppid, "")
        if user and ("ipykernel" in cmd or "kernel" in cmd):
            return "kernel", user
        return "other", user

    def sample(self) -> None:
        """One pass over the hub's process tree: record new processes, add up memory per student."""
        if self.proc is None:
            return
        try:
            hub = psutil.Process(self.proc.pid)
            hub_rss = hub.memory_info().rss
            times = hub.cpu_times()
            self.hub_cpu_s = times.user + times.system
            children = hub.children(recursive=True)
        except psutil.Error:
            return
        owners: dict[int, str] = {}       # pid -> student, for descendants of a server
        per_student: dict[str, int] = {}
        server_rss: dict[str, int] = {}
        kernel_rss: dict[str, int] = {}
        hwm_now: dict[str, int] = {}      # per student: peaks (VmHWM) of server + kernels alive in this sample
        hwm_all: dict[str, int] = {}      # … of every process the student's server started, too
        proxy_rss = 0
        # children() walks parents before their children, so a kernel's server is already in `owners`.
        for p in children:
            try:
                key = (p.pid, p.create_time())
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            # Classified again at every sample: a child the sampler sees between fork and exec still shows
            # its parent's command line.
            kind, user = self._classify(p, owners)
            with self._lock:
                seen = self.seen.get(key)
                if seen is None:
                    seen = self.seen[key] = Seen(p.pid, key[1], kind, user)
                seen.kind, seen.user = kind, user
                try:
                    seen.cmd = " ".join(p.cmdline())[:200] or seen.cmd
                except psutil.Error:
                    pass
                seen.peak_rss = max(seen.peak_rss, rss)
                if seen.kind != "proxy":
                    seen.hwm = max(seen.hwm, _hwm(p.pid))
                    try:
                        times = p.cpu_times()
                        seen.cpu_s = max(seen.cpu_s, times.user + times.system)
                    except psutil.Error:
                        pass
            if seen.kind == "proxy":
                proxy_rss += rss
                try:
                    times = p.cpu_times()
                    seen.cpu_s = max(seen.cpu_s, times.user + times.system)
                except psutil.Error:
                    pass
                continue
            user = seen.user or owners.get(_ppid(p), "")
            if not user:
                continue
            owners[p.pid] = user
            per_student[user] = per_student.get(user, 0) + rss
            own_peak = max(seen.hwm, rss)
            hwm_all[user] = hwm_all.get(user, 0) + own_peak       # the server and everything it started
            if seen.kind in ("server", "kernel"):
                hwm_now[user] = hwm_now.get(user, 0) + own_peak
            if seen.kind == "server":
                server_rss[user] = server_rss.get(user, 0) + rss
            elif seen.kind == "kernel":
                kernel_rss[user] = kernel_rss.get(user, 0) + rss
        m = self.memory
        with self._lock:
            m.samples += 1
            m.hub = max(m.hub, hub_rss)
            m.proxy = max(m.proxy, proxy_rss)
            for user, rss in per_student.items():
                m.per_student[user] = max(m.per_student.get(user, 0), rss)
            for user, rss in hwm_now.items():
                m.hwm_per_student[user] = max(m.hwm_per_student.get(user, 0), rss)
            for user, rss in hwm_all.items():
                m.hwm_all_per_student[user] = max(m.hwm_all_per_student.get(user, 0), rss)
            for user, rss in server_rss.items():
                m.server_only[user] = max(m.server_only.get(user, 0), rss)
            for user, rss in kernel_rss.items():
                m.kernels_only[user] = max(m.kernels_only.get(user, 0), rss)
            m.total = max(m.total, hub_rss + proxy_rss + sum(per_student.values()))

    def peak_hwm(self) -> dict[str, int]:
        """Per student: the largest sum, over samples, of the own peaks (VmHWM) of the single-user server and the
        kernels alive at that sample — an upper bound on the student's peak that no sampling interval can miss
        (a kernel that died and was restarted is not added to its successor)."""
        with self._lock:
            return dict(self.memory.hwm_per_student)

    def cpu_seconds(self) -> dict[str, float]:
        """Per student: CPU time used by the single-user server and its kernels (as last sampled)."""
        out: dict[str, float] = {}
        with self._lock:
            for s in self.seen.values():
                if s.user and s.kind in ("server", "kernel"):
                    out[s.user] = out.get(s.user, 0.0) + s.cpu_s
        return out

    def proxy_cpu_s(self) -> float:
        with self._lock:
            return sum(s.cpu_s for s in self.seen.values() if s.kind == "proxy")

    def _sample_loop(self) -> None:
        while not self._stop_sampling.wait(self.sample_every):
            try:
                self.sample()
            except Exception as exc:  # noqa: BLE001 - the sampler must never stop the class
                self.log(f"memory sampler: {exc!r}")

    # --- stopping ---------------------------------------------------------------------------------------
    def stop(self, grace: float = 60.0) -> list[str]:
        """Stop the hub (it stops the students' servers and the proxy), then end any survivor by PID.

        Returns (and keeps in ``self.leftovers``) a line per process that had to be killed after the hub
        stopped; an empty list means everything shut down by itself.
        """
        if self.proc is None:
            return []
        try:
            self.sample()   # make sure every current process is known before the hub goes
        except Exception:  # noqa: BLE001
            pass
        self._stop_sampling.set()
        if self._sampler is not None:
            self._sampler.join(timeout=10)
        if self.proc.poll() is None:
            _signal_group(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal_group(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        # Give the servers the hub asked to stop a moment, then end survivors (their own process groups).
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.alive():
            time.sleep(0.5)
        leftovers = []
        for seen in self.alive():
            leftovers.append(f"{seen.kind} pid {seen.pid} ({seen.user or '-'})")
            _signal_group(seen.pid, signal.SIGTERM)
        if leftovers:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.alive():
                time.sleep(0.3)
            for seen in self.alive():
                _signal_group(seen.pid, signal.SIGKILL)
        self.leftovers = leftovers
        self.proc = None
        return leftovers

    def alive(self) -> list[Seen]:
        """Processes the hub started that are still running (matched by PID and start time)."""
        out = []
        with self._lock:
            seen = list(self.seen.values())
        for s in seen:
            try:
                p = psutil.Process(s.pid)
                if abs(p.create_time() - s.create_time) < 0.01 and p.status() != psutil.STATUS_ZOMBIE:
                    out.append(s)
            except psutil.Error:
                pass
        return out


def _ppid(p: psutil.Process) -> int:
    try:
        return p.ppid()
    except psutil.Error:
        return 0


def _signal_group(pid: int, sig: int) -> None:
    """Signal the process group led by `pid` (a session leader we started), else `pid` alone."""
    try:
        pgid = os.getpgid(pid)
    except ProcessLookupError:
        return
    try:
        if pgid == pid and pgid != os.getpgid(0):
            os.killpg(pgid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass
