"""A repeated GET is answered from memory until a database file changes, so a popular page costs the server once.

Under 50 concurrent readers on two cores the home page took 3.9 s and a
streamed CSV 14 s: every reader paid again for a page just made for someone
else. The site is read-only and only a build changes what it shows, so a
page is the same for the same URL until a served database file (or its WAL)
changes; then the whole cache is dropped. Identical requests that arrive
together wait for the first one instead of all running it. The cache holds
at most MAX_TOTAL_BYTES, keeps no response over MAX_ENTRY_BYTES, and never
keeps an error or a response that sets a cookie. A request sent with
Cache-Control: no-cache (a hard reload) is always made anew.
"""
import asyncio
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from datasette import hookimpl
from datasette.app import Datasette

from newsclaims.site import App, Message, Receive, Scope, Send

Headers: TypeAlias = list[tuple[bytes, bytes]]
# (status, headers, body) of a finished response
Kept: TypeAlias = tuple[int, Headers, bytes]
# path, query string, host and cookie headers
RequestKey: TypeAlias = tuple[str, bytes, bytes | None, bytes | None]

MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
CACHE_HEADER = b"x-newsclaims-cache"
# Pages under /-/ are Datasette's live introspection (threads, actor...), except these, made from the data.
DATA_PAGES = ("/-/article/", "/-/entity/", "/-/provenance/")


class ResponseCache:
    """Finished responses by request key, least recently used dropped first, all dropped when ``version`` moves."""

    def __init__(self) -> None:
        self.responses: OrderedDict[RequestKey, Kept] = OrderedDict()
        self.bytes = 0
        self.version: tuple[object, ...] | None = None
        self.running: dict[RequestKey, asyncio.Event] = {}  # set when the first request for the key finishes

    def renew(self, version: tuple[object, ...]) -> None:
        if version != self.version:
            self.responses.clear()
            self.bytes = 0
            self.version = version

    def get(self, key: RequestKey) -> Kept | None:
        response = self.responses.get(key)
        if response is not None:
            self.responses.move_to_end(key)
        return response

    def put(self, key: RequestKey, status: int, headers: Headers, body: bytes) -> None:
        if key in self.responses:
            self.bytes -= len(self.responses.pop(key)[2])
        self.responses[key] = (status, headers, body)
        self.bytes += len(body)
        while self.bytes > MAX_TOTAL_BYTES:
            _, (_, _, dropped) = self.responses.popitem(last=False)
            self.bytes -= len(dropped)


@dataclass
class ResponseParts:
    """What run_and_keep has seen of one response so far, and whether it may still be kept."""

    status: int = 0
    headers: Headers = field(default_factory=list)
    body: list[bytes] = field(default_factory=list)
    size: int = 0
    keep: bool = True


def database_version(datasette: Datasette) -> tuple[tuple[int, int] | None, ...]:
    """What changes whenever a build commits: size and modification time of every database file and its WAL."""
    version: list[tuple[int, int] | None] = []
    for database in datasette.databases.values():
        if database.path:
            for path in (database.path, database.path + "-wal"):
                try:
                    stat = os.stat(path)
                except OSError:
                    stat = None
                # An empty WAL (made by the first reader) holds nothing: the same as none.
                version.append((stat.st_mtime_ns, stat.st_size) if stat and stat.st_size else None)
    return tuple(version)


def cacheable(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    return not scope["path"].startswith("/-/") or scope["path"].startswith(DATA_PAGES)


def request_key(scope: Scope) -> RequestKey:
    """Path, query and the headers a page may depend on: host (absolute links) and cookies."""
    headers = dict(scope.get("headers") or [])
    return scope["path"], scope.get("query_string", b""), headers.get(b"host"), headers.get(b"cookie")


async def replay(send: Send, response: Kept) -> None:
    status, headers, body = response
    await send({"type": "http.response.start", "status": status, "headers": headers + [(CACHE_HEADER, b"hit")]})
    await send({"type": "http.response.body", "body": body})


async def run_and_keep(app: App, scope: Scope, receive: Receive, send: Send, cache: ResponseCache,
                       key: RequestKey) -> None:
    """Run the request, passing every message on, and keep the response if it is whole, 200, small and cookie-free."""
    kept = ResponseParts()

    async def send_and_keep(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers") or [])
            kept.keep = message["status"] == 200 and not any(name.lower() == b"set-cookie" for name, _ in headers)
            kept.status, kept.headers = message["status"], headers
            message = {**message, "headers": headers + [(CACHE_HEADER, b"miss")]}
        elif message["type"] == "http.response.body" and kept.keep:
            chunk = message.get("body", b"")
            kept.size += len(chunk)
            kept.keep = kept.size <= MAX_ENTRY_BYTES
            if not kept.keep:
                kept.body.clear()
            else:
                kept.body.append(chunk)
            if kept.keep and not message.get("more_body", False):
                cache.put(key, kept.status, kept.headers, b"".join(kept.body))
        await send(message)

    await app(scope, receive, send_and_keep)


@hookimpl(trylast=True)
def asgi_wrapper(datasette: Datasette) -> Callable[[App], App]:
    """trylast: the outermost wrapper, so what is kept is what readers got (CSV cells already neutralised)."""
    cache = ResponseCache()

    def wrap(app: App) -> App:
        async def cached(scope: Scope, receive: Receive, send: Send) -> None:
            if not cacheable(scope):
                return await app(scope, receive, send)
            cache.renew(database_version(datasette))
            key = request_key(scope)
            if b"no-cache" in dict(scope.get("headers") or []).get(b"cache-control", b""):
                # A hard reload, or a benchmark timing the page itself: made anew, as HTTP caches do.
                return await run_and_keep(app, scope, receive, send, cache, key)
            if key in cache.running:
                await cache.running[key].wait()
                response = cache.get(key)
                # The first could not be kept (too big, an error): each runs its own.
                return await (replay(send, response) if response else app(scope, receive, send))
            response = cache.get(key)
            if response is not None:
                return await replay(send, response)
            cache.running[key] = done = asyncio.Event()
            try:
                await run_and_keep(app, scope, receive, send, cache, key)
            finally:
                del cache.running[key]
                done.set()

        return cached

    return wrap
