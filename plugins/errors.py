"""Error pages that are the error's own status, with no traceback in the log for a 4xx.

Datasette 0.65's own handler calls rich's print_exception (rich comes with
spaCy). Outside an except block that raises, so every unknown URL became a
500; inside one it prints a screen-long traceback for each 404. This hook
wrapper replaces every handler's answer with ours; only a real 500 is logged,
with a plain traceback.
"""
import sys
import traceback
from collections.abc import Generator
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import Base400, Request, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup


def status_and_message(exception: Exception) -> tuple[int, str, str | None]:
    if isinstance(exception, Base400):
        return exception.status, exception.args[0] if exception.args else "", None
    if isinstance(exception, DatasetteError):
        # Datasette 0.65 raises an unknown ?_sort column with the default status, 500: it is the request's fault.
        status = 400 if exception.message.startswith("Cannot sort table by") else exception.status
        message = Markup(exception.message) if exception.message_is_html else exception.message
        return status, message, exception.title
    return 500, str(exception), None


async def error_page(datasette: Datasette, request: Request, exception: Exception) -> Response:
    status, message, title = status_and_message(exception)
    if status >= 500:
        traceback.print_exception(exception, file=sys.stderr)
    info = {"ok": False, "error": message, "status": status, "title": title}
    if request.path.endswith(".json"):
        return Response.json(info, status=status)
    template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
    context = dict(info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: [])
    return Response.html(await template.render_async(context), status=status)


@hookimpl(hookwrapper=True)
def handle_exception(datasette: Datasette, request: Request, exception: Exception) -> Generator[None, Any, None]:
    outcome = yield
    outcome.force_result([error_page(datasette, request, exception)])
