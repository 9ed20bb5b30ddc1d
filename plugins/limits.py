"""Limits on every SQLite connection the site opens, so no single function call outruns the time limit.

Datasette stops a query at sql_time_limit_ms between SQLite instructions, but
not inside one long function call: printf('%.*c', 2147483647, 'x') ran for
21 s, randomblob(1000000000) built a 1.3 GB response, and a search for "a "
a thousand times held a thread for minutes. Here every connection gets
length limits, no printf, and an escape_fts (the function Datasette's table
search and our saved searches call) that keeps a few distinct terms only.
"""
import re
import sqlite3

from datasette import hookimpl

from newsclaims.articles import MAX_BYTES

LIMITS = {
    # Largest string or blob: an article body, read from at most MAX_BYTES of file, is at most 3 bytes of UTF-8 each.
    sqlite3.SQLITE_LIMIT_LENGTH: 3 * MAX_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 50_000,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 32,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
}
# printf (alias format) pads in a loop one character at a time, whatever the length limit: 21 s for one call.
DENIED_FUNCTIONS = {"printf", "format"}
MAX_SEARCH_CHARS = 200
MAX_SEARCH_TERMS = 8
SEARCH_BITS = re.compile(r'\s+|(".*?")')


def authorizer(action: int, name: str | None, function: str | None, *_: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION and function and function.lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def escape_fts(query: str | None) -> str:
    """Search input as FTS5 phrases: the first MAX_SEARCH_TERMS distinct words or "quoted phrases" of
    its first MAX_SEARCH_CHARS characters, so a search costs what its matches cost, not its repetitions.
    Nothing searchable left gives '""', which matches no row (an empty match is a syntax error)."""
    query = (query or "")[:MAX_SEARCH_CHARS]
    if query.count('"') % 2:
        query += '"'
    terms: list[str] = []
    for bit in SEARCH_BITS.split(query):
        term = " ".join((bit or "").replace('"', " ").split())
        if term and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    return " ".join(f'"{term}"' for term in terms[:MAX_SEARCH_TERMS]) or '""'


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    """trylast: our escape_fts replaces the one Datasette registers on the same connection."""
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.set_authorizer(authorizer)
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
