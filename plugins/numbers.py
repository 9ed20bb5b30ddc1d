"""Numbers on HTML pages as people write them: 325,000,000 not 325000000.0, 0.2% for a share.

Only the HTML changes: CSV and JSON keep the stored values. Ids and
character offsets stay plain, and foreign keys keep Datasette's labels.
"""
from typing import Any

from datasette import hookimpl
from jinja2 import Environment

PLAIN_COLUMNS = {"id", "rowid", "start", "end", "record", "part_of"}
VALUE_COLUMNS = {"value", "low", "high"}


def readable(value: Any) -> Any:
    """325000000.0 -> '325,000,000'; 0.25 -> '0.25'; anything not a number unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return format(value, ",.15g")


def is_plain(column: str) -> bool:
    return column in PLAIN_COLUMNS or column.endswith(("_id", "_start", "_end"))


@hookimpl
def prepare_jinja2_environment(env: Environment) -> None:
    env.filters["readable"] = readable


@hookimpl
def render_cell(row: Any, value: Any, column: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or is_plain(column):
        return None
    text = readable(value)
    if column in VALUE_COLUMNS and "unit" in row.keys() and row["unit"] == "percent":
        text += "%"
    return text
