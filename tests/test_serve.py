"""``newslint serve``: the real server over real HTTP on a free port, as a CMS calls it."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED

TIMEOUT = 60.0


class Server:
    """``newslint serve --port 0`` in a process of its own; waits until it answers."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.log = folder / "serve.log"
        self._log = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "serve", "--port", "0", "--isolated", *args],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
        deadline = time.monotonic() + TIMEOUT
        self.port = 0
        while time.monotonic() < deadline and self.process.poll() is None:
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.log.read_text())
            if found:
                self.port = int(found.group(1))
                try:
                    if self.request("GET", "/health")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not start:\n{self.log.read_text()}")

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)

    def request(
        self, method: str, path: str, body: Any = None, raw: bytes | None = None
    ) -> tuple[int, dict[str, Any], http.client.HTTPResponse]:
        connection = self.connection()
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        payload = json.loads(response.read())
        connection.close()
        return response.status, payload, response

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=TIMEOUT)
        self._log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    server = Server(tmp_path_factory.mktemp("serve"), "--workers", "1", "--max-bytes", "20000")
    yield server
    server.stop()


def seed_blocks() -> tuple[str, list[dict[str, Any]]]:
    """The seed article as a CMS sends it: one block per paragraph, at its offset."""
    text = SEED.read_text(encoding="utf-8")
    blocks = [
        {"id": f"p{number}", "text": match.group(), "from": match.start(), "to": match.end()}
        for number, match in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))
    ]
    return text, blocks


def test_the_seed_as_blocks_gives_the_command_lines_findings_at_the_same_offsets(server, run_cli):
    text, blocks = seed_blocks()
    status, body, _ = server.request("POST", "/check", {"documentId": "seed", "blocks": blocks})
    assert status == 200
    assert body["documentId"] == "seed"
    _, out, _ = run_cli("--format", "json", str(SEED))
    cli = json.loads(out)
    assert [(m["code"], m["from"], m["to"], m["message"]) for m in body["matches"]] == sorted(
        ((d["code"], d["offset"], d["end_offset"], d["message"]) for d in cli),
        key=lambda item: (item[1], item[2], item[0]),
    )
    first = body["matches"][0]
    assert text[first["from"] : first["to"]] == "Loading Now"
    assert first["blockId"] == "p0"
    assert (first["name"], first["category"], first["severity"]) == (
        "page-widget-text",
        "boilerplate",
        "warning",
    )
    restated = next(m for m in body["matches"] if m["code"] == "NL402")
    assert [(r["blockId"], r["from"]) for r in restated["related"]] == [("p2", blocks[2]["from"])]


def test_rules_lists_every_rule_with_its_docs(server, run_cli):
    status, body, _ = server.request("GET", "/rules")
    assert status == 200
    _, out, _ = run_cli("rules", "--format", "json", "--isolated")
    assert [r["code"] for r in body["rules"]] == [r["code"] for r in json.loads(out)]
    widget = next(r for r in body["rules"] if r["code"] == "NL101")
    assert widget["docs"].endswith("/docs/rules/NL101.md")
    assert (widget["category"], widget["severity"], widget["enabled"]) == (
        "boilerplate",
        "warning",
        True,
    )


def test_health(server):
    status, body, _ = server.request("GET", "/health")
    assert status == 200
    assert body["status"] == "ok"
    assert body["workers"] == 1


def test_request_config_selects_rules(server):
    _, blocks = seed_blocks()
    status, body, _ = server.request(
        "POST", "/check", {"blocks": blocks, "config": {"select": ["NL1"], "ignore": ["NL105"]}}
    )
    assert status == 200
    assert sorted({m["code"] for m in body["matches"]}) == ["NL101", "NL102"]


@pytest.mark.parametrize(
    ("raw", "status", "field"),
    [
        (b"{not json", 400, "(body)"),
        (b"\xff\xfe", 400, "(body)"),
        (
            json.dumps({"blocks": [{"id": "a", "text": "x", "from": "0"}]}).encode(),
            400,
            "blocks[0].from",
        ),
        (json.dumps({"blocks": [], "config": {"select": ["XX1"]}}).encode(), 400, "config"),
        (
            json.dumps({"blocks": [], "config": {"packs": ["/etc/x.toml"]}}).encode(),
            400,
            "config.packs",
        ),
    ],
)
def test_bad_input_gets_400_naming_the_field(server, raw, status, field):
    got, body, _ = server.request("POST", "/check", raw=raw)
    assert got == status, body
    if field is not None:
        assert body["field"] == field
        assert body["error"].startswith(f"{field}: ") or field == "(body)"


