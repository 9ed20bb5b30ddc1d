"""Load-test the published site: start Datasette on 127.0.0.1, send concurrent requests, report speed and errors.

Bounded twice: it stops after --requests requests or --seconds seconds,
whichever comes first, then stops the server. Only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/load.py                       # builds seeds/ into a temp dir first
    .venv/bin/python bench/load.py --db newsclaims.db --requests 2000 --concurrency 16 --seconds 60

Requests go through a fixed shuffled plan of what readers ask for: every
saved query in metadata.yml (as a page and as JSON) for each of the most
mentioned names, full-text search, row, article and entity pages, streamed
CSV and JSON table pages; about a thousand distinct URLs on the seeds, so
the site's page cache answers only repeats. With --hostile, one request in HOSTILE_EVERY is an
attack instead (a search of "a " a thousand times or of ten common words, SQL that builds a gigabyte
string, the provenance page of a 1.5 MB article added to a copy of the
database, ids and sorts that do not exist), and the report gives the ordinary
readers' p95 and the slowest request beside the SQL time limit. Exit status 1
if any request failed: a reader's that did not answer 2xx, an attack's that
answered 5xx or timed out.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from helpers import (
    DATABASE,
    ROOT,
    Server,
    big_article_quote,
    parameters_of,
    read_column,
    saved_queries,
    with_big_article,
)

# Saved-query parameters that take a name get each of the READER_NAMES most mentioned names; others these values.
NAME_PARAMS = {"search", "speaker", "claimant", "entity"}
PARAM_VALUES = {"unit": ""}
READER_NAMES = 40
READER_ROWS = 200
SEARCH_WORDS = ["tanks", "Putin", "NATO", "ceasefire", "Kyiv", "missiles", "said"]
REQUEST_TIMEOUT = 30
HOSTILE_EVERY = 5
HOSTILE_SEARCHES = ["a " * 1000, "the of and to in a is that for on"]
HOSTILE_SQL = ["select printf('%.*c', 2147483647, 'x')", "select randomblob(1000000000)",
               "select zeroblob(1000000000)", "select replace(printf('%.*c', 100000000, 'x'), 'x', 'yy')"]
BAD_URLS = ["/-/provenance/quotes/9223372036854775808", f"/-/provenance/quotes/{'9' * 5000}",
            "/-/provenance/quotes/abc", "/-/provenance/foo/1", f"/{DATABASE}/quotes/1/extra", "/a/b/c/d",
            f"/{DATABASE}/quotes?_sort=nonexistent", f"/{DATABASE}/quotes?_sort_desc=nonexistent"]


def build_seeds(folder):
    """Build seeds/ into ``folder``/newsclaims.db with the project's own command; returns the path."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    db_path = Path(folder) / f"{DATABASE}.db"
    subprocess.run([sys.executable, "-m", "newsclaims", "build", "-q", str(ROOT / "seeds"), "--db", str(db_path)],
                   check=True)
    return db_path


def served_copy(db_path, folder):
    """``db_path`` under the name metadata.yml expects (a symlink, so nothing is copied)."""
    db_path = Path(db_path).resolve()
    if db_path.name == f"{DATABASE}.db":
        return db_path
    link = Path(folder) / f"{DATABASE}.db"
    link.symlink_to(db_path)
    return link


def plan(db_path, rows=READER_ROWS, names=READER_NAMES):
    """(category, path) pairs to cycle through, in a fixed shuffled order: every kind of page a reader asks
    for, over many rows and the most mentioned names, so a response cache cannot answer them all from a few copies."""
    popular = read_column(db_path, "select name from entities order by mentions desc limit ?", names)
    paths = []
    for name, query in saved_queries().items():
        params = parameters_of(query)
        for value in popular if set(params) & NAME_PARAMS else [""]:
            query = urllib.parse.urlencode({param: value if param in NAME_PARAMS else PARAM_VALUES.get(param, "")
                                            for param in params})
            paths.append(("saved query", f"/{DATABASE}/{name}?{query}"))
            paths.append(("saved query json", f"/{DATABASE}/{name}.json?{query}&_shape=array"))
    for word in SEARCH_WORDS + popular:
        paths.append(("search", f"/{DATABASE}/articles?_search={urllib.parse.quote(word)}"))
    for table in ("quotes", "figures", "articles"):
        for row_id in read_column(db_path, f"select id from {table} order by id limit ?", rows):
            paths.append(("row page", f"/{DATABASE}/{table}/{row_id}"))
    paths += [("article page", f"/-/article/{row_id}")
              for row_id in read_column(db_path, "select id from articles order by id limit ?", rows)]
    paths += [("entity page", f"/-/entity/{row_id}")
              for row_id in read_column(db_path, "select id from entities order by id limit ?", rows)]
    paths.append(("csv", f"/{DATABASE}/figures.csv?_stream=on"))
    paths.append(("csv", f"/{DATABASE}/quotes.csv?_stream=on&_labels=on"))
    for table in ("quotes", "figures", "entities"):
        paths.append(("json", f"/{DATABASE}/{table}.json?_shape=array&_size=50"))
    paths.append(("home", "/"))
    random.Random(0).shuffle(paths)
    return paths


def hostile_plan(db_path):
    """(category, path) pairs of attacks; every category name starts with "hostile"."""
    paths = []
    for search in map(urllib.parse.quote, HOSTILE_SEARCHES):
        paths += [("hostile search", f"/{DATABASE}/{name}?search={search}")
                  for name in ("search_articles", "search_quotes")]
        paths.append(("hostile search", f"/{DATABASE}/quotes?_search={search}"))
    paths += [("hostile sql", f"/{DATABASE}.json?{urllib.parse.urlencode({'sql': sql})}") for sql in HOSTILE_SQL]
    paths.append(("hostile provenance", f"/-/provenance/quotes/{big_article_quote(db_path)}"))
    paths += [("hostile bad url", path) for path in BAD_URLS]
    return paths


