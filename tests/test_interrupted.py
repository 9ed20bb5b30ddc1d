"""Builds killed halfway, and builds racing for one database, in real processes.

A build writes in place, in one transaction: a killed build must leave the
last committed database byte for byte as it was, readers must see the old
articles until a build commits and all of them after, and the next build
must finish the job. Two builds at once: one waits for the lock (or, with
--wait 0, exits 3 saying why), and the file is never torn.

A build is interrupted where it says it is: started with
NEWSCLAIMS_TEST_PAUSE_AFTER=n, it stops itself after writing its n-th article
and says so on stderr, so the test's signal never races the build's progress.
"""
import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from newsclaims.build import PAUSE_AFTER_VARIABLE
from newsclaims.cli import cli

pytestmark = pytest.mark.slow  # builds of 150 articles, each in its own process

ARTICLES = 150
BASELINE = 20  # articles in the database before the interrupted build
PLACES = ["Kyiv", "Odesa", "Geneva", "Lviv", "Warsaw", "Brussels"]


def story(i):
    place, other = PLACES[i % len(PLACES)], PLACES[(i + 1) % len(PLACES)]
    return (
        f"Talks in {place}, day {i}\nBy Ana Lopes\n\n"
        f"Officials in {place} said {i + 3} drones were shot down overnight near {other}. "
        f"\u201cWe will rebuild {place} within 2 years,\u201d said Jens Stoltenberg on Monday. "
        f"About {i * 10 + 5} people left the city, the United Nations said in a statement.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of all ARTICLES; few() names the first BASELINE of them."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "all").mkdir()
    for i in range(ARTICLES):
        (root / "all" / f"story-{i:03d}.txt").write_text(story(i), encoding="utf-8")
    return root


def few(corpus):
    """The files of the baseline build: the same files the full build reads first."""
    return sorted((corpus / "all").iterdir())[:BASELINE]


def command(*args):
    return [sys.executable, "-m", "newsclaims", "build", "-q", *map(str, args)]


def start(*args, pause_after=None):
    """A build in its own process; with ``pause_after``, it stops itself once it has written that many articles."""
    env = dict(os.environ)
    if pause_after is not None:
        env[PAUSE_AFTER_VARIABLE] = str(pause_after)
    # SIGINT as at a terminal, though the tests may run in the background, where the shell ignores it
    return subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def start_paused(*args, after):
    """A build in its own process, stopped (SIGSTOP) and uncommitted once it has written ``after`` articles."""
    proc = start(*args, pause_after=after)
    read_until(proc, f"paused after writing {after} articles")
    return proc


def build(*args):
    """A build in this process (spaCy is loaded once): (exit code, messages)."""
    result = CliRunner().invoke(cli, ["build", "-q", *map(str, args)])
    return result.exit_code, result.output


def lock_held(db_path):
    """True while a build holds the lock beside ``db_path``."""
    with open(f"{db_path}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def read_until(proc, line_start):
    """Read the build's messages until one starts with ``line_start``; fail if the build ends first."""
    for line in proc.stderr:
        if line.startswith(line_start):
            return
    pytest.fail(f"the build ended before saying {line_start!r}: {proc.wait()}")


class Reader(threading.Thread):
    """Counts the articles, as a reader of the served site would, until stopped: every count it saw."""

    def __init__(self, db_path):
        super().__init__(daemon=True)
        self.db_path, self.seen, self.done = db_path, set(), threading.Event()
        self.counted = threading.Event()

    def start(self):
        """Start, and return once the first count is in: before anything the test starts next."""
        super().start()
        self.counted.wait()

    def run(self):
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)
        while True:
            stopping = self.done.is_set()  # so the last read comes after stop() was called
            self.seen.add(conn.execute("select count(*) from articles").fetchone()[0])
            self.counted.set()
            if stopping:
                break
            time.sleep(0.01)
        conn.close()

    def stop(self):
        self.done.set()
        self.join()
        return self.seen


def table_counts(db_path):
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("articles", "entities", "mentions", "quotes", "figures")}
    finally:
        conn.close()


class Complete(NamedTuple):
    counts: dict
    size: int


@pytest.fixture(scope="module")
def complete(corpus, tmp_path_factory):
    """Row counts and size of an uninterrupted build of every article: what a finished job looks like."""
    db_path = tmp_path_factory.mktemp("complete") / "complete.db"
    code, err = build(corpus / "all", "--db", db_path)
    assert code == 0, err
    return Complete(table_counts(db_path), db_path.stat().st_size)


