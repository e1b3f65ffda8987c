"""``make scale-test``: NGVH on several app servers, for real, on loopback.

Starts what docs/deployment.md installs — PostgreSQL (the local 15/main cluster, a
database of its own), Redis, an S3-compatible store (moto in server mode, standing in for
MinIO or a cloud bucket), two gunicorn instances each with its own data folder (no shared
disk) and nginx in front of them with TLS — runs the guide's set-up commands, then over
HTTPS through nginx:

1. a coordinator logs in on server A, uploads evidence on A, downloads it through B;
2. a reporter previews an activity import on A and confirms it on B;
3. two reporters submit their annual reports, one through A, one through B;
4. the dashboards answer on both, cached in the shared Redis;
5. the timers' commands run: ``ngvh remind``, ``ngvh mail send`` (when present),
   ``ngvh cleanup``, ``ngvh backup`` (pg_dump plus the bucket's files, checked);
6. outages, one part at a time, each measured as the officer meets it and then recovered:
   Redis and the S3 server stop answering (SIGSTOP), the SMTP server refuses and then
   hangs, the database goes away (a TCP relay in front of PostgreSQL drops every
   connection). The table printed at the end is the one in docs/deployment.md.

nginx sends a request to a chosen server when it carries ``X-Ngvh-Backend: a`` or ``b``
(the only line that differs from the guide's configuration) and otherwise balances; every
answer says which server made it (``X-Ngvh-Upstream``), and the script checks it.

Exits non-zero on the first failure, leaving the logs in the printed folder. Needs root
(or a PostgreSQL role ngvh/ngvh that may create databases), redis-server, nginx, openssl.
"""

from __future__ import annotations

import html.parser
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGVH = str(BIN / "ngvh")
DB_NAME = os.environ.get("NGVH_SCALE_DB", "ngvh_scale")
PG = "postgres://ngvh:ngvh@127.0.0.1:5432"
DEMO_PASSWORD = "ngvh-demo-2026"


