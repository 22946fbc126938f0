"""``newslint lsp``: the real server process, driven over stdio with JSON-RPC messages, as an
editor drives it."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import newslint
from newslint.plugins import get_registry
from newslint.rule_docs import rule_markdown

from conftest import SEED

TIMEOUT = 30.0


class LspClient:
    """A minimal language client: Content-Length framed JSON-RPC over the server's stdio."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.stderr = (cwd / "lsp-stderr.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            cwd=cwd,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def _next(self, deadline: float) -> dict[str, Any]:
        message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
        if "method" in message and "id" in message:  # a request from the server: accept it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            if "method" in message:
                self.notifications.append(message)

    def wait_for(self, method: str, predicate: Any = lambda params: True) -> dict[str, Any]:
        """The next notification ``method`` whose params satisfy ``predicate``."""
        for index, message in enumerate(self.notifications):
            if message["method"] == method and predicate(message["params"]):
                del self.notifications[index]
                return message["params"]
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("method") == method and predicate(message["params"]):
                return message["params"]
            if "method" in message:
                self.notifications.append(message)

    def initialize(self, root: Path) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        return uri

    def close(self) -> int:
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
        code = self.process.wait(timeout=TIMEOUT)
        self.stderr.close()
        return code


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """One server process for the tests that do not end it (it starts in ~1.5 s)."""
    root = tmp_path_factory.mktemp("lsp")
    client = LspClient(root, "--debounce", "300")
    client.initialize(root)
    yield client
    assert client.close() == 0


@pytest.fixture
def client(server: LspClient) -> LspClient:
    server.notifications.clear()
    return server


def _published(client: LspClient, uri: str, version: int | None = None) -> list[dict[str, Any]]:
    params = client.wait_for(
        "textDocument/publishDiagnostics",
        lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
    )
    return params["diagnostics"]


def _first(diagnostics: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(d for d in diagnostics if d["code"] == code)


def test_seed_diagnostics_are_the_command_lines_with_codes_links_and_related(client, article):
    uri = client.open(article, article.read_text(encoding="utf-8"))
    published = _published(client, uri, 1)
    expected = newslint.lint_text(article.read_text(encoding="utf-8"), path=str(article))
    assert [
        (d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
        for d in published
    ] == [(d.code, d.line, d.column) for d in expected]
    loading = published[0]
    assert loading["message"] == "Page widget text left in the article: 'Loading Now'"
    assert loading["range"] == {
        "start": {"line": 0, "character": 0},
        "end": {"line": 0, "character": 11},
    }
    assert loading["severity"] == 2  # warning
    assert loading["source"] == "newslint"
    assert loading["codeDescription"]["href"].endswith("/docs/rules/NL101.md")
    assert {d["severity"] for d in published if d["code"] == "NL701"} == {3}  # info
    restated = _first(published, "NL402")
    assert restated["relatedInformation"] == [
        {
            "location": {
                "uri": uri,
                "range": {
                    "start": {"line": 4, "character": 0},
                    "end": {"line": 4, "character": 491},
                },
            },
            "message": "the paragraph it restates",
        }
    ]


def test_an_edit_is_rechecked_once_the_writer_pauses(client, article):
    text = article.read_text(encoding="utf-8")
    uri = client.open(article, text)
    _published(client, uri, 1)
    # Five quick edits (delete the first line's two words one character at a time, then the
    # blank line): one check, of the last version.
    for version in range(2, 7):
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": 0, "character": 0},
                            "end": {"line": 0, "character": 1},
                        },
                        "text": "",
                    }
                ],
            },
        )
    published = _published(client, uri, 6)
    versions = [
        n["params"].get("version")
        for n in client.notifications
        if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
    ]
    assert versions == []  # nothing published for versions 2 to 5
    # "Loading Now" lost five characters ("ng Now" is no widget); the rest did not move.
    before = newslint.lint_text(text)
    after = newslint.lint_text(text[5:])
    assert len(after) == len(before) - 1
    assert [(d["code"], d["range"]["start"]["line"] + 1) for d in published] == [
        (d.code, d.line) for d in after
    ]


