"""The /-/about page: what the data is and how it was made, linked from every page's footer."""
from collections.abc import Awaitable, Callable

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import Request, Response


async def about(request: Request, datasette: Datasette) -> Response:
    """Links go to the first database served, whatever its name."""
    context = {"database": datasette.get_database().name}
    return Response.html(await datasette.render_template("about.html", context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [(r"^/-/about$", about)]