class Failed(Exception):
    pass


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, what: str, process: subprocess.Popen | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Failed(f"{what} exited with {process.returncode} before listening on {port}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise Failed(f"{what} did not listen on 127.0.0.1:{port} within {seconds:.0f} s")


def run(args: list[str], env: dict, log: Path, *, what: str | None = None) -> str:
    with log.open("a") as fh:
        fh.write(f"$ {' '.join(args)}\n")
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    with log.open("a") as fh:
        fh.write(done.stdout + done.stderr)
    if done.returncode != 0:
        raise Failed(f"{what or ' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return done.stdout


# ---- services -----------------------------------------------------------------------------


def postgres_database(log: Path) -> str:
    """A fresh database ``DB_NAME`` on the local cluster, owned by ngvh (the CI layout)."""
    def as_postgres(sql: str) -> str:
        if os.geteuid() == 0:
            command = ["su", "postgres", "-c", f'psql -q -At -c "{sql}"']
        else:
            command = ["psql", f"{PG}/postgres", "-q", "-At", "-c", sql]
        return run(command, os.environ.copy(), log, what=f"psql {sql}")

    if os.geteuid() == 0:
        clusters = subprocess.run(["pg_lsclusters"], capture_output=True, text=True).stdout
        if not re.search(r"15\s+main.*online", clusters):
            run(["pg_ctlcluster", "15", "main", "start"], os.environ.copy(), log)
        for _ in range(30):
            if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0:
                break
            time.sleep(1)
        if "1" not in as_postgres("SELECT 1 FROM pg_roles WHERE rolname='ngvh'"):
            as_postgres("CREATE ROLE ngvh LOGIN SUPERUSER PASSWORD 'ngvh'")
    as_postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    as_postgres(f"CREATE DATABASE {DB_NAME} OWNER ngvh")
    return f"{PG}/{DB_NAME}"


def drop_database(log: Path) -> None:
    if os.geteuid() == 0:
        command = ["su", "postgres", "-c", f"psql -q -c \"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)\""]
    else:
        command = ["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"]
    subprocess.run(command, capture_output=True)


NGINX_CONF = """\
# The guide's configuration (docs/deployment.md), with the test's pick of a server.
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/nginx-tmp/body;
    proxy_temp_path {work}/nginx-tmp/proxy;
    fastcgi_temp_path {work}/nginx-tmp/fastcgi;
    uwsgi_temp_path {work}/nginx-tmp/uwsgi;
    scgi_temp_path {work}/nginx-tmp/scgi;

    upstream ngvh {{
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
    }}
    # scale test only: X-Ngvh-Backend: a|b sends the request to one server
    upstream ngvh_a {{ server 127.0.0.1:{port_a}; }}
    upstream ngvh_b {{ server 127.0.0.1:{port_b}; }}
    map $http_x_ngvh_backend $ngvh_pool {{ a ngvh_a; b ngvh_b; default ngvh; }}

    server {{
        listen 127.0.0.1:{port} ssl;
        server_name 127.0.0.1;
        ssl_certificate {work}/tls.crt;
        ssl_certificate_key {work}/tls.key;
        client_max_body_size 25m;

        location / {{
            proxy_pass http://$ngvh_pool;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_read_timeout 120s;
            add_header X-Ngvh-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Processes:
    def __init__(self):
        self.items: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict, log: Path) -> subprocess.Popen:
        fh = log.open("ab")
        process = subprocess.Popen(args, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        self.items.append((name, process))
        return process

    def stop(self) -> None:
        for _name, process in reversed(self.items):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, process in reversed(self.items):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


# ---- HTTP ----------------------------------------------------------------------------------


class Form(html.parser.HTMLParser):
    """The fields of the forms of a page, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: tuple[str, list] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"id": a.get("id", ""), "action": a.get("action", ""), "fields": [], "selects": {}, "buttons": []})
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            form["fields"].append([name, a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "button" and name:
            form["buttons"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, [])
            form["selects"][name] = self._select[1]
            form["fields"].append([name, None])
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"].append([name, ""])

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            name, options = self._select
            chosen = next((v for v, sel in options if sel), options[0][0] if options else "")
            for field in self.forms[-1]["fields"]:
                if field[0] == name and field[1] is None:
                    field[1] = chosen
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            for field in reversed(self.forms[-1]["fields"]):
                if field[0] == self._textarea:
                    field[1] += data
                    break


def forms_of(text: str) -> list[dict]:
    parser = Form()
    parser.feed(text)
    return parser.forms


class Client:
    """One person's browser: a session cookie, and CSRF as a browser sends it."""

    def __init__(self, base: str, cert: Path, ports: dict[str, int]):
        import requests

        self.base = base
        self.http = requests.Session()
        self.cert = str(cert)  # per request: a session's verify loses to REQUESTS_CA_BUNDLE
        self.ports = ports

    def _headers(self, server: str | None) -> dict:
        headers = {"Origin": self.base, "Referer": self.base + "/"}
        if server:
            headers["X-Ngvh-Backend"] = server
        token = self.http.cookies.get("csrftoken")
        if token:
            headers["X-CSRFToken"] = token
        return headers

    def _answered(self, response, server: str | None):
        upstream = response.headers.get("X-Ngvh-Upstream", "")
        if server:
            check(upstream.endswith(f":{self.ports[server]}"), f"{response.url}: answered by {upstream!r}, not server {server}")
        return response

    def get(self, path: str, *, server: str | None = None, **kw):
        r = self.http.get(self.base + path, headers=self._headers(server), allow_redirects=False, timeout=120,
                          verify=self.cert, **kw)
        return self._answered(r, server)

    def post(self, path: str, data=None, *, server: str | None = None, files=None, **kw):
        r = self.http.post(self.base + path, data=data, files=files, headers=self._headers(server), allow_redirects=False,
                           timeout=120, verify=self.cert, **kw)
        return self._answered(r, server)

    def login(self, username: str, *, server: str) -> None:
        page = self.get("/accounts/login/", server=server)
        check(page.status_code == 200, f"login page on {server}: {page.status_code}")
        fields = dict(forms_of(page.text)[-1]["fields"])
        fields.update({"username": username, "password": DEMO_PASSWORD})
        done = self.post("/accounts/login/", fields, server=server)
        check(done.status_code == 302, f"{username} could not log in on {server}: {done.status_code}\n{done.text[:500]}")

    def api(self, path: str, *, server: str | None = None):
        r = self.get("/api" + path, server=server)
        check(r.status_code == 200, f"API {path}: {r.status_code} {r.text[:300]}")
        return r.json()


# ---- the scenario -----------------------------------------------------------------------------


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


def scenario(base: str, cert: Path, ports: dict[str, int]) -> dict:
    import openpyxl

    facts: dict = {}
    step("coordinator logs in on A, uploads evidence on A, downloads it through B")
    coordinator = Client(base, cert, ports)
    coordinator.login("dieuphoi", server="a")
    plans = coordinator.api("/plans/", server="a")["results"]
    plan = plans[0]
    activities = coordinator.api(f"/activities/?plan={plan['id']}&page_size=5", server="b")["results"]
    check(bool(activities), "no activity to attach evidence to")
    activity = activities[0]
    photo = png_bytes()
    up = coordinator.post(f"/activities/{activity['id']}/attachments/", {"caption": "Ảnh khai mạc"}, server="a",
                          files={"file": ("ảnh khai mạc.png", photo, "image/png")})
    check(up.status_code == 302, f"upload on A: {up.status_code} {up.text[:500]}")
    detail = coordinator.get(f"/activities/{activity['id']}/", server="b")
    check(detail.status_code == 200, f"activity page on B: {detail.status_code}")
    ids = sorted({int(n) for n in re.findall(r'href="/activities/attachments/(\d+)/"', detail.text)})
    check(bool(ids), "the activity page on B links no attachment")
    down = coordinator.get(f"/activities/attachments/{ids[-1]}/", server="b")
    check(down.status_code == 200 and down.content == photo, f"download on B: {down.status_code}, {len(down.content)} bytes")
    thumb = coordinator.get(f"/activities/attachments/{ids[-1]}/thumbnail/", server="a")
    check(thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff", f"thumbnail on A: {thumb.status_code}")
    facts["attachment_id"] = ids[-1]
    facts["activity_id"] = activity["id"]

    step("reporter previews an activity import on A and confirms it on B")
    reporter = Client(base, cert, ports)
    reporter.login("vhtt", server="a")
    template = reporter.get(f"/activities/import/template.xlsx?plan={plan['id']}", server="a")
    check(template.status_code == 200, f"import template on A: {template.status_code}")
    tasks = reporter.api(f"/plans/{plan['id']}/tasks/", server="a")
    tasks = tasks["results"] if isinstance(tasks, dict) else tasks
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    title = f"Giao lưu văn hóa Việt – Nhật (thử tải {secrets.token_hex(3)})"
    row = [None] * len(headers)
    row[0], row[1], row[2], row[3], row[4] = title, "Triển lãm", "Đã thực hiện", "10/03/2026", "11/03/2026"
    row[6] = tasks[0]["code"]
    row[8] = "Quận Ngô Quyền"
    sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    preview = reporter.post("/activities/import/", {"plan": str(plan["id"])}, server="a",
                            files={"file": ("hoat-dong.xlsx", data.getvalue(),
                                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    check(preview.status_code == 200, f"import preview on A: {preview.status_code}\n{preview.text[:1500]}")
    match = re.search(r'name="key" value="([0-9a-f]{32})"', preview.text)
    check(match is not None, "the preview on A offers no confirmation")
    fields = next(dict(f["fields"]) for f in forms_of(preview.text) if "key" in dict(f["fields"]))
    fields["confirm"] = "1"
    confirmed = reporter.post("/activities/import/", fields, server="b")
    check(confirmed.status_code == 302, f"import confirmed on B: {confirmed.status_code}\n{confirmed.text[:1500]}")
    found = reporter.api(f"/activities/?plan={plan['id']}&q={title.split('(')[1][:-1].split()[-1]}", server="a")["results"]
    check([a["title"] for a in found] == [title], f"imported activity not found through A: {found}")

    step("two reporters submit their annual reports, one through A, one through B")
    submitted = {}
    # the 2026 reporters of the demo: the merged department (returned) and Sở Nội vụ (draft)
    for username, server in (("vhttdl", "a"), ("noivu", "b")):
        client = Client(base, cert, ports)
        client.login(username, server=server)
        reports = client.api("/reports/?year=2026", server=server)["results"]
        mine = [r for r in reports if r["status"] in ("draft", "returned")]
        check(bool(mine), f"{username} has no report to submit: {reports}")
        report = mine[0]
        page = client.get(f"/reports/{report['id']}/", server=server)
        check(page.status_code == 200, f"report page for {username}: {page.status_code}")
        form = next(f for f in forms_of(page.text) if f["id"] == "report-form")
        fields = []
        for name, value in form["fields"]:
            if name.endswith("status") and not value:
                options = [v for v, _s in form["selects"].get(name, []) if v]
                value = "in_progress" if "in_progress" in options else (options[0] if options else "")
            if name.endswith("results") and not (value or "").strip():
                value = "Đã triển khai theo kế hoạch trong năm 2026."
            if name.endswith("progress") and not value:
                value = "50"
            fields.append((name, value))
        fields.append(("action", "submit"))
        done = client.post(f"/reports/{report['id']}/", fields, server=server)
        check(done.status_code == 302, f"{username} submitting on {server}: {done.status_code}\n{_errors(done.text)}")
        status = client.api(f"/reports/{report['id']}/", server="b" if server == "a" else "a")["status"]
        check(status == "submitted", f"{username}'s report is {status} after submitting on {server}")
        submitted[username] = report["id"]
    facts["submitted"] = submitted

    step("the dashboards answer on both servers")
    for server in ("a", "b"):
        page = coordinator.get(f"/dashboard/plans/{plan['id']}/?year=2026", server=server)
        check(page.status_code == 200, f"dashboard on {server}: {page.status_code}")
        check(coordinator.get("/healthz", server=server).status_code == 200, f"healthz on {server}")
    facts["plan_id"] = plan["id"]
    return facts


class TcpRelay:
    """A TCP relay on loopback in front of a port: ``down()`` drops every connection and
    closes new ones at once (what an app server sees when its database is gone),
    ``up()`` relays again."""

    def __init__(self, target_port: int):
        import threading

        self.target_port = target_port
        self.available = True
        self.lock = threading.Lock()
        self.open: set[socket.socket] = set()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            if not self.available:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
                with self.lock:
                    self.open.discard(s)

    def down(self) -> None:
        self.available = False
        with self.lock:
            sockets = list(self.open)
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def up(self) -> None:
        self.available = True

    def close(self) -> None:
        self.down()
        self.listener.close()


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def outages(base: str, cert: Path, ports: dict[str, int], facts: dict, *, redis, s3, smtp, relay, mail_job,
            server_a) -> list:
    """Each part taken away in turn while an officer works; returns (part, what, effect)
    rows, each effect measured here. Every part is brought back and checked after."""
    rows: list[tuple[str, str, str]] = []
    coordinator = Client(base, cert, ports)
    coordinator.login("dieuphoi", server="a")
    dashboard = f"/dashboard/plans/{facts['plan_id']}/?year=2026"
    attachment = f"/activities/attachments/{facts['attachment_id']}/"

    step("outage: Redis stops answering")
    os.kill(redis.pid, signal.SIGSTOP)
    try:
        page, took = timed(lambda: coordinator.get(dashboard, server="a"))
        check(page.status_code == 200, f"dashboard with Redis hung: {page.status_code}")
        fresh = Client(base, cert, ports)
        _none, login_took = timed(lambda: fresh.login("vhttdl", server="b"))
    finally:
        os.kill(redis.pid, signal.SIGCONT)
    again, again_took = timed(lambda: coordinator.get(dashboard, server="a"))
    check(again.status_code == 200, f"dashboard after Redis came back: {again.status_code}")
    rows.append(("Redis", "stops answering", f"dashboard 200 in {took:.1f} s (built without the cache); log-in works "
                 f"({login_took:.1f} s); after recovery 200 in {again_took:.2f} s"))

    step("outage: the S3 server stops answering")
    os.kill(s3.pid, signal.SIGSTOP)
    try:
        activity_id = facts["activity_id"]
        up, up_took = timed(lambda: coordinator.post(
            f"/activities/{activity_id}/attachments/", {"caption": "trong lúc mất kho tệp"}, server="a",
            files={"file": ("bien-ban.png", png_bytes(), "image/png")}))
        check(up.status_code == 400 and "không phản hồi" in up.text, f"upload with S3 hung: {up.status_code}")
        down, down_took = timed(lambda: coordinator.get(attachment, server="b"))
        check(down.status_code == 503 and down.headers.get("Retry-After"), f"download with S3 hung: {down.status_code}")
        detail, detail_took = timed(lambda: coordinator.get(f"/activities/{activity_id}/", server="b"))
        check(detail.status_code == 200, f"activity page with S3 hung: {detail.status_code}")
    finally:
        os.kill(s3.pid, signal.SIGCONT)
    back, back_took = timed(lambda: coordinator.get(attachment, server="b"))
    check(back.status_code == 200, f"download after S3 came back: {back.status_code}")
    rows.append(("S3 store", "stops answering", f"upload refused with its message (400) in {up_took:.1f} s, nothing kept; "
                 f"download 503 + Retry-After in {down_took:.1f} s; activity page 200 in {detail_took:.1f} s; "
                 f"after recovery download 200 in {back_took:.2f} s"))

    step("outage: the SMTP server refuses, then hangs")
    reports = list(facts["submitted"].values())
    took = {}
    for report_id, mode in zip(reports, ("refusing", "silent"), strict=True):
        setattr(smtp, mode, True)
        try:
            page = coordinator.get(f"/reports/{report_id}/", server="a")
            form = next(f for f in forms_of(page.text) if f["action"].endswith(f"/reports/{report_id}/return/"))
            fields = dict(form["fields"])
            fields["reason"] = "Đề nghị bổ sung số liệu người tham gia (thử mất máy chủ thư)."
            done, took[mode] = timed(lambda fields=fields, rid=report_id: coordinator.post(
                f"/reports/{rid}/return/", fields, server="a"))
            check(done.status_code == 302, f"returning a report with SMTP {mode}: {done.status_code}\n{_errors(done.text)}")
        finally:
            setattr(smtp, mode, False)
    before = len(smtp.received)
    time.sleep(2.5)  # the retry base is 1 s in this test's environment
    sent = mail_job()
    delivered = len(smtp.received) - before
    check(delivered >= 2, f"after SMTP recovery the mail job delivered {delivered}: {sent}")
    rows.append(("SMTP", "refuses (421), then hangs", f"returning a report: 302 in {took['refusing']:.1f} s (refused), "
                 f"{took['silent']:.1f} s (hung; NGVH_MAIL_INLINE_TIMEOUT); the mails wait in the outbox; "
                 f"after recovery the timer's run sent them ({sent}), each once"))

    step("outage: the database goes away")
    relay.down()
    try:
        page, page_took = timed(lambda: coordinator.get("/plans/", server="a"))
        check(page.status_code == 503 and page.headers.get("Retry-After") == "30", f"page with the database gone: {page.status_code}")
        check("Tạm thời không truy cập được" in page.text, "the 503 page does not say what happened")
        health = Client(base, cert, ports).get("/healthz", server="b")  # a load balancer: no cookie
    finally:
        relay.up()
    recovered, rec_took = timed(lambda: coordinator.get("/plans/", server="a"))
    check(recovered.status_code == 200, f"page after the database came back: {recovered.status_code}")
    rows.append(("PostgreSQL", "every connection dropped", f"pages 503 + Retry-After 30 with \"Tạm thời không truy cập được\" "
                 f"in {page_took:.2f} s; /healthz (no session) {health.status_code}; the next request after recovery "
                 f"200 in {rec_took:.2f} s, signed-in session kept"))

    step("outage: app server A stops")
    os.killpg(server_a.pid, signal.SIGTERM)
    server_a.wait(timeout=30)
    answers = []
    for _n in range(6):
        page, page_took = timed(lambda: coordinator.get(f"/dashboard/plans/{facts['plan_id']}/?year=2026"))
        answers.append((page.status_code, page.headers.get("X-Ngvh-Upstream", ""), page_took))
    check(all(code == 200 for code, _u, _t in answers), f"with server A stopped: {answers}")
    check(all(u.endswith(f":{ports['b']}") for _c, u, _t in answers), f"answered by {answers}")
    rows.append(("one app server", "gunicorn A stopped", f"{len(answers)}/{len(answers)} balanced requests 200 from B, "
                 f"signed-in session kept, slowest {max(t for _c, _u, t in answers):.2f} s"))
    return rows


def _errors(text: str) -> str:
    found = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', text, re.S)
    return " | ".join(x.strip() for x in found if x.strip())[:1500] or text[:1500]


# ---- main -------------------------------------------------------------------------------------------


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ngvh-scale-"))
    os.chmod(work, 0o755)
    log = work / "commands.log"
    processes = Processes()
    ok = False
    try:
        for tool in ("redis-server", "openssl"):
            check(shutil.which(tool) is not None, f"{tool} is missing (make system-deps installs it)")
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        check(nginx is not None, "nginx is missing (make system-deps installs it)")
        step(f"work folder {work}")

        step("PostgreSQL: a fresh database")
        database_url = postgres_database(log)

        step("Redis and the S3 server on loopback")
        redis_port, s3_port = free_port(), free_port()
        redis = processes.start("redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                          "--appendonly", "no"], os.environ.copy(), work / "redis.log")
        wait_port(redis_port, "redis-server", redis)
        moto = processes.start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)], os.environ.copy(),
                               work / "s3.log")
        wait_port(s3_port, "moto_server", moto)
        bucket = "ngvh-evidence"
        import boto3

        boto3.client("s3", endpoint_url=f"http://127.0.0.1:{s3_port}", aws_access_key_id="scale", aws_secret_access_key="scale",
                     region_name="us-east-1").create_bucket(Bucket=bucket)

        step("SMTP server and the database relay on loopback")
        sys.path.insert(0, str(REPO))
        from tests.outbox.smtp import SmtpServer

        smtp = SmtpServer().__enter__()
        relay = TcpRelay(5432)

        step("TLS certificate for nginx")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(work / "tls.key"), "-out", str(work / "tls.crt")],
            os.environ.copy(), log)

        port_a, port_b, port = free_port(), free_port(), free_port()
        origin = f"https://127.0.0.1:{port}"
        common = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": origin,
            "NGVH_BASE_URL": origin,
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "NGVH_S3_BUCKET": bucket,
            "NGVH_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
            "NGVH_S3_ACCESS_KEY_ID": "scale",
            "NGVH_S3_SECRET_ACCESS_KEY": "scale",
            "NGVH_TRUSTED_PROXIES": "127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "NGVH_MAIL_RETRY_BASE_SECONDS": "1",
        }
        common.pop("DJANGO_SETTINGS_MODULE", None)
        envs = {}
        for name in ("a", "b"):
            data_dir = work / f"server-{name}"
            data_dir.mkdir()
            # the app servers reach PostgreSQL through the relay, so that the outage test
            # can take the database away from them (the set-up commands go direct)
            envs[name] = {**common, "NGVH_DATA_DIR": str(data_dir),
                          "DATABASE_URL": database_url.replace(":5432/", f":{relay.port}/")}
        direct = {**envs["a"], "DATABASE_URL": database_url}

        step("set-up commands of the guide: migrate, collectstatic (each server), check --deploy, demo data")
        run([NGVH, "migrate", "--noinput"], direct, log)
        for name in ("a", "b"):
            run([NGVH, "collectstatic", "--noinput", "-v", "0"], envs[name], log)
        run([NGVH, "check", "--deploy"], envs["a"], log)
        # A real deployment imports its own plan (ngvh plan import) and creates accounts; the
        # scale test loads the bundled plan and the demo accounts, in demo mode for this command only.
        run([NGVH, "demo"], {**direct, "NGVH_DEMO": "1"}, log)

        step("two gunicorn servers and nginx")
        ports = {"a": port_a, "b": port_b}
        for name, p in ports.items():
            server = processes.start(
                f"gunicorn-{name}",
                [str(BIN / "gunicorn"), "ngvh.config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{p}",
                 "--forwarded-allow-ips", "127.0.0.1", "--access-logfile", "-", "--timeout", "120"],
                envs[name], work / f"gunicorn-{name}.log",
            )
            wait_port(p, f"gunicorn {name}", server)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (work / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(work / "nginx-tmp", 0o777)
        for sub in (work / "nginx-tmp").iterdir():
            os.chmod(sub, 0o777)
        (work / "nginx.conf").write_text(NGINX_CONF.format(work=work, port=port, port_a=port_a, port_b=port_b))
        run([nginx, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], os.environ.copy(), log)
        proxy = processes.start("nginx", [nginx, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"],
                                os.environ.copy(), work / "nginx.log")
        wait_port(port, "nginx", proxy)

        facts = scenario(origin, work / "tls.crt", ports)
        import redis as redis_client

        cached = redis_client.Redis(host="127.0.0.1", port=redis_port).keys("*:ngvh:dash*")
        check(bool(cached), "the dashboards left nothing in the shared Redis")
        for name in ("a", "b"):
            check(not (work / f"server-{name}" / "evidence").exists(), f"server {name} wrote evidence to its own disk")

        step("the timers' jobs (scripts/ngvh-job): remind, mail, cleanup, backup")
        jobs = {**envs["b"], "NGVH_BIN": NGVH, "NGVH_BACKUP_DIR": str(work / "backups")}
        job = str(REPO / "scripts" / "ngvh-job")
        run([job, "remind"], jobs, log)
        commands = run([NGVH, "help", "--commands"], envs["b"], log).split()
        if "mail" in commands:
            run([job, "mail"], jobs, log)
        else:
            print("   (ngvh mail send: not in this release)")
        print("   " + run([NGVH, "cleanup", "--dry-run"], envs["b"], log).strip().replace("\n", "\n   "))
        run([job, "cleanup"], jobs, log)
        run([job, "backup"], jobs, log)
        backups = sorted((work / "backups").iterdir())
        check(len(backups) == 1, f"backups: {backups}")
        backup = backups[0]
        manifest = json.loads((backup / "manifest.json").read_text())
        check(manifest["engine"] == "postgresql" and (backup / "database.pgdump").stat().st_size > 0, "backup database")
        names = {e["name"] for e in manifest["files"]}
        check(len(names) >= 2, f"the backup holds {len(names)} evidence files: {names}")
        print(f"   backup: {len(names)} files, {manifest['database']['size']} bytes of pg_dump; facts {facts}")

        table = outages(origin, work / "tls.crt", ports, facts, redis=redis, s3=moto, smtp=smtp, relay=relay,
                        mail_job=lambda: run([job, "mail"], jobs, log).strip(),
                        server_a=next(p for name, p in processes.items if name == "gunicorn-a"))
        step("what each outage did (docs/deployment.md, \"When a part fails\")")
        for part, what, effect in table:
            print(f"   | {part} | {what} | {effect} |")
        ok = True
        step("scale test passed")
        return 0
    except Failed as exc:
        print(f"!! scale test FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        processes.stop()
        for name in ("smtp", "relay"):
            thing = locals().get(name)
            if thing is not None:
                try:
                    thing.__exit__(None, None, None) if name == "smtp" else thing.close()
                except Exception:  # noqa: BLE001 - stopping what the test started
                    pass
        if ok and not os.environ.get("NGVH_SCALE_KEEP"):
            drop_database(log)
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs kept in {work}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
