"""The database: schema, writing one article's rows, and the atomic swap.

Writes go to a private copy of the database beside it; only a finished build
replaces the real file (``os.replace`` is atomic), so a failed or killed build
leaves the previous database exactly as it was.
"""
import fcntl
import glob
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import DescIndex

ARTICLE_COLUMNS = {
    "id": int, "slug": str, "label": str, "title": str, "published": str, "byline": str, "outlet": str, "dateline": str,
    "body": str, "words": int, "sha256": str, "source_path": str, "encoding": str, "url": str, "record": int,
    "quotes": int, "figures": int, "unattributed": int, "claims": int,
}
ENTITY_COLUMNS = {"id": int, "name": str, "type": str, "mentions": int, "quotes": int, "figures": int}
# A summary of figures by unit, remade after every build: the site's "what is counted" answers from it.
UNIT_COLUMNS = {"unit": str, "category": str, "figures": int, "claimants": int, "articles": int}
MENTION_COLUMNS = {"id": int, "article_id": int, "entity_id": int, "start": int, "end": int, "text": str}
QUOTE_COLUMNS = {
    "id": int, "article_id": int, "start": int, "end": int, "text": str, "kind": str, "speaker_id": int,
    "speaker_start": int, "speaker_end": int, "cue": str,
    "speaker_text": str, "speaker_text_start": int, "speaker_text_end": int, "part_of": int, "cue_tag": str,
}
FIGURE_COLUMNS = {
    "id": int, "article_id": int, "start": int, "end": int, "text": str, "value": float, "low": float,
    "high": float, "qualifier": str, "unit": str, "category": str, "claimant_id": int, "quote_id": int,
    "claimant_text": str, "claimant_text_start": int, "claimant_text_end": int,
}
CHILD_TABLES = ("mentions", "quotes", "figures")


class BuildLocked(RuntimeError):
    """Another build holds the database."""


TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS, "entities": ENTITY_COLUMNS, "mentions": MENTION_COLUMNS,
    "quotes": QUOTE_COLUMNS, "figures": FIGURE_COLUMNS, "units": UNIT_COLUMNS,
}
# Indexes the saved queries lean on at scale (checked with EXPLAIN QUERY PLAN in bench/).
QUERY_INDEXES = {
    "articles": [["claims"], ["published", "quotes", "figures"]],
    "entities": [["quotes"], ["figures"], ["mentions"]],
    "mentions": [["entity_id", "article_id"], ["article_id", "entity_id"]],
    "quotes": [["speaker_id", DescIndex("article_id"), "start"]],
    "figures": [["claimant_id", DescIndex("article_id"), "start"], ["claimant_id", "category", "unit", DescIndex("value")],
                ["unit", DescIndex("value")]],
}


def add_missing_columns(db):
    """Columns added since an older database was built, so updating it never needs --full."""
    for table, columns in TABLE_COLUMNS.items():
        have = db[table].columns_dict
        for name, type_ in columns.items():
            if name not in have:
                db[table].add_column(name, type_)


def create_schema(db):
    """Create every table, column, foreign key, index and FTS table that is missing."""
    db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"slug", "body", "sha256"}, if_not_exists=True)
    db["articles"].create_index(["slug"], unique=True, if_not_exists=True)
    db["articles"].create_index(["published"], if_not_exists=True)
    db["entities"].create(ENTITY_COLUMNS, pk="id", not_null={"name", "type"}, if_not_exists=True)
    db["entities"].create_index(["name"], unique=True, if_not_exists=True)
    db["mentions"].create(
        MENTION_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["quotes"].create(
        QUOTE_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "entities", "id")],
    )
    db["figures"].create(
        FIGURE_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("claimant_id", "entities", "id"), ("quote_id", "quotes", "id")],
    )
    for table in CHILD_TABLES:
        for fk in db[table].foreign_keys:
            db[table].create_index([fk.column], if_not_exists=True)
    db["quotes"].create_index(["kind"], if_not_exists=True)
    db["figures"].create_index(["unit"], if_not_exists=True)
    db["entities"].create_index(["type"], if_not_exists=True)
    db["units"].create(UNIT_COLUMNS, pk="unit", if_not_exists=True)
    add_missing_columns(db)
    for table, indexes in QUERY_INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    if not db["articles_fts"].exists():
        db["articles"].enable_fts(["title", "body"], tokenize="porter", create_triggers=True)
    if not db["quotes_fts"].exists():
        db["quotes"].enable_fts(["text"], tokenize="porter", create_triggers=True)


