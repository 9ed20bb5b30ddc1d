"""Load-test the published site: start Datasette on 127.0.0.1, send concurrent requests, report speed and errors.

Bounded twice: it stops after --requests requests or --seconds seconds,
whichever comes first, then stops the server. Only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/load.py                       # builds seeds/ into a temp dir first
    .venv/bin/python bench/load.py --db newsclaims.db --requests 2000 --concurrency 16 --seconds 60

Requests cycle through categories a reader hits: every saved query in
metadata.yml (as a page and as JSON), full-text search, row pages, streamed
CSV and JSON table pages. Exit status 1 if any request failed.
"""
import argparse
import json
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from datasette.utils import tilde_encode

from newsclaims.site import METADATA_NAME, metadata_for, served_names

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Values for saved-query parameters; anything else gets DEFAULT_PARAM.
PARAM_VALUES = {"unit": "", "search": "said", "speaker": "Putin", "claimant": "Putin", "entity": "Ukraine"}
DEFAULT_PARAM = "Ukraine"
SEARCH_WORDS = ["tanks", "Putin", "NATO", "ceasefire", "Kyiv", "missiles", "said"]
REQUEST_TIMEOUT = 30


def free_port():
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def build_seeds(folder):
    """Build seeds/ into ``folder``/newsclaims.db with the project's own command; returns the path."""
    db_path = Path(folder) / "newsclaims.db"
    subprocess.run([sys.executable, "-m", "newsclaims", "build", "-q", str(ROOT / "seeds"), "--db", str(db_path)],
                   check=True)
    return db_path


class Server:
    """Datasette in a child process on 127.0.0.1, stopped on exit from the with-block."""

    def __init__(self, db_path, port=None):
        self.db_path = db_path
        self.port = port or free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.proc = None
        self.log = tempfile.TemporaryFile()

    def __enter__(self):
        # As `make serve` runs it: the database served read-only, seeing each build as it commits.
        command = [sys.executable, "-m", "newsclaims", "serve", str(self.db_path), "--host", HOST,
                   "--port", str(self.port)]
        self.proc = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.wait_ready()
        return self

    def wait_ready(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"datasette exited with {self.proc.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.base}/-/versions.json", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"datasette did not answer within {timeout:.0f}s:\n{self.output()}")

    def output(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        return False


def saved_queries():
    """name -> {param: value} for every saved query the site serves."""
    found = {}
    for name, query in metadata_for([METADATA_NAME])["databases"][METADATA_NAME]["queries"].items():
        params = sorted(set(re.findall(r"(?<![:\w]):(\w+)", query["sql"])))
        found[name] = {param: PARAM_VALUES.get(param, DEFAULT_PARAM) for param in params}
    return found


def row_ids(db_path, table, limit=50):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute(f"select id from {table} order by id limit ?", [limit])]
    finally:
        conn.close()


def plan(db_path):
    """(category, path) pairs to cycle through: one of each kind a reader would ask for."""
    database = tilde_encode(served_names([db_path])[0])
    paths = []
    for name, params in saved_queries().items():
        query = urllib.parse.urlencode(params)
        paths.append(("saved query", f"/{database}/{name}?{query}"))
        paths.append(("saved query json", f"/{database}/{name}.json?{query}&_shape=array"))
    for word in SEARCH_WORDS:
        paths.append(("search", f"/{database}/articles?_search={urllib.parse.quote(word)}"))
    for table in ("quotes", "figures", "articles"):
        for row_id in row_ids(db_path, table, limit=5):
            paths.append(("row page", f"/{database}/{table}/{row_id}"))
    paths.append(("csv", f"/{database}/figures.csv?_stream=on"))
    paths.append(("csv", f"/{database}/quotes.csv?_stream=on&_labels=on"))
    for table in ("quotes", "figures", "entities"):
        paths.append(("json", f"/{database}/{table}.json?_shape=array&_size=50"))
    paths.append(("home", "/"))
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
    """Send up to ``requests`` requests, ``concurrency`` at a time, and stop sending after ``seconds``."""
    results = []
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        pending = set()
        sent = 0
        while (sent < requests and time.monotonic() < deadline) or pending:
            while sent < requests and len(pending) < concurrency and time.monotonic() < deadline:
                category, path = paths[sent % len(paths)]
                pending.add(pool.submit(fetch, base, category, path))
                sent += 1
            done, pending = wait(pending, timeout=max(0.05, deadline - time.monotonic()), return_when=FIRST_COMPLETED)
            results.extend(future.result() for future in done)
    return results, time.perf_counter() - started


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(results, elapsed):
    """Totals, latency percentiles and errors, overall and per category."""
    def ok(status):
        return isinstance(status, int) and 200 <= status < 300

    categories = {}
    for category, path, status, seconds in results:
        entry = categories.setdefault(category, {"requests": 0, "ok": 0, "latencies": []})
        entry["requests"] += 1
        entry["ok"] += ok(status)
        entry["latencies"].append(seconds)
    errors = [(category, path, status) for category, path, status, _ in results if not ok(status)]
    latencies = [seconds for *_, seconds in results]
    return {
        "requests": len(results),
        "seconds": round(elapsed, 3),
        "requests_per_second": round(len(results) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "errors": len(errors),
        "error_examples": errors[:10],
        "categories": {
            name: {"requests": e["requests"], "ok": e["ok"],
                   "p50_ms": round(percentile(e["latencies"], 0.50) * 1000, 1),
                   "p95_ms": round(percentile(e["latencies"], 0.95) * 1000, 1)}
            for name, e in sorted(categories.items())
        },
    }


def run(db_path=None, requests=1000, concurrency=8, seconds=60.0):
    """Serve ``db_path`` (default: seeds built into a temp dir), load it, stop; returns the summary dict."""
    with tempfile.TemporaryDirectory(prefix="newsclaims-load-") as folder:
        db_path = build_seeds(folder) if db_path is None else db_path
        paths = plan(db_path)
        with Server(db_path) as server:
            results, elapsed = hammer(server.base, paths, requests, concurrency, seconds)
    return summarise(results, elapsed)


def report(summary):
    lines = [
        f"{summary['requests']} requests in {summary['seconds']:.1f}s: {summary['requests_per_second']} requests/s, "
        f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, {summary['errors']} errors",
    ]
    for name, entry in summary["categories"].items():
        lines.append(f"  {name:18} {entry['requests']:6} requests, {entry['ok']:6} ok, "
                     f"p50 {entry['p50_ms']:8.1f} ms, p95 {entry['p95_ms']:8.1f} ms")
    for category, path, status in summary["error_examples"]:
        lines.append(f"  error: {category} {path}: {status}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database to serve (default: build seeds/ into a temp dir)")
    parser.add_argument("--requests", type=int, default=1000, help="stop after this many requests (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default 8)")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop sending after this long (default 60)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.exists():
        parser.error(f"{args.db} does not exist")
    summary = run(args.db, requests=args.requests, concurrency=max(1, args.concurrency), seconds=args.seconds)
    print(json.dumps(summary, indent=2) if args.json else report(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