def mixed(readers, attacks):
    """The readers' plan with one attack in every HOSTILE_EVERY requests."""
    paths = []
    for n, reader in enumerate(readers * len(attacks)):
        paths.append(reader)
        if n % (HOSTILE_EVERY - 1) == HOSTILE_EVERY - 2:
            paths.append(attacks[(n // (HOSTILE_EVERY - 1)) % len(attacks)])
    return paths


def fetch(base, category, path):
    """One GET, read to the end: (category, path, status or error text, seconds)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = f"{type(error).__name__}: {error}"
    return category, path, status, time.perf_counter() - started


def hammer(base, paths, requests, concurrency, seconds):
    """Send up to ``requests`` requests, ``concurrency`` at a time, and none after ``seconds``; wait for the answers.

    Returns (results, seconds taken, seconds after the start when the last request was sent)."""
    results = []
    begun = time.monotonic()
    deadline = begun + seconds
    last_sent = 0.0  # seconds after the start when the last request went out: never past the cap
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        pending = set()
        sent = 0
        while (sent < requests and time.monotonic() < deadline) or pending:
            while sent < requests and len(pending) < concurrency and (now := time.monotonic()) < deadline:
                category, path = paths[sent % len(paths)]
                pending.add(pool.submit(fetch, base, category, path))
                last_sent = now - begun
                sent += 1
            done, pending = wait(pending, timeout=max(0.05, deadline - time.monotonic()), return_when=FIRST_COMPLETED)
            results.extend(future.result() for future in done)
    return results, time.perf_counter() - started, last_sent


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def is_hostile(category):
    return category.startswith("hostile")


def ok(category, status):
    """A reader must get 2xx; an attack may be refused (4xx) but must never break the server (5xx, timeout)."""
    if not isinstance(status, int):
        return False
    return status < 500 if is_hostile(category) else 200 <= status < 300


def summarise(results, elapsed, last_sent):
    """Totals, latency percentiles and errors, overall, for ordinary readers and per category."""
    categories = {}
    for category, _path, status, seconds in results:
        entry = categories.setdefault(category, {"requests": 0, "ok": 0, "latencies": []})
        entry["requests"] += 1
        entry["ok"] += ok(category, status)
        entry["latencies"].append(seconds)
    errors = [(category, path[:120], status) for category, path, status, _ in results if not ok(category, status)]
    latencies = [seconds for *_, seconds in results]
    readers = [seconds for category, *_, seconds in results if not is_hostile(category)]
    return {
        "requests": len(results),
        "seconds": round(elapsed, 3),
        "last_sent_seconds": round(last_sent, 3),
        "requests_per_second": round(len(results) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "readers_p95_ms": round(percentile(readers, 0.95) * 1000, 1),
        "slowest_ms": round(max(latencies, default=0.0) * 1000, 1),
        "errors": len(errors),
        "error_examples": errors[:10],
        "categories": {
            name: {"requests": e["requests"], "ok": e["ok"],
                   "p50_ms": round(percentile(e["latencies"], 0.50) * 1000, 1),
                   "p95_ms": round(percentile(e["latencies"], 0.95) * 1000, 1),
                   "max_ms": round(max(e["latencies"]) * 1000, 1)}
            for name, e in sorted(categories.items())
        },
    }


def run(db_path=None, requests=1000, concurrency=8, seconds=60.0, hostile=False):
    """Serve ``db_path`` (default: seeds built into a temp dir), load it, stop; returns the summary dict.

    ``hostile`` serves a copy with a 1.5 MB article added and mixes attacks in with the readers."""
    with tempfile.TemporaryDirectory(prefix="newsclaims-load-") as folder:
        if db_path is None:
            db_path = build_seeds(Path(folder) / "seeds" if hostile else folder)
        if hostile:
            db_path = with_big_article(db_path, folder)
        db_path = served_copy(db_path, folder)
        paths = mixed(plan(db_path), hostile_plan(db_path)) if hostile else plan(db_path)
        with Server(db_path) as server:
            results, elapsed, last_sent = hammer(server.base, paths, requests, concurrency, seconds)
    return summarise(results, elapsed, last_sent)


def report(summary):
    lines = [
        f"{summary['requests']} requests in {summary['seconds']:.1f}s, the last sent at "
        f"{summary['last_sent_seconds']:.1f}s: {summary['requests_per_second']} requests/s, "
        f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, {summary['errors']} errors",
        f"ordinary readers' p95 {summary['readers_p95_ms']} ms; slowest request {summary['slowest_ms']} ms",
    ]
    for name, entry in summary["categories"].items():
        lines.append(f"  {name:18} {entry['requests']:6} requests, {entry['ok']:6} ok, "
                     f"p50 {entry['p50_ms']:8.1f} ms, p95 {entry['p95_ms']:8.1f} ms, max {entry['max_ms']:8.1f} ms")
    for category, path, status in summary["error_examples"]:
        lines.append(f"  error: {category} {path}: {status}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database to serve (default: build seeds/ into a temp dir)")
    parser.add_argument("--requests", type=int, default=1000, help="stop after this many requests (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default 8)")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop sending after this long (default 60)")
    parser.add_argument("--hostile", action="store_true", help="mix attacks in with the readers (see above)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.exists():
        parser.error(f"{args.db} does not exist")
    summary = run(args.db, requests=args.requests, concurrency=max(1, args.concurrency), seconds=args.seconds,
                  hostile=args.hostile)
    print(json.dumps(summary, indent=2) if args.json else report(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
