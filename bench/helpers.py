"""What the benchmarks and the tests share, so that neither imports the other.

The project's saved queries and their parameters, the site as `newsclaims
serve` launches it (in this process or as a server on 127.0.0.1), and a copy
of a database with one very long article added.
"""
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from newsclaims import site

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "newsclaims"  # the name metadata.yml uses; the served file must be called newsclaims.db
HOST = "127.0.0.1"
BIG_ARTICLE_CHARS = 1_500_000
SPAN_TABLES = ("quotes", "figures", "mentions")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when installed: ten times faster


def project_metadata():
    return yaml.load((ROOT / "metadata.yml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def saved_queries():
    """name -> the saved query (sql, title, description...) for every saved query in metadata.yml."""
    return project_metadata()["databases"][DATABASE]["queries"]


def parameters_of(query):
    """The parameters a saved query takes: its ``params``, else every :name in its SQL."""
    if query.get("params"):
        return query["params"]
    return sorted(set(re.findall(r"(?<![:\w]):(\w+)", query["sql"])))


def datasette_for(*db_paths):
    """The site over db_paths, launched as `newsclaims serve` launches it; ask it with ``.client``."""
    return site.datasette(*db_paths)


def free_port():
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def with_big_article(db_path, folder):
    """A copy of ``db_path`` in ``folder`` with one more article of about 1.5 MB: the article with most quotes,
    repeated with its quotes, figures and mentions, as a long transcript or live blog would be."""
    copy = Path(folder) / f"{DATABASE}.db"
    copy.write_bytes(Path(db_path).read_bytes())
    conn = sqlite3.connect(copy)
    conn.row_factory = sqlite3.Row
    with conn:
        source = conn.execute("select * from articles order by quotes desc limit 1").fetchone()
        body = source["body"] + "\n\n"
        copies = BIG_ARTICLE_CHARS // len(body) + 1
        article = {**dict(source), "id": None, "slug": source["slug"] + "-repeated", "body": body * copies,
                   "words": (source["words"] or 0) * copies, "sha256": "repeated"}
        article_id = insert_row(conn, "articles", article)
        for table in SPAN_TABLES:
            rows = [dict(row) for row in conn.execute(f"select * from {table} where article_id = ?", [source["id"]])]
            for n in range(copies):
                for row in rows:
                    insert_row(conn, table, shifted(row, article_id, n * len(body)))
    conn.close()
    return copy


def insert_row(conn, table, row):
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" for _ in row)
    return conn.execute(f'insert into {table} ({columns}) values ({marks})', list(row.values())).lastrowid


def shifted(row, article_id, offset):
    """A span row moved ``offset`` characters on, into ``article_id``, with a new id."""
    row = {**row, "id": None, "article_id": article_id}
    for column in ("start", "end", "speaker_start", "speaker_end"):
        if row.get(column) is not None:
            row[column] += offset
    if "quote_id" in row:
        row["quote_id"] = None
    return row


def big_article_quote(db_path):
    """The id of a quote in the middle of the longest article."""
    return read_column(db_path, """select q.id from quotes q where q.article_id = (select id from articles
                            order by length(body) desc limit 1) order by q.start
                            limit 1 offset (select count(*) / 2 from quotes where article_id = (
                            select id from articles order by length(body) desc limit 1))""")[0]


class Server:
    """Datasette in a child process on 127.0.0.1, stopped on exit from the with-block."""

    def __init__(self, db_path, port=None):
        self.db_path = db_path
        self.port = port or free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.proc = None
        self.log = tempfile.TemporaryFile()

    def __enter__(self):
        # Like `make serve`: the database served read-only, seeing each build as it commits.
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


def read_column(db_path, sql, *params):
    """The first column of every row ``sql`` gives, read through a read-only connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute(sql, params)]
    finally:
        conn.close()