def known_articles(db):
    """slug -> sha256 of every article already stored."""
    return {row["slug"]: row["sha256"] for row in db.query("select slug, sha256 from articles")}


def known_sources(db):
    """slug -> source_path of every article already stored: which file owns each slug."""
    return {row["slug"]: row["source_path"] for row in db.query("select slug, source_path from articles")}


def entity_id(db, pair, known):
    """The id of a canonical (name, type), created on first sight; ``known`` caches name -> id."""
    if pair is None:
        return None
    name, type_ = pair
    if name not in known:
        known[name] = db["entities"].lookup({"name": name}, {"type": type_})
    return known[name]


def delete_article(db, slug):
    """Remove an article and every row that points at it."""
    row = db.execute("select id from articles where slug = ?", [slug]).fetchone()
    if row is None:
        return
    for table in ("figures", "quotes", "mentions"):
        db.execute(f"delete from {table} where article_id = ?", [row[0]])
    db.execute("delete from articles where id = ?", [row[0]])


def write_rows(db, rows, entity_ids=None):
    """Replace one article's rows with ``rows`` (an extract.Rows).

    Pass the same ``entity_ids`` dict to every call of one build: it saves a
    lookup per mention.
    """
    known = {} if entity_ids is None else entity_ids
    article = rows.article
    delete_article(db, article.slug)
    said = sum(quote.kind != "scare" and quote.part_of is None for quote in rows.quotes)
    unattributed = sum(claimant is None for claimant in rows.claimants)
    article_id = db["articles"].insert({
        "slug": article.slug, "label": article.label, "title": article.title, "published": article.published, "byline": article.byline,
        "outlet": article.outlet, "dateline": article.dateline, "body": article.body, "words": article.words,
        "sha256": article.sha256, "source_path": article.source_path, "encoding": article.encoding,
        "url": article.url, "record": article.record, "quotes": said, "figures": len(rows.figures),
        "unattributed": unattributed, "claims": said + len(rows.figures),
    }).last_pk
    db["mentions"].insert_all(
        {"article_id": article_id, "entity_id": entity_id(db, (m.name, m.type), known), "start": m.start, "end": m.end,
         "text": m.text}
        for m in rows.mentions
    )
    quote_ids = []
    for quote, speaker in zip(rows.quotes, rows.speakers):
        quote_ids.append(db["quotes"].insert({
            "article_id": article_id, "start": quote.start, "end": quote.end, "text": quote.text, "kind": quote.kind,
            "speaker_id": entity_id(db, speaker, known), "speaker_start": quote.speaker_start,
            "speaker_end": quote.speaker_end, "cue": quote.cue, "cue_tag": quote.cue_tag,
            **written("speaker_text", article.body, quote.speaker_text_start, quote.speaker_text_end),
        }).last_pk)
    for quote, quote_id in zip(rows.quotes, quote_ids):
        if quote.part_of is not None:
            db["quotes"].update(quote_id, {"part_of": quote_ids[quote.part_of]})
    db["figures"].insert_all(
        {"article_id": article_id, "start": f.start, "end": f.end, "text": f.text, "value": f.value, "low": f.low,
         "high": f.high, "qualifier": f.qualifier, "unit": f.unit, "category": f.category,
         "claimant_id": entity_id(db, claimant, known), "quote_id": None if f.quote is None else quote_ids[f.quote],
         **written("claimant_text", article.body, f.claimant_text_start, f.claimant_text_end)}
        for f, claimant in zip(rows.figures, rows.claimants)
    )


def written(name, body, start, end):
    """The source phrase as the article wrote it, with its offsets: searchable when it names no one."""
    text = None if start is None else body[start:end]
    return {name: text, f"{name}_start": start, f"{name}_end": end}


def merge_entity(db, old_id, new_id):
    """Repoint every row from one entity to another and drop the old one."""
    db.execute("update mentions set entity_id = ? where entity_id = ?", [new_id, old_id])
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [new_id, old_id])
    db.execute("update figures set claimant_id = ? where claimant_id = ?", [new_id, old_id])
    db.execute("delete from entities where id = ?", [old_id])