def test_code_actions_fix_and_disable_and_the_directive_works(client, article):
    text = article.read_text(encoding="utf-8")
    uri = client.open(article, text)
    published = _published(client, uri, 1)
    loading = published[0]
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": loading["range"],
            "context": {"diagnostics": [loading]},
        },
    )
    titles = [action["title"] for action in actions]
    assert titles == ["Delete the line (NL101)", "Disable NL101 (page-widget-text) for this line"]
    fix, disable = actions
    assert fix["isPreferred"] is True
    assert fix["edit"]["changes"][uri] == [
        {
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}},
            "newText": "",
        }
    ]
    [insert] = disable["edit"]["changes"][uri]
    assert insert["newText"] == "<!-- newslint-disable-next-line NL101 -->\n"
    # The editor applies the directive; the next check no longer reports line 1's widget.
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": insert["range"], "text": insert["newText"]}],
        },
    )
    after = _published(client, uri, 2)
    assert [d["code"] for d in after] == [d["code"] for d in published[1:]]
    assert after[0]["range"]["start"]["line"] == published[1]["range"]["start"]["line"] + 1


def test_unsafe_fix_is_offered_but_not_preferred(client, article):
    uri = client.open(article, article.read_text(encoding="utf-8"))
    bio = _first(_published(client, uri, 1), "NL105")
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": bio["range"], "context": {"diagnostics": [bio]}},
    )
    unsafe = next(a for a in actions if "NL105" in a["title"] and "Delete" in a["title"])
    assert "unsafe" in unsafe["title"]
    assert unsafe["isPreferred"] is False


def test_hover_on_a_diagnostic_explains_its_rule(client, article):
    uri = client.open(article, article.read_text(encoding="utf-8"))
    vague = _first(_published(client, uri, 1), "NL202")
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": vague["range"]["start"]},
    )
    assert hover["contents"]["kind"] == "markdown"
    # The phrase's rule first, then the paragraph's (NL501 spans the whole paragraph).
    parts = hover["contents"]["value"].split("\n\n---\n\n")
    rules = get_registry().rules
    assert parts == [rule_markdown(rules["NL202"]), rule_markdown(rules["NL501"])]
    assert hover["range"] == vague["range"]
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 3}},
    )
    assert nothing is None  # the headline has no diagnostic


def test_columns_are_utf16_units_as_clients_count_them(client, tmp_path):
    path = tmp_path / "emoji.txt"
    text = "🎉🎉 The plan is currently stalled, officials said.\n"
    uri = client.open(path, text)
    [currently] = [d for d in _published(client, uri, 1) if d["code"] == "NL702"]
    # Each emoji is one character to newslint and two UTF-16 units to the editor.
    start = text.index("currently")
    assert currently["range"]["start"] == {"line": 0, "character": start + 2}
    assert currently["range"]["end"] == {"line": 0, "character": start + 2 + len("currently")}


def test_config_is_found_from_the_documents_folder(client, tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.toml").write_text('ignore = ["NL101"]\n')
    path = desk / "draft.md"
    uri = client.open(path, "Loading Now\n\nThe plan is currently stalled.\n", "markdown")
    codes = [d["code"] for d in _published(client, uri, 1)]
    assert "NL101" not in codes
    assert "NL702" in codes


def test_a_broken_config_is_reported_once_by_name(client, tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.toml").write_text('selct = ["NL1"]\n')
    uri = client.open(desk / "draft.txt", "Loading Now\n")
    message = client.wait_for("window/showMessage")
    assert message["type"] == 1  # error
    assert str(desk / "newslint.toml") in message["message"]
    assert "did you mean 'select'" in message["message"]
    assert _published(client, uri, 1) == []


def test_other_file_types_are_left_alone(client, tmp_path):
    uri = client.open(tmp_path / "script.py", "Loading Now\n", "python")
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
    )
    assert hover is None
    assert not any(n["method"] == "textDocument/publishDiagnostics" for n in client.notifications)


def test_initialize_shutdown_and_exit(tmp_path):
    client = LspClient(tmp_path)
    capabilities = client.initialize(tmp_path)["capabilities"]
    assert capabilities["hoverProvider"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert capabilities["textDocumentSync"]["save"]
    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_without_the_extra_the_command_says_what_to_install(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if pygls were not installed
    code, out, err = run_cli("lsp")
    assert out == ""
    assert code == 2
    assert err == "newslint: error: newslint lsp needs the lsp extra: pip install 'newslint[lsp]'\n"
