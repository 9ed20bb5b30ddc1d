"""The site is read-only: any request that is not GET, HEAD or OPTIONS gets 405.

Nothing on the site needs to write; refusing other methods at the door also
spares a POST to a saved query from reaching Datasette's handler (which
answers it with a 500).
"""
from collections.abc import Callable

from datasette import hookimpl

from newsclaims.site import App, Receive, Scope, Send

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper() -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def read_only(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"This site is read-only.\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