def test_build_killed_at_its_last_article_leaves_the_last_committed_database(corpus, complete, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    code, err = build(*few(corpus), "--db", db_path)
    assert code == 0, err
    before_bytes = db_path.read_bytes()
    before = table_counts(db_path)
    assert before["articles"] == BASELINE

    reader = Reader(db_path)
    reader.start()
    proc = start_paused(corpus / "all", "--db", db_path, after=ARTICLES - BASELINE)  # the last one: uncommitted
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert reader.stop() == {BASELINE}  # readers never saw a half-written build

    assert db_path.read_bytes() == before_bytes
    assert table_counts(db_path) == before

    code, err = build(corpus / "all", "--db", db_path)
    assert code == 0, err
    assert f"{ARTICLES - BASELINE} added, 0 updated, {BASELINE} unchanged, 0 failed" in err
    assert table_counts(db_path) == complete.counts


def test_readers_see_the_old_articles_until_the_build_commits_then_all_of_them(corpus, complete, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    code, err = build(*few(corpus), "--db", db_path)
    assert code == 0, err
    reader = Reader(db_path)
    reader.start()
    proc = start(corpus / "all", "--db", db_path)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert reader.stop() == {BASELINE, ARTICLES}
    assert table_counts(db_path) == complete.counts


def test_second_build_fails_clearly_without_waiting_and_succeeds_after_waiting(corpus, complete, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    first = start_paused(corpus / "all", "--db", db_path, after=1)  # frozen mid-build, holding the lock
    assert lock_held(db_path)
    try:
        code, err = build(*few(corpus), "--db", db_path, "--wait", "0")
        assert code == 3
        assert f"Error: another build is writing {db_path}" in err
        second = start(corpus / "all", "--db", db_path, "--wait", "30")
        waiting = second.stderr.readline()
        assert f"Waiting for another build of {db_path} to finish" in waiting
    finally:
        os.kill(first.pid, signal.SIGCONT)
    _, first_err = first.communicate(timeout=120)
    _, second_err = second.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert f"0 added, 0 updated, {ARTICLES} unchanged, 0 failed" in second_err  # it saw the first one's work
    assert table_counts(db_path) == complete.counts


def test_two_builds_started_at_once_end_sanely(corpus, complete, tmp_path):
    """Whoever wins the race: each exits 0 or 3 with the reason, at least one builds, the file is whole."""
    db_path = tmp_path / "newsclaims.db"
    procs = [start(corpus / "all", "--db", db_path, "--wait", "0") for _ in range(2)]
    outcomes = [(proc.wait(timeout=120), proc.communicate()[1]) for proc in procs]
    assert 0 in [code for code, _ in outcomes], outcomes
    for code, err in outcomes:
        assert code in (0, 3), err
        if code == 3:
            assert "another build is writing" in err
    assert table_counts(db_path) == complete.counts


def children(pid):
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) == pid and state != "Z":
                found.append(int(entry))
    return found


def alive(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_killed_parallel_build_leaves_no_workers_and_no_lock(corpus, tmp_path):
    db_path = tmp_path / "newsclaims.db"
    proc = start_paused(corpus / "all", "--db", db_path, "-j", "2", after=1)  # its workers are parsing
    workers = children(proc.pid)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]
    code, err = build(*few(corpus), "--db", db_path, "--wait", "0")
    assert code == 0, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("processes", ["1", "2"])
def test_stopped_build_exits_3_and_leaves_the_database_as_it_was(corpus, tmp_path, signum, processes):
    db_path = tmp_path / "newsclaims.db"
    code, err = build(*few(corpus), "--db", db_path)
    assert code == 0, err
    before = db_path.read_bytes()
    proc = start_paused(corpus / "all", "--db", db_path, "-j", processes, after=1)
    os.kill(proc.pid, signum)  # pending while the build is stopped; handled as it resumes
    os.kill(proc.pid, signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err
    assert f"Interrupted ({signal.Signals(signum).name}): {db_path} was not changed" in err
    assert "Traceback" not in err  # the workers stop without a word: the build's one line says it all
    assert db_path.read_bytes() == before
    assert table_counts(db_path)["articles"] == BASELINE
