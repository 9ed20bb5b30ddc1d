"""The /-/about page: what the data is and how it was made, linked from every page's footer."""
from datasette import hookimpl
from datasette.utils.asgi import Response


async def about(request, datasette):
    """Links go to the first database served, whatever its name."""
    context = {"database": datasette.get_database().name}
    return Response.html(await datasette.render_template("about.html", context, request=request))


@hookimpl
def register_routes():
    return [(r"^/-/about$", about)]