def test_unknown_routes_and_methods_are_json_errors(server):
    assert server.request("GET", "/nope")[:2] == (
        404,
        {"error": "no such endpoint: GET /nope", "status": 404},
    )
    status, body, _ = server.request("GET", "/check")
    assert (status, body["error"]) == (405, "GET is not allowed on /check")


def test_a_body_over_the_limit_gets_413_before_it_is_read(server):
    status, body, _ = server.request("POST", "/check", raw=b" " * 20001)
    assert status == 413
    assert "larger than 20000 bytes" in body["error"]


def test_a_chunked_body_over_the_limit_gets_413(server):
    connection = server.connection()
    chunks = (b"x" * 5000 for _ in range(10))  # no Content-Length: counted as it arrives
    connection.request("POST", "/check", body=chunks, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_a_client_that_stops_sending_gets_408_not_a_hang(tmp_path):
    server = Server(tmp_path, "--workers", "1", "--timeout", "0.5")
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as sock:
            sock.sendall(
                b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"blocks": ['
            )
            started = time.monotonic()
            reply = sock.recv(65536).decode()
            assert reply.startswith("HTTP/1.1 408")
            assert time.monotonic() - started < 5
    finally:
        server.stop()


def long_article(words: int) -> str:
    """A synthetic article of about ``words`` words (no benchmark text)."""
    vocabulary = (
        "council budget plan mayor officials city water school transit vote library road "
        "police court hospital district residents clinic bridge park"
    ).split()
    sentences = []
    for number in range(words // 12):
        picked = [vocabulary[(number * 7 + k * 3) % len(vocabulary)] for k in range(12)]
        sentences.append(" ".join(picked).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def test_a_slow_check_gets_408_and_keeps_its_worker_so_the_next_gets_503(tmp_path):
    server = Server(tmp_path, "--workers", "1", "--queue", "0", "--timeout", "0.3")
    try:
        text = long_article(40_000)
        slow = {"blocks": [{"id": "all", "text": text, "from": 0}]}
        replies: dict[str, tuple[int, dict[str, Any]]] = {}

        def send_slow() -> None:
            replies["slow"] = server.request("POST", "/check", slow)[:2]

        thread = threading.Thread(target=send_slow)
        thread.start()
        deadline = time.monotonic() + TIMEOUT
        while not server.request("GET", "/health")[1]["inFlight"]:  # the slow check is admitted
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.01)
        status, body, response = server.request(
            "POST", "/check", {"blocks": [{"id": "a", "text": "Loading Now", "from": 0}]}
        )
        assert status == 503
        assert response.getheader("Retry-After") == "1"
        assert "busy" in body["error"]
        thread.join(TIMEOUT)
        assert replies["slow"][0] == 408
        assert "longer than 0.3 s" in replies["slow"][1]["error"]
        # The abandoned check still holds the worker until it ends, then the pool is free.
        deadline = time.monotonic() + TIMEOUT
        while server.request("GET", "/health")[1]["inFlight"] and time.monotonic() < deadline:
            time.sleep(0.1)
        status, body, _ = server.request(
            "POST", "/check", {"blocks": [{"id": "a", "text": "Loading Now", "from": 0}]}
        )
        assert status == 200
        assert [m["code"] for m in body["matches"]] == ["NL101"]
    finally:
        server.stop()


def test_it_binds_to_loopback_by_default(server):
    assert server.request("GET", "/health")[0] == 200
    log = server.log.read_text()
    assert "listening on http://127.0.0.1:" in log


def _workers_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        int(child)
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_a_worker_that_dies_is_replaced(tmp_path):
    import os
    import signal

    server = Server(tmp_path, "--workers", "1")
    body = {"blocks": [{"id": "a", "text": "Loading Now", "from": 0}]}
    try:
        [worker] = _workers_of(server.process.pid)
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.5)  # the pool notices its worker is gone
        status, reply, _ = server.request("POST", "/check", body)
        # The pool broke with its worker: the check is run by a new pool, or told to retry.
        if status == 500:
            assert "send it again" in reply["error"]
            status, reply, _ = server.request("POST", "/check", body)
        assert status == 200
        assert [m["code"] for m in reply["matches"]] == ["NL101"]
        assert worker not in _workers_of(server.process.pid)
    finally:
        server.stop()


def test_without_the_extra_the_command_says_what_to_install(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if uvicorn were not installed
    code, out, err = run_cli("serve")
    assert out == ""
    assert code == 2
    assert err == (
        "newslint: error: newslint serve needs the serve extra: pip install 'newslint[serve]'\n"
    )
