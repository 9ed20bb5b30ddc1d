"""The /-/about page: what the data is and how it was made, linked from every page's footer."""
from datasette import hookimpl
from datasette.utils.asgi import Response


async def about(request, datasette):
    return Response.html(await datasette.render_template("about.html", {}, request=request))


@hookimpl
def register_routes():
    return [(r"^/-/about$", about)]