def merge_surnames(db):
    """A bare "Putin" joins "Vladimir Putin" when the database knows exactly one person of that surname.

    Within an article this happens at extraction; this catches articles that
    never give the full name.
    """
    people = list(db.query("select id, name from entities where type = 'PERSON'"))
    by_surname = {}
    for person in people:
        if " " in person["name"]:
            by_surname.setdefault(person["name"].split()[-1], []).append(person["id"])
    for person in people:
        matches = by_surname.get(person["name"], []) if " " not in person["name"] else []
        if len(matches) == 1:
            merge_entity(db, person["id"], matches[0])


ACRONYM_FILLERS = {"of", "for", "the", "and", "on", "in", "&"}


def initials(name):
    """ "International Atomic Energy Agency" -> "IAEA"; filler words do not count."""
    return "".join(word[0].upper() for word in name.split() if word.lower() not in ACRONYM_FILLERS)


def merge_acronyms(db):
    """"IAEA" joins "International Atomic Energy Agency" when exactly one organisation spells it out."""
    orgs = list(db.query("select id, name from entities where type = 'ORG'"))
    by_initials = {}
    for org in orgs:
        if len(org["name"].split()) >= 2:
            by_initials.setdefault(initials(org["name"]), []).append(org["id"])
    for org in orgs:
        name = org["name"]
        if 2 <= len(name) <= 8 and name.isupper() and name.isalpha():
            matches = by_initials.get(name, [])
            if len(matches) == 1:
                merge_entity(db, org["id"], matches[0])


def tidy(db):
    """Merge bare surnames and acronyms, drop entities nothing refers to, recount what each has, remake units."""
    merge_surnames(db)
    merge_acronyms(db)
    db.execute(
        "delete from entities where id not in (select entity_id from mentions) "
        "and id not in (select speaker_id from quotes where speaker_id is not null) "
        "and id not in (select claimant_id from figures where claimant_id is not null)"
    )
    db.execute("""
        update entities set
          mentions = (select count(*) from mentions where entity_id = entities.id),
          quotes = (select count(*) from quotes where speaker_id = entities.id and kind != 'scare' and part_of is null),
          figures = (select count(*) from figures where claimant_id = entities.id)
    """)
    # Databases built before these counts existed get them filled once.
    db.execute("""
        update articles set
          quotes = (select count(*) from quotes where article_id = articles.id and kind != 'scare' and part_of is null),
          figures = (select count(*) from figures where article_id = articles.id),
          unattributed = (select count(*) from figures where article_id = articles.id and claimant_id is null)
        where quotes is null
    """)
    db.execute("update articles set claims = quotes + figures where claims is null")
    db.execute("delete from units")
    db.execute("""
        insert into units (unit, category, figures, claimants, articles)
        select unit, max(category), count(*), count(distinct coalesce(claimant_id, 0)), count(distinct article_id)
        from figures where unit is not null group by unit
    """)


@contextmanager
def build_lock(path, wait=60.0, on_wait=None):
    """Hold an exclusive lock beside the database while a build writes it."""
    lock_path = Path(f"{path}.lock")
    handle = open(lock_path, "w")
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(f"another build is writing {path}; try again when it has finished") from None
                if on_wait and not told:
                    on_wait()
                    told = True
                time.sleep(0.2)
        yield
    finally:
        handle.close()


def remove_stale_staging(path):
    """Delete staging copies of ``path`` left by builds that were killed (SIGKILL skips every cleanup).

    A staging file is named after the process writing it; one whose process no
    longer exists can never be finished, so it is only wasted disk.
    """
    for staging in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = staging.name[len(path.name) + 2:-len(".tmp")]
        if pid.isdigit() and not process_alive(int(pid)):
            staging.unlink(missing_ok=True)


def process_alive(pid):
    """True when a process with this id exists (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


@contextmanager
def staged_database(path, fresh=False):
    """A private working copy of ``path``; swapped in only if the block finishes.

    The copy goes through SQLite's backup API so a reader never sees a torn file.
    """
    path = Path(path)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    remove_stale_staging(path)
    staging.unlink(missing_ok=True)
    try:
        if path.exists() and not fresh:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            target = sqlite3.connect(staging)
            with target:
                source.backup(target)
            source.close()
            target.close()
        db = sqlite_utils.Database(staging)
        # The staging copy is thrown away on any failure, so it needs no journal or syncs.
        db.execute("pragma journal_mode = off")
        db.execute("pragma synchronous = off")
        create_schema(db)
        yield db
        db.conn.commit()
        db.execute("pragma journal_mode = delete")
        db.close()
        with open(staging, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
