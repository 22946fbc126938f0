"""``newslint serve``: an HTTP check API for newsroom CMSs.

The API (``docs/editors.md`` has the reference):

- ``POST /check``: a document as blocks -> its matches, in document offsets (see
  :mod:`newslint.blocks`);
- ``GET /rules``: every rule, with its category, severity and docs link;
- ``GET /health``: liveness, and how busy the workers are.

Why Starlette on uvicorn: a CMS keeps a connection open per writer and sends a check each time
a paragraph settles, so the server mostly holds idle connections and now and then does a burst
of CPU work. An event loop holds the connections for almost nothing and answers ``/health``
and the limits at once even while every worker is busy; the checks themselves run in a pool of
worker processes, because linting is pure Python and threads would share one core. Both
packages are maintained, widely deployed, and small (Starlette brings anyio, uvicorn brings
h11 and click).

Limits, each answered with a JSON error rather than a hang:

- a body over ``max_bytes`` gets 413, before it is read when ``Content-Length`` says so;
- a request not answered within ``timeout`` seconds (reading the body included) gets 408;
  a check still waiting for a worker is dropped, one already running finishes in its worker
  and keeps its place in the pool until then, so the pool is never oversubscribed;
- at most ``workers + queue`` checks are admitted at once; the next gets 503 with
  ``Retry-After``;
- bad JSON or a bad field gets 400 naming the field;
- a worker that dies (killed, out of memory) fails only the checks it held, with 500; the
  next check starts a new pool.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from newslint._version import __version__
from newslint.blocks import (
    CheckRequest,
    RequestError,
    check_blocks,
    parse_check_request,
    request_config,
    validated,
)
from newslint.config import Config
from newslint.engine import Linter

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BYTES = 1_000_000  # a long feature is ~60 kB of JSON; a megabyte is room to spare
DEFAULT_TIMEOUT = 10.0
DEFAULT_QUEUE = 16


@dataclass(frozen=True, slots=True)
class Limits:
    """The server's limits (see the module docstring)."""

    workers: int
    queue: int = DEFAULT_QUEUE
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT


# --- the worker processes ---------------------------------------------------------------------


class _Worker:
    """What one worker process keeps between checks: the rules, and a linter per recent
    request configuration (a bounded few, so varied configs cannot grow memory)."""

    CONFIGS_KEPT = 32

    def __init__(self, base: Config, plugins: bool) -> None:
        from newslint.plugins import configure, load_plugins

        self.pm, self.registry = load_plugins(autoload=plugins)
        configure(self.pm, base)
        self.base = base
        self.linters: OrderedDict[str, tuple[Config, Linter]] = OrderedDict()

    def linter_for(self, overrides: dict[str, Any]) -> tuple[Config, Linter]:
        key = json.dumps(overrides, sort_keys=True)
        found = self.linters.get(key)
        if found is not None:
            self.linters.move_to_end(key)
            return found
        linter = Linter(self.registry, self.pm)
        config = validated(request_config(self.base, overrides), linter)
        self.linters[key] = (config, linter)
        if len(self.linters) > self.CONFIGS_KEPT:
            self.linters.popitem(last=False)
        return config, linter


_worker: _Worker | None = None  # one per worker process, set by its initializer


def _start_worker(base: Config, plugins: bool) -> None:
    import signal

    global _worker
    # Ctrl-C reaches the whole process group: the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = _Worker(base, plugins)


def _ready() -> int:
    """A no-op job: submitting one per worker at start-up starts them all."""
    return os.getpid()


def _check(request: CheckRequest) -> list[dict[str, Any]]:
    """Run in a worker: check one request's blocks."""
    assert _worker is not None, "worker started without its initializer"
    config, linter = _worker.linter_for(request.config)
    return check_blocks(request, linter, config)


# --- the pool, with admission ---------------------------------------------------------------


class Pool:
    """Worker processes plus a bounded queue in front of them.

    A check holds a place from admission until its worker is done with it, so a check
    abandoned at its deadline while running still counts until it stops.
    """

    def __init__(self, limits: Limits, base: Config, plugins: bool) -> None:
        self.limits = limits
        self.capacity = limits.workers + limits.queue
        self.in_flight = 0
        self._initargs = (base, plugins)
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        import multiprocessing

        # "spawn": a worker starts from a clean interpreter, not a fork of a process that
        # runs an event loop and threads.
        return ProcessPoolExecutor(
            max_workers=self.limits.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=self._initargs,
        )

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(self.executor, _ready) for _ in range(self.limits.workers)]
        await asyncio.gather(*jobs)

    def admit(self, request: CheckRequest) -> Future[list[dict[str, Any]]] | None:
        """Submit a check, or ``None`` when the pool and its queue are full."""
        if self.in_flight >= self.capacity:
            return None
        try:
            future = self.executor.submit(_check, request)
        except BrokenProcessPool:
            # A worker died (killed, out of memory) and took the pool with it: start anew.
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new_executor()
            future = self.executor.submit(_check, request)
        self.in_flight += 1
        loop = asyncio.get_running_loop()

        def release(_: Future[Any]) -> None:
            loop.call_soon_threadsafe(self._release)

        future.add_done_callback(release)
        return future

    def _release(self) -> None:
        self.in_flight -= 1

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


