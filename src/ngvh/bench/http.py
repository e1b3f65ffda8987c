"""A gunicorn server on loopback and a bounded load client.

The client is threads with one keep-alive ``http.client`` connection each. Every loop is
bounded both in time and in request count and stops by itself; the only address it ever
talks to is 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from .stats import summary_ms

HOST = "127.0.0.1"  # loopback only, never anything else


def parse_port_range(text: str) -> tuple[int, int] | None:
    """``"8100-8199"`` (or one port, ``"8100"``) -> (first, last); empty -> None (any free port)."""
    text = (text or "").strip()
    if not text:
        return None
    first, _sep, last = text.partition("-")
    low, high = int(first), int(last or first)
    if not 1024 <= low <= high <= 65535:
        raise ValueError(f"port range {text!r}: expected FIRST-LAST within 1024-65535")
    return low, high


def free_port(port_range: tuple[int, int] | None = None) -> int:
    """A port nobody listens on: any (the kernel's choice) or the first free one of the range."""
    candidates = [0] if port_range is None else range(port_range[0], port_range[1] + 1)
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in {port_range[0]}-{port_range[1]} on {HOST}")


class Server:
    """``gunicorn ngvh.config.wsgi`` with the documented production settings."""

    def __init__(self, *, env: dict, log_path: Path, workers: int = 4, port_range: tuple[int, int] | None = None):
        self.port = free_port(port_range)
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in __exit__
        cmd = [sys.executable, "-m", "gunicorn", "ngvh.config.wsgi", "-w", str(self.workers),
               "-b", f"{HOST}:{self.port}", "--timeout", "60", "--graceful-timeout", "5"]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _ = get(self.port, "/healthz")
                if status == 200:
                    # Let every worker boot before measuring.
                    for _ in range(self.workers * 2):
                        get(self.port, "/healthz")
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if getattr(self, "log", None):
            self.log.close()

    def peak_memory_mb(self) -> dict:
        """VmHWM (peak resident set) of the master and of each worker, from /proc."""
        if not self.proc:
            return {}
        pids = [self.proc.pid, *children(self.proc.pid)]
        peaks = {pid: vm_hwm_kb(pid) for pid in pids}
        workers = [v for pid, v in peaks.items() if pid != self.proc.pid and v]
        return {
            "master_mb": round((peaks.get(self.proc.pid) or 0) / 1024, 1),
            "worker_max_mb": round(max(workers) / 1024, 1) if workers else None,
            "total_mb": round(sum(v for v in peaks.values() if v) / 1024, 1),
            "workers": len(workers),
        }


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return out


def vm_hwm_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def load(port: int, path: str, *, clients: int, seconds: float, headers: dict | None = None,
         max_requests: int = 500_000) -> dict:
    """GET ``path`` from ``clients`` threads for ``seconds``; requests/s and latency."""
    stop_at = time.monotonic() + seconds
    per_client = max(1, max_requests // clients)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    statuses: list[Counter] = [Counter() for _ in range(clients)]

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        lat, st = latencies[i], statuses[i]
        while time.monotonic() < stop_at and len(lat) < per_client:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                resp = conn.getresponse()
                resp.read()
                st[resp.status] += 1
            except (OSError, http.client.HTTPException):
                st["error"] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            lat.append(time.perf_counter() - t0)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(seconds + 60)
    elapsed = time.perf_counter() - started
    all_lat = [x for lat in latencies for x in lat]
    total_status: Counter = Counter()
    for st in statuses:
        total_status.update(st)
    ok = total_status.get(200, 0)
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(all_lat),
        "ok": ok,
        "errors": len(all_lat) - ok,
        "rps": round(ok / elapsed, 1) if elapsed else 0.0,
        **summary_ms(all_lat),
        "statuses": {str(k): v for k, v in total_status.items()},
    }


def run_jobs(jobs: list[Callable[[], None]], *, clients: int, seconds: float, spread: float = 0.0) -> tuple[list[float], list[str], float]:
    """Run each job once over ``clients`` threads, within ``seconds``.

    With ``spread`` > 0, job i is not started before i × spread / len(jobs) seconds: the
    arrivals of a real deadline day, at most ``clients`` at once. With 0, all arrive at once.
    Returns the per-job durations, the errors, and the elapsed time. Jobs not started by
    the deadline are counted as errors ("not started in time").
    """
    begin = time.monotonic()
    stop_at = begin + seconds
    gap = spread / len(jobs) if jobs else 0.0
    lock = threading.Lock()
    queue = list(reversed(list(enumerate(jobs))))
    durations: list[float] = []
    errors: list[str] = []

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                if time.monotonic() >= stop_at:
                    errors.extend(["not started in time"] * len(queue))
                    queue.clear()
                    return
                index, job = queue.pop()
            wait = begin + index * gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            t0 = time.perf_counter()
            try:
                job()
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
            with lock:
                durations.append(time.perf_counter() - t0)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(seconds + 60)
    return durations, errors, time.perf_counter() - started


class _Forms(HTMLParser):
    """Collects what a browser would send for each form of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, selected, first option
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            input_type = (a.get("type") or "text").lower()
            if input_type in ("submit", "button", "image", "file", "reset"):
                return
            if input_type in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((name, a.get("value", "on" if input_type in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select = (name, [], [], "multiple" in a)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if "selected" in a:
                self._select[1].append(value)
            if not self._select[2]:
                self._select[2].append(value)
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self._form is not None:
            name, selected, first, multiple = self._select
            values = selected or ([] if multiple else first)
            for value in values:
                self._form["fields"].append((name, value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            self._form["fields"].append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_in(html: str) -> list[dict]:
    """Each form of the page: its action, method and the (name, value) pairs a browser would post."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def post_form(conn: http.client.HTTPConnection, path: str, data: list[tuple[str, str]], headers: dict) -> tuple[int, bytes]:
    body = urllib.parse.urlencode(data)
    conn.request("POST", path, body=body, headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    return resp.status, resp.read()