# --- the application ------------------------------------------------------------------------


def _error(status: int, message: str, field: str | None = None, **headers: str) -> Any:
    from starlette.responses import JSONResponse

    body: dict[str, Any] = {"error": message, "status": status}
    if field is not None:
        body["field"] = field
    return JSONResponse(body, status_code=status, headers=headers or None)


class _TooLarge(Exception):
    pass


async def _read_body(request: Any, max_bytes: int) -> bytes:
    """The body, refused past ``max_bytes`` whatever ``Content-Length`` claims."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(limits: Limits, base: Config, *, plugins: bool = True) -> Any:
    """The ASGI application: routes, limits and the worker pool's lifetime."""
    import contextlib

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from newslint.plugins import load_plugins
    from newslint.rule_docs import rule_docs_url

    _, registry = load_plugins(autoload=plugins)
    rules_registry = registry.with_packs(base.packs) if base.packs else registry
    base.validate(rules_registry)
    rules_body = [
        {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category,
            "severity": base.severity_of(rule),
            "enabled": base.is_enabled(rule),
            "fix": rule.fix,
            "summary": rule.summary,
            "docs": rule_docs_url(rule),
        }
        for rule in rules_registry.sorted_rules()
    ]
    state: dict[str, Pool] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):  # type: ignore[no-untyped-def]
        pool = state["pool"] = Pool(limits, base, plugins)
        try:
            await pool.start()
            yield
        finally:
            pool.close()

    async def health(request: Request) -> JSONResponse:
        pool = state["pool"]
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "workers": limits.workers,
                "inFlight": pool.in_flight,
                "capacity": pool.capacity,
            }
        )

    async def rules(request: Request) -> JSONResponse:
        return JSONResponse({"rules": rules_body})

    async def check(request: Request) -> Any:
        try:
            async with asyncio.timeout(limits.timeout):
                return await _answer(request)
        except TimeoutError:
            return _error(408, f"the check took longer than {limits.timeout:g} s")

    async def _answer(request: Request) -> Any:
        try:
            body = await _read_body(request, limits.max_bytes)
        except _TooLarge:
            return _error(413, f"the request is larger than {limits.max_bytes} bytes")
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return _error(400, f"the body is not JSON: {error}", "(body)")
        try:
            check_request = parse_check_request(data)
        except RequestError as error:
            return _error(400, str(error), error.field)
        future = state["pool"].admit(check_request)
        if future is None:
            return _error(503, "every worker is busy and the queue is full", **{"Retry-After": "1"})
        try:
            matches = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # still queued: never start it; running: it finishes unheard
            raise
        except RequestError as error:
            return _error(400, str(error), error.field)
        except BrokenProcessPool:
            return _error(500, "the worker checking this request stopped; send it again")
        return JSONResponse({"documentId": check_request.document_id, "matches": matches})

    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return _error(404, f"no such endpoint: {request.method} {request.url.path}")

    async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
        return _error(405, f"{request.method} is not allowed on {request.url.path}")

    return Starlette(
        routes=[
            Route("/check", check, methods=["POST"]),
            Route("/rules", rules, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
        ],
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: not_allowed},
    )


# --- the command ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from newslint.cli_common import add_config_options, positive_int

    parser = argparse.ArgumentParser(
        prog="newslint serve",
        description="Serve the HTTP check API for CMSs (POST /check, GET /rules, GET /health). "
        "Needs the serve extra: pip install 'newslint[serve]'.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"default: {DEFAULT_HOST}")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}; 0 picks one"
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes that run checks (default: one per CPU)",
    )
    parser.add_argument(
        "--queue",
        type=int,
        default=DEFAULT_QUEUE,
        metavar="N",
        help=f"checks that may wait for a worker; more get 503 (default: {DEFAULT_QUEUE})",
    )
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest request body; larger gets 413 (default: {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget of one request; over it gets 408 (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--log-level",
        choices=("critical", "error", "warning", "info", "debug"),
        default="info",
        help="server log level; info logs each request (default: info)",
    )
    add_config_options(parser)
    return parser


def main(argv: Sequence[str]) -> int:
    from newslint.cli_common import EXIT_ERROR, EXIT_OK, ConfigResolver, UsageError, load_registry

    args = build_parser().parse_args(argv)
    if args.queue < 0:
        raise UsageError("--queue must be 0 or more")
    if args.timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    try:
        import uvicorn
    except ImportError:
        raise UsageError(
            "newslint serve needs the serve extra: pip install 'newslint[serve]'"
        ) from None
    registry = load_registry(args.no_plugins)
    config = ConfigResolver(args, registry).for_path(os.path.join(os.getcwd(), "x"))
    limits = Limits(args.workers, args.queue, args.max_bytes, args.timeout)
    app = create_app(limits, config, plugins=not args.no_plugins)
    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.create_server((args.host, args.port), family=family)
    except OSError as error:
        print(
            f"newslint: error: cannot listen on {args.host}:{args.port}: {error.strerror}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"newslint serve: listening on http://{shown}:{port}", file=sys.stderr, flush=True)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level=args.log_level, timeout_graceful_shutdown=5)
    )
    server.run(sockets=[sock])
    return EXIT_OK
